#include "onnx/onnx_loader.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "common/error.h"
#include "graph/cost_annotation.h"
#include "onnx/guarded_schemas.h"
#include "onnx/proto_reading.h"
#include "onnx/shape_folding.h"

namespace hsim::sim {

namespace {

namespace rd = onnx_reading;

// Tensors larger than this many elements cannot be real (2^48 fp32 values = 1 PiB).
constexpr int64_t kMaxElements = int64_t{1} << 48;

std::string read_whole_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw InputError(path, "no such file");
  if (fs::is_directory(status)) throw InputError(path, "is a directory, not an ONNX file");
  if (!fs::is_regular_file(status)) throw InputError(path, "is not a regular file");
  const auto size = fs::file_size(path, ec);
  if (ec) throw InputError(path, "cannot be read: " + ec.message());
  if (size == 0) throw InputError(path, "is empty, not an ONNX model");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot be opened for reading");
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    throw InputError(path, "cannot be read to the end");
  return bytes;
}

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
    if (rd::has_subgraph(node))
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

std::unordered_set<std::string> initializer_names(const onnx::GraphProto& graph) {
  std::unordered_set<std::string> names;
  for (const auto& init : graph.initializer()) names.insert(init.name());
  return names;
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
    const auto type = rd::read_type(input.type());
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
  const onnx_reading::GuardedSchemaRegistry schemas;
  try {
    onnx::shape_inference::InferShapes(model, &schemas, options);
  } catch (const std::exception& e) {
    std::string what = e.what();
    while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
    throw InputError(source, "shape inference failed: " + what);
  }
}

class NetworkAssembly {
 public:
  NetworkAssembly(const onnx::ModelProto& model, const std::string& source)
      : model_(model), source_(source), builder_(make_info(model, source)) {}

  Network assemble() && {
    const auto& graph = model_.graph();
    for (const auto& input : graph.input()) note_type(input);
    for (const auto& info : graph.value_info()) note_type(info);
    for (const auto& output : graph.output()) note_type(output);

    for (const auto& init : graph.initializer()) add_fixed(init);
    for (const auto& input : graph.input())
      if (!builder_.find_tensor(input.name()))
        builder_.mark_input(add_tensor(input.name(), TensorRole::kGraphInput, "graph input"));
    for (int i = 0; i < graph.node_size(); ++i) add_node(graph.node(i), i);
    report_unknown_shapes();
    for (const auto& output : graph.output())
      builder_.mark_output(*builder_.find_tensor(output.name()));
    return std::move(builder_).build();
  }

 private:
  static NetworkInfo make_info(const onnx::ModelProto& model, const std::string& source) {
    NetworkInfo info;
    info.source = source;
    info.graph_name = model.graph().name();
    info.producer = model.producer_name() +
                    (model.producer_version().empty() ? "" : " " + model.producer_version());
    info.ir_version = model.ir_version();
    info.opset = default_domain_opset(model, source);
    return info;
  }

  // Keeps the best-known type of a tensor: a known shape is never replaced by an unknown one.
  void note_type(const onnx::ValueInfoProto& info) {
    auto type = rd::read_type(info.type());
    auto [it, fresh] = types_.emplace(info.name(), type);
    if (!fresh && (type.known || !it->second.known)) it->second = std::move(type);
  }

  TensorId add_tensor(const std::string& name, TensorRole role, const std::string& made_by,
                      const rd::TypeAndShape* given = nullptr) {
    rd::TypeAndShape type = given ? *given : types_[name];
    Tensor t;
    t.name = name;
    t.role = role;
    const auto dtype = dtype_from_onnx(type.elem_type);
    if (!type.known || !dtype) {
      unknown_.push_back("'" + name + "' (" + made_by + ")");
    } else {
      t.dtype = *dtype;
      t.shape = type.dims;
      int64_t elements = 1;
      for (int64_t d : t.shape) {
        if (d < 0 || (d > 0 && elements > kMaxElements / d))
          throw InputError(source_, "tensor '" + name + "' has an impossible shape " +
                                        join_dims(t.shape));
        elements *= d;
      }
    }
    return builder_.add_tensor(std::move(t));
  }

  void add_fixed(const onnx::TensorProto& value) {
    const auto type = rd::read_initializer(value);
    if (!dtype_from_onnx(type.elem_type))
      throw InputError(source_, "initializer '" + value.name() + "' has element type " +
                                    std::to_string(type.elem_type) + ", which hsim cannot size");
    TensorId id = add_tensor(value.name(), TensorRole::kWeight, "initializer", &type);
    fixed_.insert(value.name());
    builder_.set_int_values(id, rd::read_small_ints(value));
  }

