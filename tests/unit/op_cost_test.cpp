// Per-op costs on one-op graphs, each checked against the closed form written beside it.
#include <gtest/gtest.h>

#include "graph/network_summary.h"
#include "onnx/onnx_loader.h"
#include "support/onnx_model_builder.h"

using hsim::sim::LoadedNetwork;
using hsim::sim::load_onnx_bytes;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;

namespace {

LoadedNetwork load(const OnnxModelBuilder& builder) {
  return load_onnx_bytes(builder.bytes(), "test.onnx");
}

const hsim::sim::Op& only_op(const LoadedNetwork& loaded) {
  EXPECT_EQ(loaded.network.ops().size(), 1u);
  return loaded.network.ops().at(0);
}

}  // namespace

TEST(OpCost, ConvWithPaddingStrideAndBias) {
  OnnxModelBuilder b;
  b.input("x", {1, 16, 32, 32}).weight("w", {32, 16, 3, 3}).weight("b", {32}).output("y");
  auto& conv = b.node("Conv", {"x", "w", "b"}, {"y"});
  set_attr(conv, "kernel_shape", std::vector<int64_t>{3, 3});
  set_attr(conv, "strides", std::vector<int64_t>{2, 2});
  set_attr(conv, "pads", std::vector<int64_t>{1, 1, 1, 1});
  const auto loaded = load(b);
  const auto& op = only_op(loaded);
  // Output 16x16 (floor((32 + 2 - 3) / 2) + 1); MACs = 32 * 16 * 16 * (16 * 3 * 3).
  const int64_t macs = 32 * 16 * 16 * 16 * 9;
  EXPECT_EQ(op.cost.macs, macs);
  EXPECT_EQ(op.cost.flops, 2 * macs + 32 * 16 * 16);
  EXPECT_EQ(op.cost.weight_bytes, (32 * 16 * 9 + 32) * 4);
  EXPECT_EQ(op.cost.input_bytes, 16 * 32 * 32 * 4);
  EXPECT_EQ(op.cost.output_bytes, 32 * 16 * 16 * 4);
  EXPECT_EQ(hsim::sim::summarize(loaded.network).parameters, 32 * 16 * 9 + 32);
}

TEST(OpCost, DepthwiseConvCountsOneInputChannelPerGroup) {
  OnnxModelBuilder b;
  b.input("x", {1, 32, 56, 56}).weight("w", {32, 1, 3, 3}).output("y");
  auto& conv = b.node("Conv", {"x", "w"}, {"y"});
  set_attr(conv, "group", int64_t{32});
  set_attr(conv, "pads", std::vector<int64_t>{1, 1, 1, 1});
  const auto loaded = load(b);
  // Each of the 32 x 56 x 56 outputs reads one channel's 3x3 window.
  EXPECT_EQ(only_op(loaded).cost.macs, 32 * 56 * 56 * 9);
}

TEST(OpCost, GroupedConvWithDilation) {
  OnnxModelBuilder b;
  b.input("x", {2, 8, 20, 20}).weight("w", {12, 2, 3, 3}).output("y");
  auto& conv = b.node("Conv", {"x", "w"}, {"y"});
  set_attr(conv, "group", int64_t{4});
  set_attr(conv, "dilations", std::vector<int64_t>{2, 2});
  const auto loaded = load(b);
  // Effective kernel 5 -> 16x16 output; MACs = N * M * 16 * 16 * (C / group) * 9.
  EXPECT_EQ(only_op(loaded).cost.macs, int64_t{2} * 12 * 16 * 16 * 2 * 9);
}

TEST(OpCost, ConvTransposeCountsPerInputPixel) {
  OnnxModelBuilder b;
  b.input("x", {1, 8, 10, 10}).weight("w", {8, 4, 4, 4}).output("y");
  auto& deconv = b.node("ConvTranspose", {"x", "w"}, {"y"});
  set_attr(deconv, "strides", std::vector<int64_t>{2, 2});
  const auto loaded = load(b);
  // Every input pixel scatters into C_out x k x k outputs: 8 * 10 * 10 * 4 * 4 * 4.
  EXPECT_EQ(only_op(loaded).cost.macs, 8 * 10 * 10 * 4 * 16);
  EXPECT_EQ(loaded.network.tensor(only_op(loaded).outputs[0]).shape,
            (std::vector<int64_t>{1, 4, 22, 22}));
}

