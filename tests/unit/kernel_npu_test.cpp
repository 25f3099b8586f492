// NPU kernel model: compute cycles of whole traces against SCALE-Sim v2's closed form
//   groups x (ceil(Sr / R) x ceil(Sc / C) x fold - 1),  fold = R + C + T - 2 (OS), 2R + C + T - 2
// (WS, IS), with Sr/Sc/T from the op's shapes: OS (P, M, K), WS (K, M, P), IS (K, P, M), where
// P = N Ho Wo, M = output channels per group, K = C / group x kh x kw. Bytes are int8 (1 per element).
#include <gtest/gtest.h>

#include "kernel_test_util.h"
#include "kernels/kernel_error.h"
#include "kernels/kernel_model.h"

using hsim::sim::Dataflow;
using hsim::sim::KernelOptions;
using hsim::sim::MemoryLevel;
using hsim::sim::RecordKind;
using hsim::sim::build_kernel_trace;
using namespace hsim::testing;

namespace {

constexpr int64_t kBig = int64_t{64} << 20;  // an SRAM nothing has to be split for

hsim::sim::KernelTrace trace_of(const hsim::sim::LoadedNetwork& net, const hsim::sim::PuSpec& pu,
                                KernelOptions options = {}) {
  options.dtype = hsim::sim::DType::kInt8;
  return build_kernel_trace(net.network, only_op(net), pu, options);
}

}  // namespace

TEST(NpuKernel, ConvComputeCyclesPerDataflow) {
  // 1x64x56x56, 64 filters 3x3, pad 1: P = 3136, M = 64, K = 576.
  const auto net = conv_network({1, 64, 56, 56, 64});
  // OS: ceil(3136/32) = 98 x ceil(64/32) = 2 folds of 32 + 32 + 576 - 2 = 638.
  EXPECT_EQ(trace_of(net, npu(32, 32, Dataflow::kOutputStationary, kBig)).total_cycles(),
            98 * 2 * 638 - 1);
  // WS: ceil(576/32) = 18 x 2 folds of 64 + 32 + 3136 - 2 = 3230.
  EXPECT_EQ(trace_of(net, npu(32, 32, Dataflow::kWeightStationary, kBig)).total_cycles(),
            18 * 2 * 3230 - 1);
  // IS: 18 x ceil(3136/32) = 98 folds of 64 + 32 + 64 - 2 = 158.
  EXPECT_EQ(trace_of(net, npu(32, 32, Dataflow::kInputStationary, kBig)).total_cycles(),
            18 * 98 * 158 - 1);
}

TEST(NpuKernel, GemmThatDoesNotDivideTheArray) {
  // P = 100, K = 300, M = 70 on 32 x 32 (see SystolicArray.FoldsThatDoNotDivideTheArray).
  const auto net = gemm_network(100, 300, 70);
  EXPECT_EQ(trace_of(net, npu(32, 32, Dataflow::kOutputStationary, kBig)).total_cycles(), 4343);
  EXPECT_EQ(trace_of(net, npu(32, 32, Dataflow::kWeightStationary, kBig)).total_cycles(), 5819);
  EXPECT_EQ(trace_of(net, npu(32, 32, Dataflow::kInputStationary, kBig)).total_cycles(), 6559);
}

TEST(NpuKernel, DepthwiseConvIsOneGemmPerGroup) {
  // 1x32x56x56, depthwise 3x3 pad 1: 32 GEMMs of P = 3136, M = 1, K = 9.
  // OS: 32 x (98 x 1 x (32 + 32 + 9 - 2 = 71) - 1) = 32 x 6957.
  const auto net = conv_network({1, 32, 56, 56, 32, 3, 1, 1, 32});
  const auto trace = trace_of(net, npu(32, 32, Dataflow::kOutputStationary, kBig));
  EXPECT_EQ(trace.total_cycles(), 32 * (98 * 71 - 1));
  // WS: K = 9 -> 1 row fold, M = 1 -> 1 col fold, T = 3136: 32 x (64 + 32 + 3136 - 2 - 1).
  EXPECT_EQ(trace_of(net, npu(32, 32, Dataflow::kWeightStationary, kBig)).total_cycles(),
            32 * (3230 - 1));
  int64_t macs = 0;
  for (const auto& r : trace.records) macs += r.macs;
  EXPECT_EQ(macs, 32 * 3136 * 9);
}

