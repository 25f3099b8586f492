#include "onnx/shape_folding.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "onnx/proto_reading.h"

namespace hsim::sim::onnx_reading {

namespace {

constexpr size_t kMaxElements = 64;

// A small integer tensor: dims plus row-major values.
struct IntTensor {
  std::vector<int64_t> dims;
  std::vector<int64_t> values;
};

using Known = std::unordered_map<std::string, IntTensor>;

int64_t attr_int(const onnx::NodeProto& node, const char* name, int64_t fallback) {
  for (const auto& a : node.attribute())
    if (a.name() == name) return a.i();
  return fallback;
}

int64_t wrap(int64_t index, int64_t size) { return index < 0 ? index + size : index; }

// Element-wise binary op with numpy broadcasting restricted to equal sizes or a single value.
std::optional<IntTensor> binary(const IntTensor& a, const IntTensor& b,
                                const std::function<std::optional<int64_t>(int64_t, int64_t)>& f) {
  const size_t n = std::max(a.values.size(), b.values.size());
  if ((a.values.size() != n && a.values.size() != 1) || (b.values.size() != n && b.values.size() != 1))
    return std::nullopt;
  IntTensor out{a.values.size() >= b.values.size() ? a.dims : b.dims, {}};
  for (size_t i = 0; i < n; ++i) {
    auto v = f(a.values[a.values.size() == 1 ? 0 : i], b.values[b.values.size() == 1 ? 0 : i]);
    if (!v) return std::nullopt;
    out.values.push_back(*v);
  }
  return out;
}

std::optional<IntTensor> shape_of(const onnx::NodeProto& node,
                                  const std::unordered_map<std::string, std::vector<int64_t>>& shapes) {
  auto it = shapes.find(node.input(0));
  if (it == shapes.end()) return std::nullopt;
  const auto rank = static_cast<int64_t>(it->second.size());
  const int64_t start = std::clamp<int64_t>(wrap(attr_int(node, "start", 0), rank), 0, rank);
  const int64_t end = std::clamp<int64_t>(wrap(attr_int(node, "end", rank), rank), 0, rank);
  IntTensor out;
  for (int64_t d = start; d < end; ++d) out.values.push_back(it->second[static_cast<size_t>(d)]);
  out.dims = {static_cast<int64_t>(out.values.size())};
  return out;
}

std::optional<IntTensor> gather(const onnx::NodeProto& node, const IntTensor& data,
                                const IntTensor& indices) {
  if (data.dims.size() != 1 || attr_int(node, "axis", 0) != 0) return std::nullopt;
  IntTensor out{indices.dims, {}};
  const auto size = static_cast<int64_t>(data.values.size());
  for (int64_t i : indices.values) {
    i = wrap(i, size);
    if (i < 0 || i >= size) return std::nullopt;
    out.values.push_back(data.values[static_cast<size_t>(i)]);
  }
  return out;
}

int64_t count(const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return n;
}

// Slice along one axis with any step (ONNX clamping rules), on a tensor of any rank.
std::optional<IntTensor> slice(const std::vector<const IntTensor*>& in) {
  const IntTensor& data = *in[0];
  if (in[1]->values.size() != 1 || in[2]->values.size() != 1) return std::nullopt;
  const auto rank = static_cast<int64_t>(data.dims.size());
  const int64_t axis = in.size() > 3 && in[3] ? wrap(in[3]->values.at(0), rank) : 0;
  const int64_t step = in.size() > 4 && in[4] ? in[4]->values.at(0) : 1;
  if (axis < 0 || axis >= rank || step == 0) return std::nullopt;
  const int64_t size = data.dims[static_cast<size_t>(axis)];
  int64_t start = wrap(in[1]->values[0], size);
  int64_t end = wrap(std::clamp<int64_t>(in[2]->values[0], -size - 1, size), size);
  start = step > 0 ? std::clamp<int64_t>(start, 0, size) : std::clamp<int64_t>(start, 0, size - 1);
  end = step > 0 ? std::clamp<int64_t>(end, 0, size) : std::clamp<int64_t>(end, -1, size - 1);
  std::vector<int64_t> picked;
  for (int64_t i = start; step > 0 ? i < end : i > end; i += step) picked.push_back(i);
  const int64_t inner = count({data.dims.begin() + axis + 1, data.dims.end()});
  const int64_t outer = count({data.dims.begin(), data.dims.begin() + axis});
  IntTensor out{data.dims, {}};
  out.dims[static_cast<size_t>(axis)] = static_cast<int64_t>(picked.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i : picked)
      for (int64_t k = 0; k < inner; ++k)
        out.values.push_back(data.values[static_cast<size_t>((o * size + i) * inner + k)]);
  return out;
}

std::optional<IntTensor> reshape(const IntTensor& data, const IntTensor& shape) {
  std::vector<int64_t> dims = shape.values;
  int64_t known = 1, infer_at = -1;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == 0 && i < data.dims.size()) dims[i] = data.dims[i];
    if (dims[i] == -1) {
      infer_at = static_cast<int64_t>(i);
      continue;
    }
    known *= dims[i];
  }
  const auto total = static_cast<int64_t>(data.values.size());
  if (infer_at >= 0) {
    if (known <= 0 || total % known) return std::nullopt;
    dims[static_cast<size_t>(infer_at)] = total / known;
  }
  if (count(dims) != total) return std::nullopt;
  return IntTensor{dims, data.values};
}