TEST(OpCost, GemmWithTransposedWeight) {
  OnnxModelBuilder b;
  b.input("x", {4, 512}).weight("w", {1000, 512}).weight("c", {1000}).output("y");
  set_attr(b.node("Gemm", {"x", "w", "c"}, {"y"}), "transB", int64_t{1});
  const auto loaded = load(b);
  EXPECT_EQ(only_op(loaded).cost.macs, 4 * 1000 * 512);
  EXPECT_EQ(only_op(loaded).cost.flops, 2 * 4 * 1000 * 512 + 4 * 1000);
}

TEST(OpCost, GemmWithTransposedInput) {
  OnnxModelBuilder b;
  b.input("x", {64, 3}).weight("w", {64, 5}).output("y");
  set_attr(b.node("Gemm", {"x", "w"}, {"y"}), "transA", int64_t{1});
  EXPECT_EQ(only_op(load(b)).cost.macs, 3 * 5 * 64);
}

TEST(OpCost, BatchedMatMulBroadcastsTheWeight) {
  OnnxModelBuilder b;
  b.input("x", {2, 4, 128, 64}).weight("w", {64, 32}).output("y");
  b.node("MatMul", {"x", "w"}, {"y"});
  // 2 * 4 batches of a 128x64 by 64x32 product.
  EXPECT_EQ(only_op(load(b)).cost.macs, 2 * 4 * 128 * 32 * 64);
}

TEST(OpCost, MatMulOfTwoActivations) {
  OnnxModelBuilder b;
  b.input("q", {1, 4, 16, 8}).input("k", {1, 4, 8, 16}).output("s");
  b.node("MatMul", {"q", "k"}, {"s"});
  const auto loaded = load(b);
  EXPECT_EQ(only_op(loaded).cost.macs, 4 * 16 * 16 * 8);
  EXPECT_EQ(only_op(loaded).cost.weight_bytes, 0);
  EXPECT_EQ(only_op(loaded).cost.input_bytes, 2 * 4 * 16 * 8 * 4);
}

TEST(OpCost, MaxPoolCountsWindowPerOutput) {
  OnnxModelBuilder b;
  b.input("x", {1, 64, 112, 112}).output("y");
  auto& pool = b.node("MaxPool", {"x"}, {"y"});
  set_attr(pool, "kernel_shape", std::vector<int64_t>{3, 3});
  set_attr(pool, "strides", std::vector<int64_t>{2, 2});
  set_attr(pool, "pads", std::vector<int64_t>{1, 1, 1, 1});
  const auto loaded = load(b);
  EXPECT_EQ(only_op(loaded).cost.macs, 0);
  EXPECT_EQ(only_op(loaded).cost.flops, 64 * 56 * 56 * 9);
}

TEST(OpCost, GlobalAveragePoolReadsEveryInput) {
  OnnxModelBuilder b;
  b.input("x", {1, 2048, 7, 7}).output("y");
  b.node("GlobalAveragePool", {"x"}, {"y"});
  EXPECT_EQ(only_op(load(b)).cost.flops, 2048 * 49);
}

TEST(OpCost, ElementwiseAddBroadcast) {
  OnnxModelBuilder b;
  b.input("x", {1, 8, 4, 4}).weight("bias", {8, 1, 1}).output("y");
  b.node("Add", {"x", "bias"}, {"y"});
  const auto loaded = load(b);
  const auto& op = only_op(loaded);
  EXPECT_EQ(op.cost.flops, 8 * 16);
  EXPECT_EQ(op.cost.weight_bytes, 8 * 4);
}

TEST(OpCost, SoftmaxAndLayerNorm) {
  OnnxModelBuilder b;
  b.input("x", {1, 128, 256}).weight("g", {256}).weight("beta", {256}).output("y").output("z");
  b.node("Softmax", {"x"}, {"y"});
  b.node("LayerNormalization", {"x", "g", "beta"}, {"z"});
  const auto loaded = load(b);
  ASSERT_EQ(loaded.network.ops().size(), 2u);
  EXPECT_EQ(loaded.network.ops()[0].cost.flops, 5 * 128 * 256);
  EXPECT_EQ(loaded.network.ops()[1].cost.flops, 7 * 128 * 256);
  EXPECT_EQ(hsim::sim::summarize(loaded.network).parameters, 512);
}