TEST(NpuKernel, GroupedConvWithBatchAndStride) {
  // 2x16x20x20, 24 filters 3x3, stride 2, pad 1, group 4: Ho = Wo = 10, P = 2 x 100 = 200,
  // M = 6, K = 4 x 9 = 36. OS on 16 x 8: 4 x (ceil(200/16) = 13 x 1 x (16 + 8 + 36 - 2 = 58) - 1).
  const auto net = conv_network({2, 16, 20, 20, 24, 3, 2, 1, 4});
  EXPECT_EQ(trace_of(net, npu(16, 8, Dataflow::kOutputStationary, kBig)).total_cycles(),
            4 * (13 * 58 - 1));
}

TEST(NpuKernel, BytesMovedWhenEverythingFits) {
  // 'Same' 3x3 conv, stride 1, with bias: one pixel block reads every input row once, so
  // loads = input + weights + bias exactly and stores = output exactly (int8: one byte each).
  const auto net = conv_network({1, 64, 56, 56, 128, 3, 1, 1, 1, true});
  const auto trace = trace_of(net, npu(32, 32, Dataflow::kOutputStationary, kBig));
  EXPECT_EQ(trace.total_bytes(RecordKind::kLoad), 64 * 56 * 56 + 128 * 64 * 9 + 128);
  EXPECT_EQ(trace.total_bytes(RecordKind::kStore), 128 * 56 * 56);
  EXPECT_EQ(bytes_of(trace, RecordKind::kLoad, MemoryLevel::kDram),
            trace.total_bytes(RecordKind::kLoad));
  expect_well_formed(trace);
}

TEST(NpuKernel, HaloRowsAreLoadedPerRowBlock) {
  // Same conv without bias, forced into blocks of 8 output rows (448 pixels, a multiple of 32)
  // with resident weights: block b reads input rows 8b - 1 .. 8b + 8 clipped to 0..55, i.e.
  // 9 + 5 x 10 + 9 = 68 rows of 56 x 64 bytes instead of 56.
  const auto net = conv_network({1, 64, 56, 56, 128});
  KernelOptions options;
  options.tiling.pixel_block = 8 * 56;
  options.tiling.channel_block = 128;
  options.tiling.weights_resident = true;
  const auto trace = trace_of(net, npu(32, 32, Dataflow::kOutputStationary, kBig), options);
  EXPECT_EQ(trace.total_bytes(RecordKind::kLoad), 68 * 56 * 64 + 128 * 64 * 9);
  EXPECT_EQ(trace.total_bytes(RecordKind::kStore), 128 * 56 * 56);
  // Blocks aligned to the array keep the fold count: 98 x 4 folds of 638 cycles.
  EXPECT_EQ(trace.total_cycles(), 98 * 4 * 638 - 1);
}

TEST(NpuKernel, StridedPointwiseConvLoadsTheRowsItSpans) {
  // 1x1 stride-2 conv (ResNet's downsample): output rows 0..27 read input rows 0, 2, .., 54;
  // one pixel block loads the contiguous range 0..54, i.e. 55 of the 56 rows. With several
  // blocks the odd rows between two blocks are skipped too, so loads only shrink.
  const auto net = conv_network({1, 256, 56, 56, 512, 1, 2, 0});
  KernelOptions one_block;
  one_block.tiling.pixel_block = 28 * 28;
  const auto pu = npu(32, 32, Dataflow::kOutputStationary, kBig);
  const auto trace = trace_of(net, pu, one_block);
  EXPECT_EQ(trace.total_bytes(RecordKind::kLoad), 256 * 55 * 56 + 512 * 256);
  EXPECT_EQ(trace.total_bytes(RecordKind::kStore), 512 * 28 * 28);
  const auto chosen = trace_of(net, pu);
  EXPECT_LE(chosen.total_bytes(RecordKind::kLoad), 256 * 55 * 56 + 512 * 256);
  EXPECT_GE(chosen.total_bytes(RecordKind::kLoad), 256 * 28 * 56 + 512 * 256);
  EXPECT_EQ(chosen.total_cycles(), trace.total_cycles());
}