std::optional<IntTensor> transpose_2d(const onnx::NodeProto& node, const IntTensor& data) {
  if (data.dims.size() != 2) return std::nullopt;
  for (const auto& a : node.attribute())
    if (a.name() == "perm" && !(a.ints_size() == 2 && a.ints(0) == 1 && a.ints(1) == 0))
      return std::nullopt;
  const int64_t rows = data.dims[0], cols = data.dims[1];
  IntTensor out{{cols, rows}, {}};
  for (int64_t c = 0; c < cols; ++c)
    for (int64_t r = 0; r < rows; ++r) out.values.push_back(data.values[static_cast<size_t>(r * cols + c)]);
  return out;
}

std::optional<IntTensor> constant_of_shape(const onnx::NodeProto& node, const IntTensor& shape) {
  int64_t fill = 0;
  for (const auto& a : node.attribute()) {
    if (a.name() != "value") continue;
    auto v = read_small_ints(a.t(), 1);
    if (!v || v->size() != 1) return std::nullopt;
    fill = (*v)[0];
  }
  const int64_t n = count(shape.values);
  if (n < 0 || n > static_cast<int64_t>(kMaxElements)) return std::nullopt;
  return IntTensor{shape.values, std::vector<int64_t>(static_cast<size_t>(n), fill)};
}

std::optional<IntTensor> evaluate(const onnx::NodeProto& node,
                                  const std::vector<const IntTensor*>& in) {
  const std::string& op = node.op_type();
  auto all = [&](size_t n) {
    return in.size() >= n && std::all_of(in.begin(), in.begin() + static_cast<long>(n),
                                         [](const IntTensor* t) { return t != nullptr; });
  };
  using V = std::optional<int64_t>;
  if (op == "Identity" && all(1)) return *in[0];
  if (op == "Cast" && all(1)) {
    const int64_t to = attr_int(node, "to", 0);
    if (to == onnx::TensorProto::INT64 || to == onnx::TensorProto::INT32) return *in[0];
    return std::nullopt;
  }
  if (op == "Gather" && all(2)) return gather(node, *in[0], *in[1]);
  if (op == "Add" && all(2)) return binary(*in[0], *in[1], [](int64_t a, int64_t b) -> V { return a + b; });
  if (op == "Sub" && all(2)) return binary(*in[0], *in[1], [](int64_t a, int64_t b) -> V { return a - b; });
  if (op == "Mul" && all(2)) return binary(*in[0], *in[1], [](int64_t a, int64_t b) -> V { return a * b; });
  if (op == "Div" && all(2))
    return binary(*in[0], *in[1], [](int64_t a, int64_t b) -> V { return b ? V(a / b) : std::nullopt; });
  if (op == "Mod" && all(2))
    return binary(*in[0], *in[1], [](int64_t a, int64_t b) -> V { return b ? V(a % b) : std::nullopt; });
  if (op == "Unsqueeze" && all(1) && in[0]->dims.empty()) return IntTensor{{1}, in[0]->values};
  if (op == "Squeeze" && all(1) && in[0]->values.size() == 1) return IntTensor{{}, in[0]->values};
  if (op == "Concat" && !in.empty() && all(in.size())) {
    IntTensor out;
    for (const IntTensor* t : in) {
      if (t->dims.size() > 1) return std::nullopt;
      out.values.insert(out.values.end(), t->values.begin(), t->values.end());
    }
    out.dims = {static_cast<int64_t>(out.values.size())};
    return out;
  }
  if (op == "Slice" && all(3)) return slice(in);
  if (op == "Reshape" && all(2)) return reshape(*in[0], *in[1]);
  if (op == "Transpose" && all(1)) return transpose_2d(node, *in[0]);
  if (op == "ConstantOfShape" && all(1)) return constant_of_shape(node, *in[0]);
  return std::nullopt;
}

