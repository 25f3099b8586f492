// Operator split along output rows and along the batch: shard shapes, halos and pads derived by
// hand from the window arithmetic, conservation of MACs and output elements, and the runtime's
// speed-up and extra DRAM traffic on four DSP cores.
#include <gtest/gtest.h>

#include <numeric>

#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/op_shards.h"
#include "schedule/schedule_checks.h"
#include "schedule/schedule_runner.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"
#include "support/test_boards.h"

using namespace hsim::sim;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;
using hsim::testing::TestBoard;

namespace {

using Dims = std::vector<int64_t>;

const Op& only_op(const LoadedNetwork& net) {
  return net.network.ops().front();
}

// One network per shard of `op` split into `shards` equal shares, as the runner cuts it.
std::vector<Network> shards_of(const Network& net, const Op& op, SplitAxis axis, int64_t shards) {
  const auto counts = split_channels(split_extent(net, op, axis), Dims(shards, 1));
  std::vector<Network> parts;
  int64_t offset = 0;
  for (int64_t count : counts) {
    parts.push_back(shard_network(net, op, axis, offset, count));
    offset += count;
  }
  return parts;
}

const Tensor& input_of(const Network& part, size_t slot = 0) {
  return part.tensor(part.ops().front().inputs.at(slot));
}
const Tensor& output_of(const Network& part) {
  return part.tensor(part.ops().front().outputs.at(0));
}
Dims pads_of(const Network& part) {
  return part.ops().front().attr_ints("pads");
}

Dims input_rows(const std::vector<Network>& parts) {
  Dims rows;
  for (const Network& p : parts) rows.push_back(input_of(p).shape.at(2));
  return rows;
}

int64_t sum(const Dims& values) {
  return std::accumulate(values.begin(), values.end(), int64_t{0});
}

template <typename F>
int64_t total(const std::vector<Network>& parts, F field) {
  int64_t t = 0;
  for (const Network& p : parts) t += field(p.ops().front().cost);
  return t;
}

int64_t macs(const OpCost& c) {
  return c.macs;
}
int64_t flops(const OpCost& c) {
  return c.flops;
}
int64_t input_bytes(const OpCost& c) {
  return c.input_bytes;
}
int64_t output_bytes(const OpCost& c) {
  return c.output_bytes;
}

// A single Conv (or another windowed op) named "op" on x of `x` dims with weight `w`.
LoadedNetwork conv(const Dims& x, const Dims& w, const Dims& pads, const Dims& strides = {1, 1},
                   int64_t group = 1, const Dims& dilations = {1, 1}) {
  OnnxModelBuilder b;
  b.input("x", x).weight("w", w).output("y");
  auto& node = b.node("Conv", {"x", "w"}, {"y"}, "op");
  set_attr(node, "pads", pads);
  set_attr(node, "strides", strides);
  set_attr(node, "dilations", dilations);
  set_attr(node, "group", group);
  return load_onnx_bytes(b.bytes(), "conv.onnx");
}

LoadedNetwork max_pool(const Dims& x, int64_t kernel, int64_t stride, int64_t pad,
                       int64_t ceil_mode = 0) {
  OnnxModelBuilder b;
  b.input("x", x).output("y");
  auto& node = b.node("MaxPool", {"x"}, {"y"}, "op");
  set_attr(node, "kernel_shape", Dims{kernel, kernel});
  set_attr(node, "strides", Dims{stride, stride});
  set_attr(node, "pads", Dims{pad, pad, pad, pad});
  set_attr(node, "ceil_mode", ceil_mode);
  return load_onnx_bytes(b.bytes(), "pool.onnx");
}

}  // namespace