  void add_node(const onnx::NodeProto& node, int index) {
    const std::string label = node_label(node, index);
    if (node.op_type() == "Constant" && (node.domain().empty() || node.domain() == "ai.onnx")) {
      auto value = rd::constant_value(node);
      if (!value || node.output_size() != 1)
        throw InputError(source_, "Constant node '" + label + "' holds a value hsim cannot read");
      value->set_name(node.output(0));
      add_fixed(*value);
      return;
    }
    if (reads_only_fixed(node)) {
      fold_constant_node(node, label);
      return;
    }
    Op op;
    op.name = label;
    op.type = node.op_type();
    op.domain = node.domain();
    op.attrs = rd::read_attributes(node);
    for (const auto& in : node.input())
      op.inputs.push_back(in.empty() ? kNoTensor : *builder_.find_tensor(in));
    for (const auto& out : node.output()) {
      if (out.empty()) continue;
      op.outputs.push_back(add_tensor(out, TensorRole::kActivation,
                                      "output of node '" + label + "' (" + node.op_type() +
                                          (node.domain().empty() ? "" : ", domain " +
                                                                            node.domain()) +
                                          ")"));
    }
    builder_.add_op(std::move(op));
  }

  // A node whose inputs are all fixed computes a constant (exporters leave some behind, e.g.
  // torch aliases equal initializers through Identity). Like an inference runtime, hsim folds it:
  // its outputs become fixed tensors of their own and it is not an op of the network.
  bool reads_only_fixed(const onnx::NodeProto& node) const {
    static const std::unordered_set<std::string> kRandom = {
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial",
        "Bernoulli"};
    if (kRandom.count(node.op_type())) return false;
    bool any = false;
    for (const auto& in : node.input()) {
      if (in.empty()) continue;
      if (!fixed_.count(in)) return false;
      any = true;
    }
    return any;
  }

  void fold_constant_node(const onnx::NodeProto& node, const std::string& label) {
    for (int i = 0; i < node.output_size(); ++i) {
      const std::string& out = node.output(i);
      if (out.empty()) continue;
      TensorId id = add_tensor(out, TensorRole::kWeight,
                               "constant output of node '" + label + "' (" + node.op_type() + ")");
      fixed_.insert(out);
      if (node.op_type() == "Identity")
        builder_.set_int_values(id, builder_.int_values(*builder_.find_tensor(node.input(0))));
    }
  }

  void report_unknown_shapes() const {
    if (unknown_.empty()) return;
    std::string list;
    for (size_t i = 0; i < unknown_.size() && i < 5; ++i) list += (i ? ", " : "") + unknown_[i];
    if (unknown_.size() > 5) list += " and " + std::to_string(unknown_.size() - 5) + " more";
    throw InputError(source_, std::to_string(unknown_.size()) +
                                  " tensor(s) still have unknown shapes after shape inference: " +
                                  list + " (ops of unknown domains are not inferred; bind "
                                  "symbolic inputs with --input-shape)");
  }

  const onnx::ModelProto& model_;
  const std::string& source_;
  NetworkBuilder builder_;
  std::unordered_map<std::string, rd::TypeAndShape> types_;
  std::vector<std::string> unknown_;
  std::unordered_set<std::string> fixed_;  // initializers, Constant outputs and folded outputs
};

}  // namespace

LoadedNetwork load_onnx_bytes(std::string_view bytes, const std::string& source,
                              const OnnxLoadOptions& options) {
  if (bytes.empty()) throw InputError(source, "is empty, not an ONNX model");
  onnx::ModelProto model;
  if (bytes.size() > static_cast<size_t>(INT32_MAX) ||
      !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    throw InputError(source, "not a valid ONNX model: the protobuf does not parse (the file is "
                             "truncated or not ONNX)");
  check_header(model, source);
  sort_nodes(*model.mutable_graph(), source);
  bind_input_shapes(*model.mutable_graph(), options, source);
  infer_shapes(model, source);
  // Shape arithmetic on now-static shapes folds into constants, which may in turn make more
  // shapes inferable; each round folds at least one node, so this ends.
  while (onnx_reading::fold_shape_arithmetic(*model.mutable_graph()) > 0) infer_shapes(model, source);
  LoadedNetwork loaded{NetworkAssembly(model, source).assemble(), {}};
  loaded.warnings = annotate_costs(loaded.network, builtin_op_costs());
  return loaded;
}

LoadedNetwork load_onnx_file(const std::string& path, const OnnxLoadOptions& options) {
  const std::string bytes = read_whole_file(path);
  return load_onnx_bytes(bytes, path, options);
}

}  // namespace hsim::sim
