#pragma once

// Conversions from ONNX protobuf messages to hsim's own structs. Only sim/onnx includes this.
#include <onnx/onnx_pb.h>

#include <optional>
#include <string>
#include <vector>

#include "graph/op.h"

namespace hsim::sim::onnx_reading {

// A tensor's element type and shape as the file (or shape inference) states them. `known` is
// false when the type or any dim is missing or symbolic.
struct TypeAndShape {
  int elem_type = 0;
  std::vector<int64_t> dims;
  bool known = false;
  std::string unknown_dim;  // the first symbolic dim's name, for messages
};

TypeAndShape read_type(const onnx::TypeProto& type);
TypeAndShape read_initializer(const onnx::TensorProto& tensor);

// Values of a small inline integer tensor (at most `max_elements`), nullopt otherwise.
std::optional<std::vector<int64_t>> read_small_ints(const onnx::TensorProto& tensor,
                                                    size_t max_elements = 64);

// The tensor a Constant node holds, as an initializer would carry it. nullopt for forms hsim
// does not read (sparse, strings).
std::optional<onnx::TensorProto> constant_value(const onnx::NodeProto& node);

// Attributes hsim uses; graph-valued attributes (control flow) are left out, see has_subgraph.
std::map<std::string, AttrValue> read_attributes(const onnx::NodeProto& node);
bool has_subgraph(const onnx::NodeProto& node);

}  // namespace hsim::sim::onnx_reading
