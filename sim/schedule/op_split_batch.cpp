// Split along the batch (dim 0 of every output): each shard runs the op on its samples, reading
// its slice of every activation that carries the batch as dim 0 and the whole of the weights and
// of inputs that broadcast over the batch. Ops that work across dim 0 (concatenate, reduce,
// transpose or gather along it, shape arithmetic, recurrent layers whose batch is dim 1) cannot.
#include <algorithm>
#include <set>

#include "schedule/op_split_axis.h"

namespace hsim::sim {

namespace {

const std::set<std::string>& unsplittable_types() {
  static const std::set<std::string> types = {"Shape",
                                              "Size",
                                              "ConstantOfShape",
                                              "Range",
                                              "NonZero",
                                              "Constant",
                                              "Einsum",
                                              "LSTM",
                                              "GRU",
                                              "RNN",
                                              "ReverseSequence",
                                              "Loop",
                                              "Scan",
                                              "If",
                                              "Compress",
                                              "Unique",
                                              "NonMaxSuppression",
                                              "RoiAlign",
                                              "MaxRoiPool",
                                              "CumSum"};
  return types;
}

// The `axis` an op works along when the attribute is absent, for ops that have one.
std::optional<int64_t> default_axis(const Op& op, int64_t opset) {
  static const std::set<std::string> axis_zero = {
      "Gather", "GatherElements", "ScatterElements", "Split", "Concat", "ArgMax", "ArgMin"};
  if (axis_zero.count(op.type)) return 0;
  if (op.type == "Softmax" || op.type == "LogSoftmax" || op.type == "Hardmax")
    return opset >= 13 ? -1 : 1;
  if (op.type == "Flatten") return 1;
  if (op.attrs.count("axis")) return -1;  // any other op with an axis: read the attribute
  return std::nullopt;
}

int64_t normalised(int64_t axis, size_t rank) {
  return axis < 0 ? axis + static_cast<int64_t>(rank) : axis;
}

// The axes an op lists (attribute, or a constant input from newer opsets); nullopt when it lists
// none. `known` turns false when they come from an activation.
std::optional<std::vector<int64_t>> listed_axes(const Network& net, const Op& op, bool& known) {
  known = true;
  if (op.attrs.count("axes")) return op.attr_ints("axes");
  const size_t slot = op.type == "Slice" ? 3 : 1;
  const bool takes_axes_input = op.type == "Slice" || op.type == "Squeeze" ||
                                op.type == "Unsqueeze" || op.type.rfind("Reduce", 0) == 0;
  if (!takes_axes_input || slot >= op.inputs.size() || op.inputs[slot] == kNoTensor)
    return std::nullopt;
  const Tensor& axes = net.tensor(op.inputs[slot]);
  if (!axes.int_values) {
    known = false;
    return std::nullopt;
  }
  return *axes.int_values;
}

// Why the op mixes samples across dim 0, or empty.
std::string batch_mixing(const Network& net, const Op& op) {
  const size_t in_rank = net.tensor(op.inputs.at(0)).shape.size();
  const size_t out_rank = net.tensor(op.outputs.at(0)).shape.size();
  if (unsplittable_types().count(op.type))
    return "ops of type " + op.type + " do not keep samples apart along dim 0";
  if (op.type == "BatchNormalization" && op.attr_int("training_mode", 0) != 0)
    return "batch normalisation in training mode takes statistics over the batch";
  if (op.type == "Transpose") {
    const auto perm = op.attr_ints("perm");
    if (perm.empty() ? in_rank > 1 : perm[0] != 0) return "it moves the batch dim (perm)";
  }
  if (const auto axis = default_axis(op, net.info().opset)) {
    if (normalised(op.attr_int("axis", *axis), in_rank) == 0)
      return "it works along axis 0, the batch";
  }
  bool known = true;
  const auto axes = listed_axes(net, op, known);
  if (!known) return "its axes are computed at run time";
  const size_t axes_rank = op.type == "Unsqueeze" ? out_rank : in_rank;
  if (axes) {
    for (int64_t a : *axes)
      if (normalised(a, axes_rank) == 0 && op.type != "Slice")
        return "it works along axis 0, the batch";
  } else if (op.type.rfind("Reduce", 0) == 0 && op.attr_int("noop_with_empty_axes", 0) == 0) {
    return "it reduces over every axis, the batch too";
  }
  if (op.type == "Slice") {  // slicing axis 0 keeps samples apart only with step 1
    const std::vector<int64_t> slice_axes =
        axes ? *axes : std::vector<int64_t>{0};  // without axes, starts[0] is axis 0's
    const auto it = std::find_if(slice_axes.begin(), slice_axes.end(),
                                 [&](int64_t a) { return normalised(a, in_rank) == 0; });
    if (it != slice_axes.end() && op.inputs.size() > 4 && op.inputs[4] != kNoTensor) {
      const auto& steps = net.tensor(op.inputs[4]).int_values;
      const size_t i = static_cast<size_t>(it - slice_axes.begin());
      if (!steps || i >= steps->size() || (*steps)[i] != 1)
        return "it strides or reverses the batch";
    }
  }
  return "";
}

// Per input slot, the dim holding the batch (sliced) or nullopt (read whole); or a reason.
struct BatchInputs {
  std::string reason;
  std::vector<std::optional<size_t>> dims;
};

BatchInputs batch_inputs(const Network& net, const Op& op) {
  BatchInputs result;
  result.dims.resize(op.inputs.size());
  const auto& y = net.tensor(op.outputs.at(0)).shape;
  const int64_t batch = y.empty() ? 0 : y[0];
  bool any = false;
  for (size_t slot = 0; slot < op.inputs.size(); ++slot) {
    if (op.inputs[slot] == kNoTensor || is_control_slot(op, slot)) continue;
    const Tensor& t = net.tensor(op.inputs[slot]);
    std::optional<size_t> dim;
    if (is_pointwise_type(op.type)) {
      dim = broadcast_dim(t.shape.size(), y.size(), 0);
    } else if (op.type == "MatMul") {
      if (net.tensor(op.inputs.at(0)).shape.size() < 2 ||
          net.tensor(op.inputs.at(1)).shape.size() < 2)
        return {"a batch split of MatMul needs both operands of rank 2 or more", {}};
      // Rank 2: A's rows are the batch and B is shared; else operands of full rank are batched.
      if (y.size() == 2 ? slot == 0 : t.shape.size() == y.size()) dim = 0;
    } else if (op.type == "Gemm") {
      if (slot == 0) dim = op.attr_int("transA", 0) ? 1 : 0;
      if (slot == 2 && t.shape.size() == 2) dim = 0;  // a C of one row per sample
    } else if (!t.is_fixed()) {
      if (t.shape.empty() || t.shape[0] != batch)
        return {"input '" + t.name + "' (" + shape_text(t.shape) +
                    ") does not carry the batch as dim 0",
                {}};
      dim = 0;
    }
    if (dim && t.shape.at(*dim) == batch) {
      result.dims[slot] = dim;
      any = any || !t.is_fixed();
    }
  }
  if (!any) result.reason = "no activation input carries the batch";
  return result;
}

class BatchSplitter : public AxisSplitter {
 public:
  std::string unsupported_reason(const Network& net, const Op& op) const override {
    if (net.tensor(op.outputs.at(0)).shape.empty()) return "a scalar output has no batch";
    if (op.inputs.empty() || op.inputs[0] == kNoTensor) return "it has no input to slice";
    if (std::string reason = batch_mixing(net, op); !reason.empty()) return reason;
    return batch_inputs(net, op).reason;
  }

  size_t output_dim(const Network&, const Op&) const override { return 0; }

  ShardCut cut(const Network& net, const Op& op, int64_t offset, int64_t count) const override {
    ShardCut cut;
    cut.output_dim = 0;
    const BatchInputs inputs = batch_inputs(net, op);
    cut.inputs.resize(op.inputs.size());
    for (size_t slot = 0; slot < op.inputs.size(); ++slot)
      if (inputs.dims[slot]) cut.inputs[slot] = InputSlice{*inputs.dims[slot], offset, count};
    return cut;
  }
};

}  // namespace

const AxisSplitter& batch_splitter() {
  static const BatchSplitter splitter;
  return splitter;
}

}  // namespace hsim::sim
