#include "onnx/proto_reading.h"

#include <cstring>

namespace hsim::sim::onnx_reading {

TypeAndShape read_type(const onnx::TypeProto& type) {
  TypeAndShape result;
  if (!type.has_tensor_type()) return result;
  const auto& tensor = type.tensor_type();
  result.elem_type = tensor.elem_type();
  if (!tensor.has_shape()) return result;
  result.known = result.elem_type != 0;
  for (const auto& dim : tensor.shape().dim()) {
    if (dim.has_dim_value()) {
      result.dims.push_back(dim.dim_value());
    } else {
      if (result.unknown_dim.empty())
        result.unknown_dim = dim.has_dim_param() ? dim.dim_param() : "?";
      result.known = false;
      result.dims.push_back(-1);
    }
  }
  return result;
}

TypeAndShape read_initializer(const onnx::TensorProto& tensor) {
  TypeAndShape result;
  result.elem_type = tensor.data_type();
  result.dims.assign(tensor.dims().begin(), tensor.dims().end());
  result.known = true;
  return result;
}

std::optional<std::vector<int64_t>> read_small_ints(const onnx::TensorProto& tensor,
                                                    size_t max_elements) {
  const bool is64 = tensor.data_type() == onnx::TensorProto::INT64;
  const bool is32 = tensor.data_type() == onnx::TensorProto::INT32;
  if (!is64 && !is32) return std::nullopt;
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) return std::nullopt;
  std::vector<int64_t> values;
  if (tensor.has_raw_data()) {
    const std::string& raw = tensor.raw_data();
    const size_t width = is64 ? 8 : 4;
    if (raw.size() % width != 0 || raw.size() / width > max_elements) return std::nullopt;
    for (size_t at = 0; at < raw.size(); at += width) {
      if (is64) {
        int64_t v;
        std::memcpy(&v, raw.data() + at, 8);  // ONNX raw data is little-endian, as is x86-64
        values.push_back(v);
      } else {
        int32_t v;
        std::memcpy(&v, raw.data() + at, 4);
        values.push_back(v);
      }
    }
  } else if (is64) {
    if (static_cast<size_t>(tensor.int64_data_size()) > max_elements) return std::nullopt;
    values.assign(tensor.int64_data().begin(), tensor.int64_data().end());
  } else {
    if (static_cast<size_t>(tensor.int32_data_size()) > max_elements) return std::nullopt;
    values.assign(tensor.int32_data().begin(), tensor.int32_data().end());
  }
  return values;
}

std::optional<onnx::TensorProto> constant_value(const onnx::NodeProto& node) {
  for (const auto& attr : node.attribute()) {
    onnx::TensorProto t;
    if (attr.name() == "value" && attr.has_t()) return attr.t();
    if (attr.name() == "value_float") {
      t.set_data_type(onnx::TensorProto::FLOAT);
      t.add_float_data(attr.f());
    } else if (attr.name() == "value_int") {
      t.set_data_type(onnx::TensorProto::INT64);
      t.add_int64_data(attr.i());
    } else if (attr.name() == "value_floats") {
      t.set_data_type(onnx::TensorProto::FLOAT);
      t.add_dims(attr.floats_size());
      for (float f : attr.floats()) t.add_float_data(f);
    } else if (attr.name() == "value_ints") {
      t.set_data_type(onnx::TensorProto::INT64);
      t.add_dims(attr.ints_size());
      for (int64_t i : attr.ints()) t.add_int64_data(i);
    } else {
      continue;
    }
    return t;
  }
  return std::nullopt;
}

std::map<std::string, AttrValue> read_attributes(const onnx::NodeProto& node) {
  std::map<std::string, AttrValue> attrs;
  for (const auto& attr : node.attribute()) {
    switch (attr.type()) {
      case onnx::AttributeProto::INT: attrs[attr.name()] = int64_t{attr.i()}; break;
      case onnx::AttributeProto::FLOAT: attrs[attr.name()] = double{attr.f()}; break;
      case onnx::AttributeProto::STRING: attrs[attr.name()] = attr.s(); break;
      case onnx::AttributeProto::INTS:
        attrs[attr.name()] = std::vector<int64_t>(attr.ints().begin(), attr.ints().end());
        break;
      case onnx::AttributeProto::FLOATS:
        attrs[attr.name()] = std::vector<double>(attr.floats().begin(), attr.floats().end());
        break;
      case onnx::AttributeProto::STRINGS:
        attrs[attr.name()] = std::vector<std::string>(attr.strings().begin(), attr.strings().end());
        break;
      default: break;  // tensors, graphs, sparse tensors, type protos: not needed for costs
    }
  }
  return attrs;
}

bool has_subgraph(const onnx::NodeProto& node) {
  for (const auto& attr : node.attribute())
    if (attr.has_g() || attr.graphs_size() > 0) return true;
  return false;
}

}  // namespace hsim::sim::onnx_reading