TEST(RowShards, SameConvReadsTwoHaloRowsPerBoundary) {
  // 3x3, stride 1, pad 1 on 30 rows: output rows [o0, o0 + n) read input rows
  // [o0 - 1, o0 + n] clipped to [0, 30). Four shards of 8, 8, 7, 7 rows read
  //   [0, 8] (pad top 1) = 9, [7, 16] = 10, [15, 23] = 9, [22, 29] (pad bottom 1) = 8 rows,
  // 36 = 30 + 2 x 3: each inner boundary is read twice on both sides.
  const auto net = conv({1, 8, 30, 20}, {16, 8, 3, 3}, {1, 1, 1, 1});
  const Op& op = only_op(net);
  EXPECT_EQ(split_extent(net.network, op, SplitAxis::kOutputRows), 30);
  const auto parts = shards_of(net.network, op, SplitAxis::kOutputRows, 4);
  EXPECT_EQ(input_rows(parts), (Dims{9, 10, 9, 8}));
  EXPECT_EQ(pads_of(parts[0]), (Dims{1, 1, 0, 1}));
  EXPECT_EQ(pads_of(parts[1]), (Dims{0, 1, 0, 1}));
  EXPECT_EQ(pads_of(parts[2]), (Dims{0, 1, 0, 1}));
  EXPECT_EQ(pads_of(parts[3]), (Dims{0, 1, 1, 1}));
  EXPECT_EQ(output_of(parts[2]).shape, (Dims{1, 16, 7, 20}));
  // MACs and output bytes conserve (30 x 20 x 16 x 8 x 9 MACs); the input grows by the halo,
  // 6 rows x 8 channels x 20 x 4 bytes; every shard reads all 16 x 8 x 9 x 4 weight bytes.
  EXPECT_EQ(total(parts, macs), 30 * 20 * 16 * 8 * 9);
  EXPECT_EQ(total(parts, macs), op.cost.macs);
  EXPECT_EQ(total(parts, output_bytes), op.cost.output_bytes);
  EXPECT_EQ(total(parts, input_bytes), op.cost.input_bytes + 6 * 8 * 20 * 4);
  for (const Network& p : parts) EXPECT_EQ(p.ops().front().cost.weight_bytes, 16 * 8 * 9 * 4);
  // Whatever the shard count, H + 2 (k - 1) rows are read while every shard has a row.
  for (int64_t k = 1; k <= 30; k += 7)
    EXPECT_EQ(sum(input_rows(shards_of(net.network, op, SplitAxis::kOutputRows, k))),
              30 + 2 * (k - 1))
        << k << " shards";
}

TEST(RowShards, StridedConvOverlapsKernelMinusStride) {
  // 3x3, stride 2, pad 1 on 56 rows: 28 output rows; output row o reads [2o - 1, 2o + 1].
  // Four shards of 7: [14j - 1, 14j + 13] -> [0, 13] (pad top 1) = 14, then 15, 15, and
  // [41, 55] = 15 rows with no bottom pad: the last window ends on row 55, so the op's bottom
  // pad is never used. 59 = 56 + 3 x (3 - 2).
  const auto net = conv({1, 4, 56, 56}, {8, 4, 3, 3}, {1, 1, 1, 1}, {2, 2});
  const Op& op = only_op(net);
  const auto parts = shards_of(net.network, op, SplitAxis::kOutputRows, 4);
  EXPECT_EQ(input_rows(parts), (Dims{14, 15, 15, 15}));
  EXPECT_EQ(pads_of(parts[0]), (Dims{1, 1, 0, 1}));
  EXPECT_EQ(pads_of(parts[3]), (Dims{0, 1, 0, 1}));
  EXPECT_EQ(total(parts, macs), 28 * 28 * 8 * 4 * 9);
  EXPECT_EQ(total(parts, output_bytes), op.cost.output_bytes);
  // Three shards of 10, 9, 9 rows (28 does not divide by 3): [0, 19] = 20 (pad top 1),
  // [19, 37] = 19, [37, 55] = 19; 58 = 56 + 2.
  const auto three = shards_of(net.network, op, SplitAxis::kOutputRows, 3);
  EXPECT_EQ(input_rows(three), (Dims{20, 19, 19}));
  EXPECT_EQ(output_of(three[0]).shape, (Dims{1, 8, 10, 28}));
  EXPECT_EQ(total(three, macs), op.cost.macs);
}