TEST(NpuKernel, ElementwiseOpsRunOnTheVectorUnit) {
  // Relu over 1x64x56x56: one op per element, ceil(200704 / 48) = 4182 cycles (48 ops/cycle).
  OnnxModelBuilder b;
  b.input("x", {1, 64, 56, 56}).output("y");
  b.node("Relu", {"x"}, {"y"}, "relu");
  const auto net = hsim::sim::load_onnx_bytes(b.bytes(), "relu.onnx");
  const auto trace = trace_of(net, npu(32, 32, Dataflow::kOutputStationary, 64 * 1024, 48));
  EXPECT_EQ(trace.total_cycles(), (200704 + 47) / 48);
  EXPECT_EQ(trace.total_bytes(RecordKind::kLoad), 200704);
  EXPECT_EQ(trace.total_bytes(RecordKind::kStore), 200704);
  for (const auto& r : trace.records) {
    if (r.kind == RecordKind::kCompute) {
      EXPECT_EQ(r.unit, hsim::sim::ComputeUnit::kVector);
    }
  }
  expect_well_formed(trace);
}

TEST(NpuKernel, ViewOpsGiveEmptyTraces) {
  OnnxModelBuilder b;
  b.input("x", {1, 64, 7, 7}).output("y");
  b.node("Flatten", {"x"}, {"y"}, "flatten");
  const auto net = hsim::sim::load_onnx_bytes(b.bytes(), "flatten.onnx");
  ASSERT_TRUE(only_op(net).cost.is_view);
  const auto trace = trace_of(net, npu(32, 32, Dataflow::kOutputStationary, kBig));
  EXPECT_EQ(trace.name, "flatten");
  EXPECT_TRUE(trace.records.empty());
}

TEST(NpuKernel, UnsupportedOpIsAClearError) {
  OnnxModelBuilder b;
  b.input("x", {1, 8, 4, 4}).output("y");
  b.node("Sigmoid", {"x"}, {"y"}, "sig");
  const auto net = hsim::sim::load_onnx_bytes(b.bytes(), "sig.onnx");
  auto pu = npu(32, 32, Dataflow::kOutputStationary, kBig);
  pu.supported_ops = {"Conv", "Relu"};
  try {
    trace_of(net, pu);
    FAIL() << "expected UnsupportedOpError";
  } catch (const hsim::sim::UnsupportedOpError& e) {
    EXPECT_STREQ(e.what(), "op 'sig' (Sigmoid) on PU 'npu': the PU does not support Sigmoid");
  }
}

TEST(NpuKernel, MissingRatesAndArraysAreErrors) {
  const auto net = conv_network({1, 8, 8, 8, 8});
  auto pu = npu(32, 32, Dataflow::kOutputStationary, kBig);
  KernelOptions fp32;
  fp32.dtype = hsim::sim::DType::kFloat32;
  EXPECT_THROW(build_kernel_trace(net.network, only_op(net), pu, fp32), hsim::sim::KernelError);
  // Unset dtype: the model's fp32 is not available, the NPU's only type (int8) is taken.
  EXPECT_EQ(build_kernel_trace(net.network, only_op(net), pu).dtype, hsim::sim::DType::kInt8);
  pu.array.reset();
  EXPECT_THROW(trace_of(net, pu), hsim::sim::KernelError);
}

TEST(NpuKernel, TooSmallSramIsAnError) {
  // Even one 32 x 32 output block (2 KiB double-buffered) does not fit 1 KiB.
  const auto net = conv_network({1, 64, 56, 56, 64});
  try {
    trace_of(net, npu(32, 32, Dataflow::kOutputStationary, 1024));
    FAIL() << "expected KernelError";
  } catch (const hsim::sim::KernelError& e) {
    EXPECT_NE(std::string(e.what()).find("op 'conv' (Conv) on PU 'npu'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("local SRAM"), std::string::npos);
  }
}

TEST(NpuKernel, WithoutDoubleBufferingEveryTransferIsSynchronous) {
  const auto net = conv_network({1, 64, 56, 56, 128});
  KernelOptions options;
  options.double_buffering = false;
  const auto trace = trace_of(net, npu(32, 32, Dataflow::kOutputStationary, 128 * 1024), options);
  for (const auto& r : trace.records) {
    EXPECT_FALSE(r.async);
    EXPECT_NE(r.kind, RecordKind::kWait);
  }
  EXPECT_EQ(trace.total_bytes(RecordKind::kStore), 128 * 56 * 56);
  EXPECT_EQ(trace.total_cycles(), 98 * 4 * 638 - 1);
}
