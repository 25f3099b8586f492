#include "onnx/onnx_loader.h"

#include <filesystem>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "common/error.h"
#include "graph/cost_annotation.h"
#include "onnx/model_preparation.h"
#include "onnx/proto_reading.h"
#include "onnx/shape_folding.h"

namespace hsim::sim {

namespace {

namespace rd = onnx_reading;
using rd::default_domain_opset;
using rd::join_dims;
using rd::node_label;

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
  rd::check_header(model, source);
  rd::sort_nodes(*model.mutable_graph(), source);
  rd::bind_input_shapes(*model.mutable_graph(), options, source);
  rd::infer_shapes(model, source);
  // Shape arithmetic on now-static shapes folds into constants, which may in turn make more
  // shapes inferable; each round folds at least one node, so this ends.
  while (rd::fold_shape_arithmetic(*model.mutable_graph()) > 0) rd::infer_shapes(model, source);
  LoadedNetwork loaded{NetworkAssembly(model, source).assemble(), {}};
  loaded.warnings = annotate_costs(loaded.network, builtin_op_costs());
  return loaded;
}

LoadedNetwork load_onnx_file(const std::string& path, const OnnxLoadOptions& options) {
  const std::string bytes = read_whole_file(path);
  return load_onnx_bytes(bytes, path, options);
}

}  // namespace hsim::sim