TEST(RowShards, DilatedAndSamePaddedConvs) {
  // 3x3 dilation 2 pad 2 on 20 rows reaches 4 rows: two shards of 10 read [-2, 11] -> [0, 11]
  // (pad top 2) and [8, 21] -> [8, 19] (pad bottom 2): 12 + 12 = 20 + 4.
  const auto dilated = conv({1, 2, 20, 20}, {2, 2, 3, 3}, {2, 2, 2, 2}, {1, 1}, 1, {2, 2});
  const auto halves = shards_of(dilated.network, only_op(dilated), SplitAxis::kOutputRows, 2);
  EXPECT_EQ(input_rows(halves), (Dims{12, 12}));
  EXPECT_EQ(pads_of(halves[0]), (Dims{2, 2, 0, 2}));
  EXPECT_EQ(pads_of(halves[1]), (Dims{0, 2, 2, 2}));

  // SAME_UPPER, 3x3 stride 2 on 8x8: 4 output rows, total pad (4-1) 2 + 3 - 8 = 1, at the end.
  // Shards of 2 rows read [0, 4] = 5 rows and [4, 8] -> [4, 7] = 4 rows with bottom pad 1; the
  // shard's pads are explicit.
  OnnxModelBuilder b;
  b.input("x", {1, 2, 8, 8}).weight("w", {2, 2, 3, 3}).output("y");
  auto& node = b.node("Conv", {"x", "w"}, {"y"}, "op");
  set_attr(node, "strides", Dims{2, 2});
  set_attr(node, "auto_pad", std::string("SAME_UPPER"));
  const auto same = load_onnx_bytes(b.bytes(), "same.onnx");
  const auto parts = shards_of(same.network, only_op(same), SplitAxis::kOutputRows, 2);
  EXPECT_EQ(input_rows(parts), (Dims{5, 4}));
  EXPECT_EQ(pads_of(parts[0]), (Dims{0, 0, 0, 1}));
  EXPECT_EQ(pads_of(parts[1]), (Dims{0, 0, 1, 1}));
  EXPECT_EQ(parts[1].ops().front().attr_string("auto_pad", ""), "NOTSET");
  EXPECT_EQ(output_of(parts[1]).shape, (Dims{1, 2, 2, 4}));
}

TEST(RowShards, DepthwiseConvSplitsAlongRowsNotChannels) {
  const auto net = conv({1, 32, 28, 28}, {32, 1, 3, 3}, {1, 1, 1, 1}, {1, 1}, 32);
  const Op& op = only_op(net);
  EXPECT_NE(split_unsupported_reason(net.network, op, SplitAxis::kOutputChannels)
                .find("split them along rows"),
            std::string::npos);
  EXPECT_EQ(split_unsupported_reason(net.network, op, SplitAxis::kOutputRows), "");
  const auto parts = shards_of(net.network, op, SplitAxis::kOutputRows, 4);
  EXPECT_EQ(input_rows(parts), (Dims{8, 9, 9, 8}));  // 28 + 2 x 3
  EXPECT_EQ(total(parts, macs), 28 * 28 * 32 * 9);
  EXPECT_EQ(parts[1].ops().front().attr_int("group", 0), 32);
}

TEST(RowShards, PoolsIncludingCeilMode) {
  // ResNet's 3x3 stride 2 pad 1 max pool on 112 rows: 56 output rows in shards of 19, 19, 18
  // read [-1, 37] -> 38 rows, [37, 75] = 39, [75, 111] = 37: 114 = 112 + 2.
  const auto net = max_pool({1, 4, 112, 112}, 3, 2, 1);
  const Op& op = only_op(net);
  const auto parts = shards_of(net.network, op, SplitAxis::kOutputRows, 3);
  EXPECT_EQ(input_rows(parts), (Dims{38, 39, 37}));
  EXPECT_EQ(total(parts, flops), 56 * 56 * 4 * 9);
  EXPECT_EQ(total(parts, flops), op.cost.flops);
  EXPECT_EQ(total(parts, output_bytes), op.cost.output_bytes);
  // 2x2 stride 2 with ceil_mode on 7 rows: 4 output rows, the last window hangs one row past
  // the tensor. Shards of 2 read [0, 3] = 4 rows and [4, 7] -> [4, 6] = 3 rows plus a bottom pad
  // of 1, in floor mode, which yields exactly 2 rows.
  const auto ceil = max_pool({1, 1, 7, 7}, 2, 2, 0, 1);
  ASSERT_EQ(ceil.network.tensor(only_op(ceil).outputs[0]).shape, (Dims{1, 1, 4, 4}));
  const auto halves = shards_of(ceil.network, only_op(ceil), SplitAxis::kOutputRows, 2);
  EXPECT_EQ(input_rows(halves), (Dims{4, 3}));
  EXPECT_EQ(pads_of(halves[1]), (Dims{0, 0, 1, 0}));
  EXPECT_EQ(halves[1].ops().front().attr_int("ceil_mode", 1), 0);
}

