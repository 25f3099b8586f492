// Kernel models' traces executed on the platform: the timing the two give together against
// closed forms on the extremes (memory ample -> compute bound; memory starved -> DRAM bound).
#include <gtest/gtest.h>

#include "kernel_test_util.h"
#include "kernels/kernel_model.h"
#include "kernels/systolic_array.h"
#include "platform/platform.h"
#include "support/fresh_systemc.h"
#include "support/test_boards.h"

using namespace hsim::sim;
using hsim::testing::TestBoard;

namespace {

// The NPU of TestBoard (32x32 OS array at 1 GHz, 1 MiB SRAM) as the kernel model sees it.
PuSpec test_npu(const BoardSpec& board) {
  for (const PuSpec& pu : board.devices.front().pus)
    if (pu.kind == PuKind::kNpu) return pu;
  throw std::logic_error("no npu");
}

}  // namespace

TEST(PlatformKernels, ConvOnAmpleMemoryRunsAtTheSystolicClosedForm) {
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.cpu_cores = 0;
  spec.npu_cores = 1;
  spec.dram_bandwidth = 10'000 * hsim::testing::kGBps;  // 10 TB/s: transfers nearly free
  spec.bus_bandwidth = 10'000 * hsim::testing::kGBps;
  spec.dma_bandwidth = 10'000 * hsim::testing::kGBps;
  spec.dram_latency = 0;
  const BoardSpec board = spec.build();
  Platform platform(board);
  hsim::testing::ConvShape shape;
  shape.c = 64;
  shape.h = shape.w = 28;
  shape.m = 128;
  const auto net = hsim::testing::conv_network(shape);
  const KernelTrace trace =
      build_kernel_trace(net.network, net.network.ops().front(), test_npu(board));
  const RunResult r = platform.run({{0, {&trace}}});
  // OS mapping: Sr = 28*28 = 784 pixels, Sc = 128 channels, T = 64*9 = 576; 25 x 4 folds of
  // R + C + T - 2 = 638 cycles, at 1 GHz. Memory adds at most a percent here.
  const double compute_ns = std::ceil(784 / 32.0) * 4 * (32 + 32 + 576 - 2);
  EXPECT_GE(static_cast<double>(r.latency), compute_ns * 1000 - 1000);
  EXPECT_NEAR(static_cast<double>(r.latency), compute_ns * 1000, 0.01 * compute_ns * 1000);
}

TEST(PlatformKernels, ElementwiseOpOnStarvedMemoryRunsAtDramSpeed) {
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.cpu_cores = 0;
  spec.npu_cores = 1;
  spec.dram_bandwidth = hsim::testing::kGBps;  // 1 GB/s: 1 ns per byte
  spec.dram_latency = 0;
  const BoardSpec board = spec.build();
  Platform platform(board);
  hsim::testing::OnnxModelBuilder b;
  b.input("a", {1, 64, 56, 56}, onnx::TensorProto::INT8)
      .input("b", {1, 64, 56, 56}, onnx::TensorProto::INT8)
      .output("y");
  b.node("Add", {"a", "b"}, {"y"});
  const auto net = load_onnx_bytes(b.bytes(), "add.onnx");
  const KernelTrace trace =
      build_kernel_trace(net.network, net.network.ops().front(), test_npu(board));
  const RunResult r = platform.run({{0, {&trace}}});
  // Two int8 inputs read and one output written: 3 x 200,704 bytes through DRAM at 1 ns each;
  // the vector unit (64 ops/cycle at 1 GHz: 3.1 us) hides under the 602 us of transfers.
  const double bytes = 3.0 * 64 * 56 * 56;
  EXPECT_EQ(r.dram_bytes, static_cast<Bytes>(bytes));
  EXPECT_NEAR(static_cast<double>(r.latency), bytes * 1000, 0.01 * bytes * 1000);
}
