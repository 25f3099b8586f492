#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace hsim::sim {

// Element types hsim can size. The set follows ONNX's tensor element types that occur in
// inference graphs; strings and complex numbers have no fixed size and are not supported.
enum class DType { kFloat32, kFloat16, kBFloat16, kFloat64, kInt8, kUInt8, kInt16, kUInt16,
                   kInt32, kUInt32, kInt64, kUInt64, kBool };

int64_t dtype_bytes(DType type);
std::string_view dtype_name(DType type);
bool is_floating(DType type);

// Maps an ONNX TensorProto::DataType code; nullopt for types hsim cannot size.
std::optional<DType> dtype_from_onnx(int onnx_code);

}  // namespace hsim::sim