TEST(RowShards, ConvTransposeReadsTheInputRowsItsOutputRowsNeed) {
  // 2x2 stride 2 (an upsampling): output row y comes from input row floor(y / 2). 28 output
  // rows in 4 shards of 7: [0, 6] reads rows 0..3 and crops 1 row at the bottom; [7, 13] reads
  // 3..6 and crops 1 at the top; [14, 20] reads 7..10, crops bottom; [21, 27] reads 10..13,
  // crops top. Rows 3 and 10 are read twice: 16 = 14 + 2, and the MACs (one row of 16 x 8 x 4
  // per input row of 14 pixels) grow by the same 16/14.
  OnnxModelBuilder b;
  b.input("x", {1, 16, 14, 14}).weight("w", {16, 8, 2, 2}).output("y");
  set_attr(b.node("ConvTranspose", {"x", "w"}, {"y"}, "op"), "strides", Dims{2, 2});
  const auto net = load_onnx_bytes(b.bytes(), "deconv.onnx");
  const Op& op = only_op(net);
  ASSERT_EQ(split_unsupported_reason(net.network, op, SplitAxis::kOutputRows), "");
  const auto parts = shards_of(net.network, op, SplitAxis::kOutputRows, 4);
  EXPECT_EQ(input_rows(parts), (Dims{4, 4, 4, 4}));
  EXPECT_EQ(pads_of(parts[0]), (Dims{0, 0, 1, 0}));
  EXPECT_EQ(pads_of(parts[1]), (Dims{1, 0, 0, 0}));
  EXPECT_EQ(output_of(parts[3]).shape, (Dims{1, 8, 7, 28}));
  EXPECT_EQ(total(parts, macs), 16 * 14 * 16 * 8 * 4);
  EXPECT_EQ(total(parts, macs) * 14, op.cost.macs * 16);
  // Even boundaries cut no input row: two shards read 7 rows each and conserve MACs.
  const auto halves = shards_of(net.network, op, SplitAxis::kOutputRows, 2);
  EXPECT_EQ(input_rows(halves), (Dims{7, 7}));
  EXPECT_EQ(total(halves, macs), op.cost.macs);

  OnnxModelBuilder gaps;
  gaps.input("x", {1, 4, 8, 8}).weight("w", {4, 4, 1, 1}).output("y");
  set_attr(gaps.node("ConvTranspose", {"x", "w"}, {"y"}, "op"), "strides", Dims{2, 2});
  const auto sparse = load_onnx_bytes(gaps.bytes(), "gaps.onnx");
  EXPECT_NE(split_unsupported_reason(sparse.network, only_op(sparse), SplitAxis::kOutputRows)
                .find("stride along H (2) exceeds the kernel's reach"),
            std::string::npos);
  OnnxModelBuilder padded;
  padded.input("x", {1, 4, 8, 8}).weight("w", {4, 4, 3, 3}).output("y");
  auto& node = padded.node("ConvTranspose", {"x", "w"}, {"y"}, "op");
  set_attr(node, "strides", Dims{2, 2});
  set_attr(node, "pads", Dims{1, 1, 1, 1});
  set_attr(node, "output_padding", Dims{1, 1});
  const auto out_pad = load_onnx_bytes(padded.bytes(), "outpad.onnx");
  EXPECT_NE(split_unsupported_reason(out_pad.network, only_op(out_pad), SplitAxis::kOutputRows)
                .find("output_padding"),
            std::string::npos);
}

TEST(RowShards, PointwiseOpsSliceOnlyInputsThatVaryAlongRows) {
  // x varies along H; s (1x16x1x1) broadcasts along it; r (10x1) lines up with H (dim 2 of the
  // output is dim 0 of a rank-2 input) and is cut with x.
  OnnxModelBuilder b;
  b.input("x", {1, 16, 10, 10}).input("s", {1, 16, 1, 1}).input("r", {10, 1}).output("y");
  b.node("Mul", {"x", "s"}, {"m"}, "mul");
  b.node("Add", {"m", "r"}, {"y"}, "add");
  const auto net = load_onnx_bytes(b.bytes(), "pointwise.onnx");
  const Op& mul = net.network.ops()[0];
  const Op& add = net.network.ops()[1];
  const auto muls = shards_of(net.network, mul, SplitAxis::kOutputRows, 3);
  EXPECT_EQ(input_of(muls[0], 0).shape, (Dims{1, 16, 4, 10}));
  EXPECT_EQ(input_of(muls[0], 1).shape, (Dims{1, 16, 1, 1}));
  EXPECT_EQ(total(muls, flops), 16 * 10 * 10);
  // No halo: the sliced input is read once, the broadcast one by every shard.
  EXPECT_EQ(total(muls, input_bytes), 16 * 10 * 10 * 4 + 3 * 16 * 4);
  const auto adds = shards_of(net.network, add, SplitAxis::kOutputRows, 3);
  EXPECT_EQ(input_of(adds[2], 1).shape, (Dims{3, 1}));
  EXPECT_EQ(total(adds, output_bytes), add.cost.output_bytes);
}

