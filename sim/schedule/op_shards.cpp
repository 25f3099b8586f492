#include "schedule/op_shards.h"

#include <algorithm>
#include <numeric>
#include <set>

#include "common/error.h"
#include "graph/cost_annotation.h"
#include "schedule/op_split_axis.h"

namespace hsim::sim {

namespace {

const AxisSplitter& splitter(SplitAxis axis) {
  switch (axis) {
    case SplitAxis::kOutputRows:
      return row_splitter();
    case SplitAxis::kBatch:
      return batch_splitter();
    case SplitAxis::kOutputChannels:
      break;
  }
  return channel_splitter();
}

// What one index of the axis is called, for messages.
const char* unit_name(SplitAxis axis) {
  switch (axis) {
    case SplitAxis::kOutputRows:
      return "row";
    case SplitAxis::kBatch:
      return "sample";
    case SplitAxis::kOutputChannels:
      break;
  }
  return "channel";
}

// A tensor of the shard: the op's, cut to `slice` when it has one, detached from the op's network.
Tensor shard_tensor(const Tensor& original, const std::optional<InputSlice>& slice) {
  Tensor t = original;
  t.producer = kNoOp;
  t.consumers.clear();
  t.is_graph_output = false;
  if (!t.is_fixed()) t.role = TensorRole::kGraphInput;
  if (slice) t.shape.at(slice->dim) = slice->count;
  return t;
}

}  // namespace

bool is_pointwise_type(const std::string& type) {
  static const std::set<std::string> types = {"Add",
                                              "Sub",
                                              "Mul",
                                              "Div",
                                              "Pow",
                                              "Mod",
                                              "Neg",
                                              "Abs",
                                              "Sqrt",
                                              "Reciprocal",
                                              "Exp",
                                              "Log",
                                              "Floor",
                                              "Ceil",
                                              "Round",
                                              "Sign",
                                              "Sin",
                                              "Cos",
                                              "Not",
                                              "And",
                                              "Or",
                                              "Xor",
                                              "Equal",
                                              "Greater",
                                              "Less",
                                              "GreaterOrEqual",
                                              "LessOrEqual",
                                              "Where",
                                              "IsNaN",
                                              "IsInf",
                                              "Cast",
                                              "Relu",
                                              "LeakyRelu",
                                              "PRelu",
                                              "ThresholdedRelu",
                                              "Elu",
                                              "Selu",
                                              "Celu",
                                              "HardSigmoid",
                                              "HardSwish",
                                              "Sigmoid",
                                              "Softplus",
                                              "Softsign",
                                              "Tanh",
                                              "Mish",
                                              "Erf",
                                              "Gelu",
                                              "Clip",
                                              "Sum",
                                              "Max",
                                              "Min",
                                              "Mean",
                                              "BatchNormalization",
                                              "LRN"};
  return types.count(type) > 0;
}

bool is_control_slot(const Op& op, size_t slot) {
  const OpSpec* spec = builtin_op_costs().find(op.type);
  return spec && spec->is_control_input(slot);
}

std::optional<size_t> broadcast_dim(size_t input_rank, size_t output_rank, size_t output_dim) {
  const size_t missing = output_rank - std::min(input_rank, output_rank);
  if (output_dim < missing) return std::nullopt;
  return output_dim - missing;
}

std::string shape_text(const std::vector<int64_t>& dims) {
  if (dims.empty()) return "a scalar";
  std::string text;
  for (int64_t d : dims) text += (text.empty() ? "" : "x") + std::to_string(d);
  return text;
}

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
  for (size_t k = 0; given < channels; ++k, ++given)
    ++parts[remainders[k % remainders.size()].second];
  return parts;
}

std::string split_unsupported_reason(const Network& net, const Op& op, SplitAxis axis) {
  if (op.outputs.empty()) return "it has no output to split";
  if (op.cost.is_view) return "it is a view (it moves no data): there is no work to split";
  const AxisSplitter& s = splitter(axis);
  if (std::string reason = s.unsupported_reason(net, op); !reason.empty()) return reason;
  const size_t dim = s.output_dim(net, op);
  const auto& first = net.tensor(op.outputs[0]).shape;
  for (TensorId out : op.outputs) {
    const auto& shape = net.tensor(out).shape;
    if (shape.size() <= dim || shape[dim] != first.at(dim))
      return "its outputs differ along the split dim (" + shape_text(first) + " vs " +
             shape_text(shape) + ")";
  }
  if (first[dim] < 2) {
    std::string reason =
        std::string("its output has a single ") + unit_name(axis) + ": there is nothing to split";
    if (axis == SplitAxis::kBatch)
      reason += " (bind a larger batch with --input-shape, e.g. input=4x3x224x224)";
    return reason;
  }
  return "";
}

int64_t split_extent(const Network& net, const Op& op, SplitAxis axis) {
  return net.tensor(op.outputs.at(0)).shape.at(splitter(axis).output_dim(net, op));
}

Network shard_network(const Network& net, const Op& op, SplitAxis axis, int64_t offset,
                      int64_t count) {
  const std::string reason = split_unsupported_reason(net, op, axis);
  if (!reason.empty()) throw InputError(net.info().source, "op '" + op.name + "': " + reason);
  const int64_t extent = split_extent(net, op, axis);
  if (offset < 0 || count < 1 || offset + count > extent)
    throw InputError(net.info().source, "op '" + op.name + "': shard [" + std::to_string(offset) +
                                            ", " + std::to_string(offset + count) +
                                            ") lies outside its " + std::to_string(extent) + " " +
                                            unit_name(axis) + "s");
  const ShardCut cut = splitter(axis).cut(net, op, offset, count);
  NetworkBuilder builder(net.info());
  Op shard = op;
  shard.inputs.clear();
  shard.outputs.clear();
  for (const auto& [key, value] : cut.attrs) shard.attrs[key] = value;
  // A tensor read through two slots is one tensor of the shard, unless the slots cut it apart.
  std::vector<std::pair<TensorId, Tensor>> added;
  for (size_t slot = 0; slot < op.inputs.size(); ++slot) {
    if (op.inputs[slot] == kNoTensor) {
      shard.inputs.push_back(kNoTensor);
      continue;
    }
    Tensor t = shard_tensor(net.tensor(op.inputs[slot]), cut.inputs.at(slot));
    const auto same = std::find_if(added.begin(), added.end(), [&](const auto& a) {
      return a.second.name == t.name && a.second.shape == t.shape;
    });
    if (same != added.end()) {
      shard.inputs.push_back(same->first);
      continue;
    }
    if (builder.find_tensor(t.name)) t.name += "#" + std::to_string(slot);
    const bool is_input = !t.is_fixed();
    const TensorId id = builder.add_tensor(t);
    if (is_input) builder.mark_input(id);
    added.emplace_back(id, net.tensor(op.inputs[slot]));
    added.back().second.shape = t.shape;
    shard.inputs.push_back(id);
  }
  for (TensorId out : op.outputs) {
    Tensor t = net.tensor(out);
    t.producer = kNoOp;
    t.consumers.clear();
    t.role = TensorRole::kActivation;
    t.shape.at(cut.output_dim) = count;
    shard.outputs.push_back(builder.add_tensor(std::move(t)));
  }
  builder.add_op(std::move(shard));
  Network result = std::move(builder).build();
  annotate_costs(result, builtin_op_costs());
  return result;
}

}  // namespace hsim::sim
