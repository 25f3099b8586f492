// Split along output rows (dim 2 of a 4-D NCHW output). A shard of a sliding-window op (Conv,
// ConvTranspose, pooling) reads the input rows its output rows need, halo included, clipped to
// the tensor, and gets its own top and bottom pads so that it yields exactly its rows; weights
// are whole in every shard. A shard of a point-wise op reads the same rows of every input that
// varies along H and the whole of inputs that broadcast along H.
#include <algorithm>

#include "schedule/op_split_axis.h"

namespace hsim::sim {

namespace {

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
int64_t ceil_div_signed(int64_t a, int64_t b) {
  return -floor_div(-a, b);
}

bool is_window_pool(const std::string& type) {
  return type == "MaxPool" || type == "AveragePool" || type == "LpPool";
}

int64_t at_or(const std::vector<int64_t>& values, size_t i, int64_t fallback) {
  return i < values.size() ? values[i] : fallback;
}

// One sliding window along H and W, with the op's pads resolved (auto_pad included) as
// {top, left, bottom, right}.
struct Window {
  int64_t kernel[2] = {1, 1};
  int64_t stride[2] = {1, 1};
  int64_t dilation[2] = {1, 1};
  std::vector<int64_t> pads = {0, 0, 0, 0};
};

Window window_of(const Network& net, const Op& op) {
  const auto& x = net.tensor(op.inputs.at(0)).shape;
  const auto& y = net.tensor(op.outputs.at(0)).shape;
  const auto kernel_shape = op.attr_ints("kernel_shape");
  const auto strides = op.attr_ints("strides");
  const auto dilations = op.attr_ints("dilations");
  Window w;
  for (size_t i = 0; i < 2; ++i) {
    w.kernel[i] = at_or(kernel_shape, i, 1);
    if (op.type == "Conv" || op.type == "ConvTranspose")
      w.kernel[i] = net.tensor(op.inputs.at(1)).shape.at(2 + i);
    w.stride[i] = at_or(strides, i, 1);
    w.dilation[i] = at_or(dilations, i, 1);
  }
  const std::string auto_pad = op.attr_string("auto_pad", "NOTSET");
  if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    for (size_t i = 0; i < 2; ++i) {  // the total ONNX shape inference pads, extra at the end
      const int64_t reach = (w.kernel[i] - 1) * w.dilation[i] + 1;
      const int64_t total = std::max<int64_t>(0, (y[2 + i] - 1) * w.stride[i] + reach - x[2 + i]);
      const int64_t begin = auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
      w.pads[i] = begin;
      w.pads[2 + i] = total - begin;
    }
  } else if (auto_pad != "VALID") {
    const auto pads = op.attr_ints("pads");
    for (size_t i = 0; i < 4; ++i) w.pads[i] = at_or(pads, i, 0);
  }
  return w;
}

// The shard of a convolution or pooling window producing output rows [o0, o0 + n): it reads
// input rows [o0 s - top, (o0 + n - 1) s - top + (k - 1) d] clipped to [0, H), and pads only
// where that range leaves the tensor, so its output is exactly n rows.
ShardCut window_cut(const Network& net, const Op& op, int64_t o0, int64_t n) {
  const Window w = window_of(net, op);
  const int64_t height = net.tensor(op.inputs.at(0)).shape.at(2);
  const int64_t first = o0 * w.stride[0] - w.pads[0];
  const int64_t last = (o0 + n - 1) * w.stride[0] - w.pads[0] + (w.kernel[0] - 1) * w.dilation[0];
  const int64_t lo = std::clamp<int64_t>(first, 0, height);
  const int64_t hi = std::clamp<int64_t>(last + 1, lo, height);  // one past the last row read
  ShardCut cut;
  cut.output_dim = 2;
  cut.inputs.resize(op.inputs.size());
  cut.inputs[0] = InputSlice{2, lo, hi - lo};
  // With no row inside the tensor (pads wider than the kernel), the whole window is top padding.
  const int64_t top = hi > lo ? lo - first : last - first + 1;
  const int64_t bottom = hi > lo ? last + 1 - hi : 0;
  cut.attrs["pads"] = std::vector<int64_t>{top, w.pads[1], bottom, w.pads[3]};
  cut.attrs["auto_pad"] = std::string("NOTSET");
  if (is_window_pool(op.type)) cut.attrs["ceil_mode"] = int64_t{0};  // the pads say it all
  return cut;
}

// ConvTranspose: output row y takes input rows i with y = i s - top + j d, j < k. The shard reads
// input rows [ceil((o0 + top - (k-1) d) / s), floor((o0 + n - 1 + top) / s)] clipped to [0, H)
// and crops the rows of its own full output that lie outside [o0, o0 + n) with its pads.
ShardCut transpose_cut(const Network& net, const Op& op, int64_t o0, int64_t n) {
  const Window w = window_of(net, op);
  const int64_t height = net.tensor(op.inputs.at(0)).shape.at(2);
  const int64_t s = w.stride[0], reach = (w.kernel[0] - 1) * w.dilation[0];
  const int64_t lo = std::max<int64_t>(0, ceil_div_signed(o0 + w.pads[0] - reach, s));
  const int64_t hi = std::min<int64_t>(height - 1, floor_div(o0 + n - 1 + w.pads[0], s));
  ShardCut cut;
  cut.output_dim = 2;
  cut.inputs.resize(op.inputs.size());
  cut.inputs[0] = InputSlice{2, lo, hi - lo + 1};
  const int64_t top = o0 - (lo * s - w.pads[0]);
  const int64_t bottom = hi * s - w.pads[0] + reach - (o0 + n - 1);
  cut.attrs["pads"] = std::vector<int64_t>{top, w.pads[1], bottom, w.pads[3]};
  return cut;
}

std::string transpose_reason(const Network& net, const Op& op) {
  if (op.attr_string("auto_pad", "NOTSET") != "NOTSET")
    return "a ConvTranspose splits along rows only with explicit pads (auto_pad is set)";
  if (!op.attr_ints("output_shape").empty())
    return "a ConvTranspose splits along rows only with explicit pads (output_shape is set)";
  if (at_or(op.attr_ints("output_padding"), 0, 0) != 0)
    return "a ConvTranspose with output_padding along H cannot be split along rows";
  const Window w = window_of(net, op);
  if (w.stride[0] > (w.kernel[0] - 1) * w.dilation[0] + 1)
    return "its stride along H (" + std::to_string(w.stride[0]) +
           ") exceeds the kernel's reach, so some output rows have no input row; a rows split "
           "of such a ConvTranspose is not modelled";
  return "";
}

class RowSplitter : public AxisSplitter {
 public:
  std::string unsupported_reason(const Network& net, const Op& op) const override {
    const auto& y = net.tensor(op.outputs.at(0)).shape;
    if (y.size() != 4) {
      std::string reason = "a rows split needs a 4-D NCHW output, not " + shape_text(y);
      if (op.type == "MatMul" || op.type == "Gemm") reason += " (split products along channels)";
      return reason;
    }
    if (op.type == "Conv" || is_window_pool(op.type)) return "";
    if (op.type == "ConvTranspose") return transpose_reason(net, op);
    if (op.type.rfind("Global", 0) == 0) return "global pooling reduces all rows to one";
    if (is_pointwise_type(op.type)) return "";
    return "ops of type " + op.type +
           " cannot be split along rows (Conv, ConvTranspose, MaxPool, AveragePool, LpPool and "
           "element-wise ops can)";
  }

  size_t output_dim(const Network&, const Op&) const override { return 2; }

  ShardCut cut(const Network& net, const Op& op, int64_t offset, int64_t count) const override {
    if (op.type == "Conv" || is_window_pool(op.type)) return window_cut(net, op, offset, count);
    if (op.type == "ConvTranspose") return transpose_cut(net, op, offset, count);
    ShardCut cut;  // point-wise: no halo
    cut.output_dim = 2;
    cut.inputs.resize(op.inputs.size());
    const int64_t height = net.tensor(op.outputs.at(0)).shape[2];
    for (size_t slot = 0; slot < op.inputs.size(); ++slot) {
      if (op.inputs[slot] == kNoTensor || is_control_slot(op, slot)) continue;
      const auto& shape = net.tensor(op.inputs[slot]).shape;
      const auto dim = broadcast_dim(shape.size(), 4, 2);
      if (dim && shape[*dim] == height) cut.inputs[slot] = InputSlice{*dim, offset, count};
    }
    return cut;
  }
};

}  // namespace

const AxisSplitter& row_splitter() {
  static const RowSplitter splitter;
  return splitter;
}

}  // namespace hsim::sim