TEST(RowShards, ReasonsForOpsThatCannotSplitAlongRows) {
  OnnxModelBuilder b;
  b.input("x", {1, 8, 1, 6})
      .input("a", {4, 8})
      .weight("w", {8, 3})
      .output("g")
      .output("m")
      .output("s")
      .output("v")
      .output("c");
  b.node("GlobalAveragePool", {"x"}, {"g"}, "gap");
  b.node("MatMul", {"a", "w"}, {"m"}, "mm");
  b.node("Softmax", {"x"}, {"s"}, "softmax");
  b.node("Relu", {"x"}, {"v"}, "one_row");
  b.node("Reshape", {"a", "shape"}, {"c"}, "reshape");
  b.int64_constant("shape", {8, 4});
  const auto net = load_onnx_bytes(b.bytes(), "reasons.onnx");
  auto reason = [&](const std::string& name) {
    return split_unsupported_reason(net.network, net.network.op(*net.network.find_op(name)),
                                    SplitAxis::kOutputRows);
  };
  EXPECT_EQ(reason("mm"),
            "a rows split needs a 4-D NCHW output, not 4x3 (split products along "
            "channels)");
  EXPECT_NE(reason("gap").find("global pooling"), std::string::npos);
  EXPECT_NE(reason("softmax").find("ops of type Softmax cannot be split along rows"),
            std::string::npos);
  EXPECT_EQ(reason("one_row"), "its output has a single row: there is nothing to split");
  EXPECT_NE(reason("reshape").find("view"), std::string::npos);
}

TEST(BatchShards, ConvConservesMacsAndActivationsAndReplicatesWeights) {
  // Imported as with --input-shape x=4x3x32x32: shards of 1 sample each.
  OnnxModelBuilder b;
  b.input("x", {-1, 3, 32, 32}).weight("w", {16, 3, 3, 3}).weight("bias", {16}).output("y");
  set_attr(b.node("Conv", {"x", "w", "bias"}, {"y"}, "op"), "pads", Dims{1, 1, 1, 1});
  OnnxLoadOptions options;
  add_input_shape_spec(options, "x=4x3x32x32");
  const auto net = load_onnx_bytes(b.bytes(), "batch.onnx", options);
  const Op& op = only_op(net);
  EXPECT_EQ(split_extent(net.network, op, SplitAxis::kBatch), 4);
  EXPECT_EQ(split_extent(net.network, op, SplitAxis::kOutputChannels), 16);
  EXPECT_EQ(split_extent(net.network, op, SplitAxis::kOutputRows), 32);
  const auto parts = shards_of(net.network, op, SplitAxis::kBatch, 4);
  EXPECT_EQ(input_of(parts[0]).shape, (Dims{1, 3, 32, 32}));
  EXPECT_EQ(output_of(parts[3]).shape, (Dims{1, 16, 32, 32}));
  EXPECT_EQ(total(parts, macs), 4 * 32 * 32 * 16 * 3 * 9);
  EXPECT_EQ(total(parts, input_bytes), 4 * 3 * 32 * 32 * 4);
  EXPECT_EQ(total(parts, output_bytes), 4 * 16 * 32 * 32 * 4);
  for (const Network& p : parts)
    EXPECT_EQ(p.ops().front().cost.weight_bytes, (16 * 3 * 9 + 16) * 4);
  // Batch 1: nothing to split, and the reason says how to get a batch.
  OnnxModelBuilder one;
  one.input("x", {1, 3, 32, 32}).weight("w", {16, 3, 3, 3}).output("y");
  one.node("Conv", {"x", "w"}, {"y"}, "op");
  const auto single = load_onnx_bytes(one.bytes(), "batch1.onnx");
  EXPECT_NE(split_unsupported_reason(single.network, only_op(single), SplitAxis::kBatch)
                .find("--input-shape"),
            std::string::npos);
}

