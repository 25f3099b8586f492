#include "onnx/model_preparation.h"

#include <onnx/shape_inference/implementation.h>

#include <unordered_map>
#include <unordered_set>

#include "common/error.h"
#include "graph/network.h"
#include "onnx/guarded_schemas.h"
#include "onnx/proto_reading.h"

namespace hsim::sim::onnx_reading {

namespace {

std::unordered_set<std::string> initializer_names(const onnx::GraphProto& graph) {
  std::unordered_set<std::string> names;
  for (const auto& init : graph.initializer()) names.insert(init.name());
  return names;
}

}  // namespace

// Names every node (exporters sometimes leave names empty) so messages can point at it.
std::string node_label(const onnx::NodeProto& node, int index) {
  if (!node.name().empty()) return node.name();
  return node.op_type() + "#" + std::to_string(index);
}

int64_t default_domain_opset(const onnx::ModelProto& model, const std::string& source) {
  for (const auto& entry : model.opset_import())
    if (entry.domain().empty() || entry.domain() == "ai.onnx") return entry.version();
  throw InputError(source, "the model imports no opset of the default ONNX domain");
}

void check_header(const onnx::ModelProto& model, const std::string& source) {
  if (!model.has_ir_version() || model.ir_version() <= 0)
    throw InputError(source, "not an ONNX model: it has no IR version");
  if (!model.has_graph() || model.graph().node_size() == 0)
    throw InputError(source, "the model has no graph (no nodes)");
  if (model.ir_version() < kMinIrVersion || model.ir_version() > kMaxIrVersion)
    throw InputError(source, "ONNX IR version " + std::to_string(model.ir_version()) +
                                 " is not supported (hsim reads IR versions " +
                                 std::to_string(kMinIrVersion) + " to " +
                                 std::to_string(kMaxIrVersion) + ")");
  const int64_t opset = default_domain_opset(model, source);
  if (opset < kMinOpset || opset > kMaxOpset)
    throw InputError(source, "opset " + std::to_string(opset) +
                                 " is not supported (hsim reads opsets " +
                                 std::to_string(kMinOpset) + " to " + std::to_string(kMaxOpset) +
                                 " of the default ONNX domain; re-export with opset_version=" +
                                 std::to_string(kMaxOpset) + ")");
}

// Checks that every node input is defined and every tensor written once, then puts the nodes
// in a topological order (ONNX requires one; shape inference relies on it).
void sort_nodes(onnx::GraphProto& graph, const std::string& source) {
  std::unordered_map<std::string, int> producer;
  std::unordered_set<std::string> defined;
  for (const auto& init : graph.initializer()) defined.insert(init.name());
  for (const auto& input : graph.input()) defined.insert(input.name());
  for (int i = 0; i < graph.node_size(); ++i) {
    const auto& node = graph.node(i);
    if (node.op_type().empty())
      throw InputError(source, "node #" + std::to_string(i) + " has no op type");
    if (has_subgraph(node))
      throw InputError(source, "node '" + node_label(node, i) + "' (" + node.op_type() +
                                   ") holds a subgraph; hsim does not model control flow");
    for (const auto& out : node.output()) {
      if (out.empty()) continue;
      if (defined.count(out))
        throw InputError(source, "node '" + node_label(node, i) + "' writes tensor '" + out +
                                     "', which is already a graph input or initializer");
      auto [it, fresh] = producer.emplace(out, i);
      if (!fresh)
        throw InputError(source, "tensor '" + out + "' is written by two nodes ('" +
                                     node_label(graph.node(it->second), it->second) + "' and '" +
                                     node_label(node, i) + "')");
    }
  }
  DependencyGraph deps(static_cast<size_t>(graph.node_size()));
  for (int i = 0; i < graph.node_size(); ++i) {
    for (const auto& in : graph.node(i).input()) {
      if (in.empty() || defined.count(in)) continue;
      auto it = producer.find(in);
      if (it == producer.end())
        throw InputError(source, "node '" + node_label(graph.node(i), i) + "' reads tensor '" +
                                     in + "', which no node produces and is neither a graph "
                                     "input nor an initializer");
      boost::add_edge(static_cast<size_t>(it->second), static_cast<size_t>(i), deps);
    }
  }
  for (const auto& out : graph.output())
    if (!defined.count(out.name()) && !producer.count(out.name()))
      throw InputError(source, "graph output '" + out.name() + "' is never produced");

  const std::vector<OpId> order = topological_order(deps);
  if (order.size() != static_cast<size_t>(graph.node_size())) {
    std::vector<bool> placed(static_cast<size_t>(graph.node_size()), false);
    for (OpId id : order) placed[static_cast<size_t>(id)] = true;
    std::string names;
    int listed = 0;
    for (int i = 0; i < graph.node_size() && listed < 5; ++i)
      if (!placed[static_cast<size_t>(i)])
        names += (listed++ ? ", '" : "'") + node_label(graph.node(i), i) + "'";
    throw InputError(source, "the graph has a cycle; nodes on or behind it: " + names);
  }
  google::protobuf::RepeatedPtrField<onnx::NodeProto> sorted;
  for (OpId id : order) *sorted.Add() = graph.node(id);
  graph.mutable_node()->Swap(&sorted);
}

std::string join_dims(const std::vector<int64_t>& dims) {
  std::string s;
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? "x" : "") + std::to_string(dims[i]);
  return s;
}