onnx::TensorProto to_initializer(const std::string& name, const IntTensor& t) {
  onnx::TensorProto proto;
  proto.set_name(name);
  proto.set_data_type(onnx::TensorProto::INT64);
  for (int64_t d : t.dims) proto.add_dims(d);
  for (int64_t v : t.values) proto.add_int64_data(v);
  return proto;
}

std::unordered_map<std::string, std::vector<int64_t>> static_shapes(const onnx::GraphProto& graph) {
  std::unordered_map<std::string, std::vector<int64_t>> shapes;
  auto note = [&](const onnx::ValueInfoProto& info) {
    const auto type = read_type(info.type());
    if (type.known) shapes[info.name()] = type.dims;
  };
  for (const auto& v : graph.input()) note(v);
  for (const auto& v : graph.value_info()) note(v);
  for (const auto& v : graph.output()) note(v);
  for (const auto& init : graph.initializer())
    shapes[init.name()] = std::vector<int64_t>(init.dims().begin(), init.dims().end());
  return shapes;
}

}  // namespace

int fold_shape_arithmetic(onnx::GraphProto& graph) {
  Known known;
  for (const auto& init : graph.initializer())
    if (auto values = read_small_ints(init, kMaxElements))
      known[init.name()] = {std::vector<int64_t>(init.dims().begin(), init.dims().end()), *values};
  std::unordered_set<std::string> outputs;
  for (const auto& out : graph.output()) outputs.insert(out.name());
  const auto shapes = static_shapes(graph);

  int folded = 0;
  google::protobuf::RepeatedPtrField<onnx::NodeProto> kept;
  for (const auto& node : graph.node()) {
    std::optional<IntTensor> value;
    const bool single_output = node.output_size() == 1 && !outputs.count(node.output(0));
    if (single_output && node.domain().empty()) {
      if (node.op_type() == "Constant") {
        if (auto c = constant_value(node))
          if (auto v = read_small_ints(*c, kMaxElements))
            value = IntTensor{std::vector<int64_t>(c->dims().begin(), c->dims().end()), *v};
      } else if (node.op_type() == "Shape") {
        value = shape_of(node, shapes);
      } else {
        std::vector<const IntTensor*> in;
        for (const auto& name : node.input()) {
          auto it = known.find(name);
          in.push_back(it == known.end() ? nullptr : &it->second);
        }
        value = evaluate(node, in);
      }
    }
    if (!value || value->values.size() > kMaxElements) {
      *kept.Add() = node;
      continue;
    }
    known[node.output(0)] = *value;
    *graph.add_initializer() = to_initializer(node.output(0), *value);
    ++folded;
  }
  if (folded) {
    graph.mutable_node()->Swap(&kept);
    // Inferred types of folded tensors are stale now; the initializers say it all.
    google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> infos;
    for (const auto& info : graph.value_info())
      if (!known.count(info.name())) *infos.Add() = info;
    graph.mutable_value_info()->Swap(&infos);
  }
  return folded;
}

}  // namespace hsim::sim::onnx_reading