TEST(BatchShards, ProductsAndBroadcastsKeepSharedOperandsWhole) {
  OnnxModelBuilder b;
  b.input("a", {6, 64})
      .input("p", {6, 8, 16})
      .input("q", {6, 16, 4})
      .input("t", {64, 6})
      .input("z", {1, 8, 16})
      .weight("w", {64, 10})
      .output("g")
      .output("m")
      .output("u")
      .output("e")
      .output("r");
  b.node("Gemm", {"a", "w"}, {"g"}, "gemm");
  b.node("MatMul", {"p", "q"}, {"m"}, "bmm");
  set_attr(b.node("Gemm", {"t", "w"}, {"u"}, "gemm_t"), "transA", int64_t{1});
  b.node("Add", {"p", "z"}, {"e"}, "add");
  b.node("ReduceSum", {"p"}, {"r"}, "sum");
  const auto net = load_onnx_bytes(b.bytes(), "products.onnx");
  auto op = [&](const std::string& name) -> const Op& {
    return net.network.op(*net.network.find_op(name));
  };
  // Gemm: A's rows are the samples, B is shared.
  const auto gemm = shards_of(net.network, op("gemm"), SplitAxis::kBatch, 2);
  EXPECT_EQ(input_of(gemm[0], 0).shape, (Dims{3, 64}));
  EXPECT_EQ(input_of(gemm[0], 1).shape, (Dims{64, 10}));
  EXPECT_EQ(total(gemm, macs), 6 * 64 * 10);
  // A batched MatMul cuts both operands; a transposed A holds the samples in dim 1.
  const auto bmm = shards_of(net.network, op("bmm"), SplitAxis::kBatch, 3);
  EXPECT_EQ(input_of(bmm[1], 0).shape, (Dims{2, 8, 16}));
  EXPECT_EQ(input_of(bmm[1], 1).shape, (Dims{2, 16, 4}));
  EXPECT_EQ(total(bmm, macs), op("bmm").cost.macs);
  const auto gemm_t = shards_of(net.network, op("gemm_t"), SplitAxis::kBatch, 2);
  EXPECT_EQ(input_of(gemm_t[1], 0).shape, (Dims{64, 3}));
  // z broadcasts over the batch: every shard reads it whole.
  const auto add = shards_of(net.network, op("add"), SplitAxis::kBatch, 2);
  EXPECT_EQ(input_of(add[1], 0).shape, (Dims{3, 8, 16}));
  EXPECT_EQ(input_of(add[1], 1).shape, (Dims{1, 8, 16}));
  EXPECT_EQ(total(add, input_bytes), (6 + 2) * 8 * 16 * 4);
  // ReduceSum without axes sums every axis, across samples.
  EXPECT_EQ(split_unsupported_reason(net.network, op("sum"), SplitAxis::kBatch),
            "it reduces over every axis, the batch too");
}

TEST(BatchShards, ReasonsForOpsThatMixSamples) {
  OnnxModelBuilder b;
  b.input("x", {4, 8, 5})
      .input("y", {4, 8, 5})
      .output("c")
      .output("s")
      .output("t")
      .output("r")
      .output("k");
  set_attr(b.node("Concat", {"x", "y"}, {"c"}, "concat0"), "axis", int64_t{0});
  set_attr(b.node("Softmax", {"x"}, {"s"}, "softmax0"), "axis", int64_t{0});
  set_attr(b.node("Transpose", {"x"}, {"t"}, "transpose"), "perm", Dims{1, 0, 2});
  set_attr(b.node("ReduceMean", {"x"}, {"r"}, "mean0"), "axes", Dims{0});
  set_attr(b.node("Concat", {"x", "y"}, {"k"}, "concat1"), "axis", int64_t{1});
  const auto net = load_onnx_bytes(b.bytes(), "mixing.onnx");
  auto reason = [&](const std::string& name) {
    return split_unsupported_reason(net.network, net.network.op(*net.network.find_op(name)),
                                    SplitAxis::kBatch);
  };
  // Concatenating along dim 0 is a view here (each input lands in its own contiguous half), so
  // it is refused for that reason before its axis is looked at.
  EXPECT_EQ(reason("concat0"), "it is a view (it moves no data): there is no work to split");
  EXPECT_EQ(reason("softmax0"), "it works along axis 0, the batch");
  EXPECT_EQ(reason("transpose"), "it moves the batch dim (perm)");
  EXPECT_EQ(reason("mean0"), "it works along axis 0, the batch");
  EXPECT_EQ(reason("concat1"), "");
}

