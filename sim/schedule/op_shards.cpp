#include "schedule/op_shards.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "common/error.h"
#include "graph/cost_annotation.h"

namespace hsim::sim {

namespace {

// Where the split dim sits in the output and in the weight (input 1), for supported ops.
struct SplitDims {
  size_t output_dim;
  size_t weight_dim;
};

SplitDims split_dims(const Network& net, const Op& op) {
  const auto& out = net.tensor(op.outputs.at(0)).shape;
  if (op.type == "Conv") return {1, 0};
  if (op.type == "Gemm") return {out.size() - 1, op.attr_int("transB", 0) ? size_t{0} : size_t{1}};
  const auto& w = net.tensor(op.inputs.at(1)).shape;  // MatMul: B's last dim
  return {out.size() - 1, w.size() - 1};
}

}  // namespace

std::vector<int64_t> split_channels(int64_t channels, const std::vector<int64_t>& shares) {
  const int64_t total = std::accumulate(shares.begin(), shares.end(), int64_t{0});
  std::vector<int64_t> parts(shares.size());
  std::vector<std::pair<int64_t, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    parts[i] = channels * shares[i] / total;
    given += parts[i];
    remainders.push_back({-(channels * shares[i] % total), i});
  }
  std::sort(remainders.begin(), remainders.end());
  for (size_t k = 0; given < channels; ++k, ++given) ++parts[remainders[k % remainders.size()].second];
  return parts;
}

std::string split_unsupported_reason(const Network& net, const Op& op, SplitAxis axis) {
  if (axis != SplitAxis::kOutputChannels)
    return "only splits along output channels are modelled yet";
  if (op.type == "Conv") {
    if (op.attr_int("group", 1) != 1) return "grouped convolutions cannot be split yet";
    return "";
  }
  if (op.type == "Gemm" || op.type == "MatMul") {
    if (op.inputs.size() < 2 || !net.tensor(op.inputs[1]).is_fixed())
      return "only products with a weight operand can be split along channels";
    if (net.tensor(op.inputs[1]).shape.size() < 2) return "a 1-D weight has no channels to split";
    return "";
  }
  return "ops of type " + op.type + " cannot be split yet (Conv, Gemm and MatMul can)";
}

int64_t split_extent(const Network& net, const Op& op, SplitAxis /*axis*/) {
  return net.tensor(op.outputs.at(0)).shape.at(split_dims(net, op).output_dim);
}

Network shard_network(const Network& net, const Op& op, SplitAxis axis, int64_t /*offset*/,
                      int64_t channels) {
  const std::string reason = split_unsupported_reason(net, op, axis);
  if (!reason.empty()) throw InputError(net.info().source, "op '" + op.name + "': " + reason);
  const SplitDims dims = split_dims(net, op);
  NetworkInfo info = net.info();
  NetworkBuilder builder(info);
  Op shard = op;
  shard.inputs.clear();
  shard.outputs.clear();
  std::map<TensorId, TensorId> copied;  // an input read through two slots is one tensor
  for (size_t slot = 0; slot < op.inputs.size(); ++slot) {
    const TensorId original = op.inputs[slot];
    if (original == kNoTensor) {
      shard.inputs.push_back(kNoTensor);
      continue;
    }
    if (auto it = copied.find(original); it != copied.end()) {
      shard.inputs.push_back(it->second);
      continue;
    }
    Tensor t = net.tensor(original);
    t.producer = kNoOp;
    t.consumers.clear();
    t.is_graph_output = false;
    if (!t.is_fixed()) t.role = TensorRole::kGraphInput;
    if (slot == 1) t.shape.at(dims.weight_dim) = channels;
    const int64_t whole = net.tensor(op.outputs.at(0)).shape.at(dims.output_dim);
    if (slot == 2 && !t.shape.empty() && t.shape.back() == whole && whole > 1)
      t.shape.back() = channels;  // the bias of Conv or Gemm, unless it broadcasts
    const bool is_input = !t.is_fixed();
    const TensorId id = builder.add_tensor(std::move(t));
    if (is_input) builder.mark_input(id);
    copied.emplace(original, id);
    shard.inputs.push_back(id);
  }
  for (TensorId out : op.outputs) {
    Tensor t = net.tensor(out);
    t.producer = kNoOp;
    t.consumers.clear();
    t.role = TensorRole::kActivation;
    t.shape.at(dims.output_dim) = channels;
    shard.outputs.push_back(builder.add_tensor(std::move(t)));
  }
  builder.add_op(std::move(shard));
  Network result = std::move(builder).build();
  annotate_costs(result, builtin_op_costs());
  return result;
}

}  // namespace hsim::sim