TEST(OpCost, ReshapeIsAViewAndItsShapeIsNotAParameter) {
  OnnxModelBuilder b;
  b.input("x", {1, 64, 7, 7}).int64_constant("shape", {1, -1}).output("y");
  b.node("Reshape", {"x", "shape"}, {"y"});
  const auto loaded = load(b);
  const auto& op = only_op(loaded);
  EXPECT_TRUE(op.cost.is_view);
  EXPECT_EQ(op.cost.input_bytes + op.cost.output_bytes + op.cost.weight_bytes, 0);
  EXPECT_EQ(loaded.network.tensor(op.outputs[0]).shape, (std::vector<int64_t>{1, 64 * 49}));
  EXPECT_EQ(hsim::sim::summarize(loaded.network).parameters, 0);
}

TEST(OpCost, ChannelConcatOfOneImageIsAView) {
  OnnxModelBuilder b;
  b.input("a", {1, 8, 4, 4}).input("b", {1, 24, 4, 4}).output("y");
  set_attr(b.node("Concat", {"a", "b"}, {"y"}), "axis", int64_t{1});
  EXPECT_TRUE(only_op(load(b)).cost.is_view);
}

TEST(OpCost, ConcatThatInterleavesIsACopy) {
  OnnxModelBuilder b;
  b.input("a", {2, 8, 4, 4}).input("b", {2, 8, 4, 4}).output("y");
  set_attr(b.node("Concat", {"a", "b"}, {"y"}), "axis", int64_t{1});
  const auto loaded = load(b);
  const auto& op = only_op(loaded);
  EXPECT_FALSE(op.cost.is_view);
  EXPECT_EQ(op.cost.input_bytes, 2 * 2 * 8 * 16 * 4);
  EXPECT_EQ(op.cost.output_bytes, 2 * 16 * 16 * 4);
}

TEST(OpCost, StridedSliceCopiesOnlyWhatItKeeps) {
  OnnxModelBuilder b;
  b.input("x", {1, 16, 8, 8});
  b.int64_constant("starts", {0}).int64_constant("ends", {8}).int64_constant("axes", {3});
  b.int64_constant("steps", {2}).output("y");
  b.node("Slice", {"x", "starts", "ends", "axes", "steps"}, {"y"});
  const auto loaded = load(b);
  const auto& op = only_op(loaded);
  EXPECT_FALSE(op.cost.is_view);
  EXPECT_EQ(op.cost.input_bytes, 16 * 8 * 4 * 4);
  EXPECT_EQ(op.cost.output_bytes, 16 * 8 * 4 * 4);
}

TEST(OpCost, GatherFromAnEmbeddingReadsOnlyPickedRows) {
  OnnxModelBuilder b;
  b.input("ids", {1, 128}, onnx::TensorProto::INT64).weight("table", {30522, 256}).output("y");
  b.node("Gather", {"table", "ids"}, {"y"});
  const auto loaded = load(b);
  const auto& op = only_op(loaded);
  EXPECT_EQ(op.cost.weight_bytes, 128 * 256 * 4);
  EXPECT_EQ(op.cost.input_bytes, 128 * 8);
  EXPECT_EQ(hsim::sim::summarize(loaded.network).parameters, 30522 * 256);
}

TEST(OpCost, ConstantSubgraphIsFoldedAndItsOutputCountsAsWeight) {
  OnnxModelBuilder b;
  b.input("x", {1, 4}).weight("w0", {4, 4}).output("y");
  b.node("Identity", {"w0"}, {"w1"});
  b.node("MatMul", {"x", "w0"}, {"h"});
  b.node("MatMul", {"h", "w1"}, {"y"});
  const auto loaded = load(b);
  // Identity on an initializer is a constant: two MatMuls remain, each with its own 4x4 weight.
  ASSERT_EQ(loaded.network.ops().size(), 2u);
  EXPECT_EQ(hsim::sim::summarize(loaded.network).parameters, 32);
}

TEST(OpCost, UnknownOpGetsGenericCostAndAWarning) {
  OnnxModelBuilder b;
  b.input("x", {1, 3, 8, 8}).output("y");
  b.node("Celu", {"x"}, {"c"});  // modelled
  b.node("Shrink", {"c"}, {"y"}, "shrink_node");  // a real ONNX op hsim has no model of
  const auto loaded = load(b);
  ASSERT_EQ(loaded.network.ops().size(), 2u);
  const auto& shrink = loaded.network.ops()[1];
  EXPECT_FALSE(shrink.cost.is_modelled);
  EXPECT_EQ(shrink.cost.flops, 3 * 64);
  ASSERT_EQ(loaded.warnings.size(), 1u);
  EXPECT_NE(loaded.warnings[0].find("Shrink"), std::string::npos);
  EXPECT_NE(loaded.warnings[0].find("shrink_node"), std::string::npos);
}