namespace {

// One device: a CPU core and four DSP cores with their own ports and a local SRAM that holds
// any shard whole (one tile: every tensor loaded once), 16 fp32 MACs and ops per cycle at
// 1 GHz; DRAM and bus fast enough that compute dominates.
BoardSpec dsp_board() {
  TestBoard spec;
  spec.dram_bandwidth = 1000 * hsim::testing::kGBps;
  spec.bus_bandwidth = 1000 * hsim::testing::kGBps;
  spec.dram_latency = 0;
  BoardSpec board = spec.build();
  PuSpec dsp;
  dsp.name = "dsp";
  dsp.kind = PuKind::kDsp;
  dsp.count = 4;
  dsp.clock = 1'000'000'000;
  dsp.compute[DType::kFloat32] = {16, 16};
  dsp.local_sram = Bytes{16} << 20;
  board.devices[0].pus.push_back(dsp);
  return board;
}

Schedule on_dsps(const std::string& op, int64_t cores, SplitAxis axis) {
  ScheduledTask task;
  task.ops = {op};
  task.pu = "dsp";
  task.cores.clear();
  for (int64_t c = 0; c < cores; ++c) task.cores.push_back(c);
  if (cores > 1) task.split = axis;
  task.dtype = DType::kFloat32;
  return {"test", {task}, 1};
}

}  // namespace

TEST(ScheduleRowSplit, FourRowShardsOnFourDspsQuarterTheLatencyAndAddTheHalo) {
  if (!Platform::can_elaborate()) GTEST_SKIP() << "needs a process of its own: run via ctest";
  // Conv 32 -> 64 channels, 3x3 pad 1, on 56x56 with a bias: 56 x 56 x 64 x 32 x 9 =
  // 57,802,752 MACs and 200,704 bias adds.
  OnnxModelBuilder b;
  b.input("x", {1, 32, 56, 56}).weight("w", {64, 32, 3, 3}).weight("bias", {64}).output("y");
  set_attr(b.node("Conv", {"x", "w", "bias"}, {"y"}, "conv"), "pads", Dims{1, 1, 1, 1});
  const auto net = load_onnx_bytes(b.bytes(), "conv.onnx");
  Platform platform(dsp_board());
  ScheduleRunner runner(net.network, platform);
  const auto one = runner.run(on_dsps("conv", 1, SplitAxis::kOutputRows), "one");
  const auto four = runner.run(on_dsps("conv", 4, SplitAxis::kOutputRows), "four");
  // Compute: 57,802,752 / 16 + 200,704 / 16 = 3,625,216 cycles on one core; four shards of 14
  // rows each take exactly a quarter, 906,304 cycles, in parallel.
  const double single = 3'625'216.0 * 1000;
  EXPECT_NEAR(static_cast<double>(one.run.latency), single, 0.01 * single);
  EXPECT_NEAR(static_cast<double>(four.run.latency), single / 4, 0.01 * single / 4);
  // DRAM bytes, one core: input 32 x 56 x 56 x 4 = 401,408, weights 64 x 32 x 9 x 4 = 73,728,
  // bias 256, output 64 x 56 x 56 x 4 = 802,816: 1,278,208.
  // Four shards read input rows [0, 14], [13, 28], [27, 42], [41, 55]: 15 + 16 + 16 + 15 = 62,
  // 6 halo rows x 32 x 56 x 4 = 43,008 bytes more; each loads weights and bias, 3 x 73,984 =
  // 221,952 bytes more; the output is stored once: 1,278,208 + 43,008 + 221,952 = 1,543,168.
  EXPECT_EQ(one.run.dram_bytes, 1'278'208);
  EXPECT_EQ(four.run.dram_bytes, 1'543'168);
  ASSERT_EQ(four.ops.size(), 4u);
  EXPECT_EQ(four.ops[3].shards, 4u);
}

