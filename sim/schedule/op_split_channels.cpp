// Split along output channels: each shard computes some output channels from the whole input
// with its slice of the weights (and of a per-channel bias). Conv with group 1, Gemm and MatMul
// with a weight operand; the channel is the output's dim 1 for Conv, its last dim otherwise.
#include "schedule/op_split_axis.h"

namespace hsim::sim {

namespace {

class ChannelSplitter : public AxisSplitter {
 public:
  std::string unsupported_reason(const Network& net, const Op& op) const override {
    if (op.type == "Conv") {
      if (op.attr_int("group", 1) != 1)
        return "grouped convolutions cannot be split along channels yet (split them along rows)";
      return "";
    }
    if (op.type == "Gemm" || op.type == "MatMul") {
      if (op.inputs.size() < 2 || !net.tensor(op.inputs[1]).is_fixed())
        return "only products with a weight operand can be split along channels";
      if (net.tensor(op.inputs[1]).shape.size() < 2) return "a 1-D weight has no channels to split";
      return "";
    }
    return "ops of type " + op.type + " cannot be split along channels (Conv, Gemm and MatMul can)";
  }

  size_t output_dim(const Network& net, const Op& op) const override {
    return op.type == "Conv" ? 1 : net.tensor(op.outputs.at(0)).shape.size() - 1;
  }

  ShardCut cut(const Network& net, const Op& op, int64_t offset, int64_t count) const override {
    ShardCut cut;
    cut.output_dim = output_dim(net, op);
    cut.inputs.resize(op.inputs.size());
    cut.inputs.at(1) = InputSlice{weight_dim(net, op), offset, count};
    const int64_t whole = net.tensor(op.outputs.at(0)).shape.at(cut.output_dim);
    if (op.inputs.size() > 2 && op.inputs[2] != kNoTensor) {
      const auto& bias = net.tensor(op.inputs[2]).shape;
      if (!bias.empty() && bias.back() == whole && whole > 1)  // unless it broadcasts
        cut.inputs[2] = InputSlice{bias.size() - 1, offset, count};
    }
    return cut;
  }

 private:
  // Where the output channel sits in the weight (input 1).
  static size_t weight_dim(const Network& net, const Op& op) {
    if (op.type == "Conv") return 0;
    if (op.type == "Gemm") return op.attr_int("transB", 0) ? 0 : 1;
    return net.tensor(op.inputs.at(1)).shape.size() - 1;  // MatMul: B's last dim
  }
};

}  // namespace

const AxisSplitter& channel_splitter() {
  static const ChannelSplitter splitter;
  return splitter;
}

}  // namespace hsim::sim