void bind_input_shapes(onnx::GraphProto& graph, const OnnxLoadOptions& options,
                       const std::string& source) {
  const auto initializers = initializer_names(graph);
  auto is_initializer = [&](const std::string& name) { return initializers.count(name) > 0; };
  std::string input_names;
  for (const auto& input : graph.input())
    if (!is_initializer(input.name()))
      input_names += (input_names.empty() ? "'" : ", '") + input.name() + "'";
  for (const auto& [name, dims] : options.input_shapes) {
    onnx::ValueInfoProto* target = nullptr;
    for (auto& input : *graph.mutable_input())
      if (input.name() == name && !is_initializer(name)) target = &input;
    if (!target)
      throw InputError(source, "--input-shape names '" + name +
                                   "', which is not a graph input (inputs: " + input_names + ")");
    auto* shape = target->mutable_type()->mutable_tensor_type()->mutable_shape();
    if (shape->dim_size() != 0 && shape->dim_size() != static_cast<int>(dims.size()))
      throw InputError(source, "--input-shape gives input '" + name + "' rank " +
                                   std::to_string(dims.size()) + " but the model says rank " +
                                   std::to_string(shape->dim_size()));
    if (shape->dim_size() == 0)
      for (size_t i = 0; i < dims.size(); ++i) shape->add_dim();
    for (size_t i = 0; i < dims.size(); ++i) {
      auto* dim = shape->mutable_dim(static_cast<int>(i));
      if (dim->has_dim_value() && dim->dim_value() != dims[i])
        throw InputError(source, "--input-shape " + name + "=" + join_dims(dims) +
                                     " contradicts the model's fixed dim " + std::to_string(i) +
                                     " = " + std::to_string(dim->dim_value()));
      dim->set_dim_value(dims[i]);
    }
  }
  for (const auto& input : graph.input()) {
    if (is_initializer(input.name())) continue;
    const auto type = read_type(input.type());
    if (!type.known)
      throw InputError(source, "graph input '" + input.name() + "' has " +
                                   (type.unknown_dim.empty()
                                        ? std::string("no known type or shape")
                                        : "an unbound symbolic dim '" + type.unknown_dim + "'") +
                                   "; bind it with --input-shape " + input.name() + "=DxDx...");
  }
}

void infer_shapes(onnx::ModelProto& model, const std::string& source) {
  // error_mode 1 makes node-level inference errors throw instead of leaving shapes out; data
  // propagation lets Shape->Gather->Reshape chains resolve to static shapes.
  const onnx::ShapeInferenceOptions options(/*check_type=*/false, /*strict_mode=*/1,
                                            /*data_prop=*/true);
  const GuardedSchemaRegistry schemas;
  try {
    onnx::shape_inference::InferShapes(model, &schemas, options);
  } catch (const std::exception& e) {
    std::string what = e.what();
    while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
    throw InputError(source, "shape inference failed: " + what);
  }
}

}  // namespace hsim::sim::onnx_reading