TEST(ScheduleRowSplit, FourBatchShardsReplicateOnlyTheWeights) {
  if (!Platform::can_elaborate()) GTEST_SKIP() << "needs a process of its own: run via ctest";
  OnnxModelBuilder b;
  b.input("x", {-1, 32, 28, 28}).weight("w", {64, 32, 3, 3}).weight("bias", {64}).output("y");
  set_attr(b.node("Conv", {"x", "w", "bias"}, {"y"}, "conv"), "pads", Dims{1, 1, 1, 1});
  OnnxLoadOptions options;
  add_input_shape_spec(options, "x=4x32x28x28");
  const auto net = load_onnx_bytes(b.bytes(), "conv4.onnx", options);
  Platform platform(dsp_board());
  ScheduleRunner runner(net.network, platform);
  const auto one = runner.run(on_dsps("conv", 1, SplitAxis::kBatch), "one");
  const auto four = runner.run(on_dsps("conv", 4, SplitAxis::kBatch), "four");
  // The same 57,802,752 MACs (4 x 28 x 28 instead of 56 x 56 pixels): a quarter each.
  const double single = 3'625'216.0 * 1000;
  EXPECT_NEAR(static_cast<double>(four.run.latency), single / 4, 0.01 * single / 4);
  // No halo across samples: only the 73,984 weight and bias bytes are loaded 3 more times.
  EXPECT_EQ(four.run.dram_bytes - one.run.dram_bytes, 3 * 73'984);
  EXPECT_EQ(one.run.dram_bytes, 401'408 + 73'984 + 802'816);
}

TEST(ScheduleRowSplit, BadSplitsNameTheOpAndTheReason) {
  OnnxModelBuilder b;
  b.input("a", {8, 16}).weight("w", {16, 4}).output("m");
  b.node("MatMul", {"a", "w"}, {"m"}, "mm");
  const std::string path = b.write("matmul_rows.onnx");
  const auto net = load_onnx_file(path);
  TestBoard spec;
  spec.cpu_cores = 2;
  const BoardSpec board = spec.build();
  ScheduledTask task;
  task.ops = {"mm"};
  task.pu = "cpu";
  task.cores = {0, 1};
  task.split = SplitAxis::kOutputRows;
  try {
    check_schedule({"user", {task}, 1}, net.network, board, "s.yaml");
    FAIL() << "a rows split of a 2-D MatMul was accepted";
  } catch (const hsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot split op 'mm': a rows split needs a 4-D NCHW "
                                         "output, not 8x4"),
              std::string::npos)
        << e.what();
  }
  // The same through the command line, and a batch split of batch 1.
  const std::string board_path = std::string(HSIM_MODELS_DIR) + "/../hw_configs/default.yaml";
  const std::string schedule = hsim::testing::write_file(
      "rows.yaml", "tasks:\n  - {ops: [mm], pu: cpu, cores: [0, 1], split: rows}\n");
  const auto r = hsim::testing::run_program(
      HSIM_BINARY, {"simulate", "--hw", board_path, "--net", path, "--schedule", schedule});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot split op 'mm': a rows split needs a 4-D NCHW output"),
            std::string::npos)
      << r.err;
  const std::string batch = hsim::testing::write_file(
      "batch.yaml", "tasks:\n  - {ops: [mm], pu: cpu, cores: [0, 1], split: batch}\n");
  const auto rb = hsim::testing::run_program(
      HSIM_BINARY, {"simulate", "--hw", board_path, "--net", path, "--schedule", batch});
  EXPECT_EQ(rb.exit_code, 0) << rb.err;  // 8 rows of A are 8 samples
  OnnxModelBuilder c;
  c.input("x", {1, 3, 8, 8}).weight("w", {4, 3, 3, 3}).output("y");
  c.node("Conv", {"x", "w"}, {"y"}, "conv1");
  const std::string conv_path = c.write("batch1.onnx");
  const std::string conv_batch = hsim::testing::write_file(
      "conv_batch.yaml", "tasks:\n  - {ops: [conv1], pu: cpu, cores: [0, 1], split: batch}\n");
  const auto r1 = hsim::testing::run_program(
      HSIM_BINARY, {"simulate", "--hw", board_path, "--net", conv_path, "--schedule", conv_batch});
  EXPECT_EQ(r1.exit_code, 2);
  EXPECT_NE(r1.err.find("cannot split op 'conv1': its output has a single sample"),
            std::string::npos)
      << r1.err;
  EXPECT_EQ(hsim::testing::count_lines(r1.err), 1u);
}
