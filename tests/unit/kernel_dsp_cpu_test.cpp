// DSP and CPU kernel models against their closed forms:
//   cycles = ceil(macs / macs_per_cycle) + ceil(ops / ops_per_cycle)
// with ops = the op's FLOPs beyond 2 x MACs (a conv's bias: one per output; Add: one per element).
// CPU traffic follows the cache rule of kernels/cpu_kernel_model.h (L = outermost cache size):
// min(activations read, L) from local, the rest and all weights from DRAM; min(output, L) stored
// to local, the rest to DRAM.
#include <gtest/gtest.h>

#include "kernel_test_util.h"
#include "kernels/kernel_error.h"
#include "kernels/kernel_model.h"

using hsim::sim::KernelOptions;
using hsim::sim::MemoryLevel;
using hsim::sim::RecordKind;
using hsim::sim::build_kernel_trace;
using namespace hsim::testing;

namespace {

hsim::sim::LoadedNetwork add_network() {
  OnnxModelBuilder b;
  b.input("a", {1, 64, 28, 28}).input("b", {1, 64, 28, 28}).output("y");
  b.node("Add", {"a", "b"}, {"y"}, "add");
  return hsim::sim::load_onnx_bytes(b.bytes(), "add.onnx");
}

}  // namespace

TEST(DspKernel, ConvCyclesAndBytes) {
  // 1x32x28x28 -> 64 filters 3x3, pad 1, bias; int8. MACs = 64 x 784 x 288 = 14,450,688,
  // bias ops = 64 x 784 = 50,176. 100 MACs/cycle, 30 ops/cycle:
  // ceil(14,450,688 / 100) = 144,507 + ceil(50,176 / 30) = 1,673 -> 146,180 cycles.
  const auto net = conv_network({1, 32, 28, 28, 64, 3, 1, 1, 1, true});
  for (int64_t kib : {8, 16, 32, 1024}) {
    SCOPED_TRACE(std::to_string(kib) + " KiB");
    const auto trace = build_kernel_trace(net.network, only_op(net), dsp(100, 30, kib * 1024));
    EXPECT_EQ(trace.dtype, hsim::sim::DType::kInt8);
    EXPECT_EQ(trace.total_cycles(), 144507 + 1673);
    EXPECT_EQ(trace.total_bytes(RecordKind::kStore), 64 * 784);
    // At least the input (25,088) and the weights with bias (18,496) once.
    EXPECT_GE(trace.total_bytes(RecordKind::kLoad), 32 * 784 + 64 * 288 + 64);
    if (kib == 1024) {
      EXPECT_EQ(trace.total_bytes(RecordKind::kLoad), 32 * 784 + 64 * 288 + 64);
    }
    expect_well_formed(trace);
  }
}

TEST(DspKernel, ElementwiseAddStreamsBothInputs) {
  // 50,176 additions at 30 ops/cycle = 1,673 cycles; two inputs read, one output written.
  const auto net = add_network();
  const auto trace = build_kernel_trace(net.network, only_op(net), dsp(100, 30, 16 * 1024));
  EXPECT_EQ(trace.total_cycles(), 1673);
  EXPECT_EQ(trace.total_bytes(RecordKind::kLoad), 2 * 50176);
  EXPECT_EQ(trace.total_bytes(RecordKind::kStore), 50176);
  // 16 KiB double-buffered holds 2 x (2 inputs + 1 output) chunk shares: ceil(150528 x 2 / 16384)
  // = 19 chunks at least.
  int64_t computes = 0;
  for (const auto& r : trace.records) computes += r.kind == RecordKind::kCompute;
  EXPECT_GE(computes, 19);
  expect_well_formed(trace);
}

TEST(CpuKernel, ConvThatFitsTheCache) {
  // fp32 conv 1x32x28x28 -> 64 3x3 with bias: input 100,352 B and output 200,704 B fit the
  // 256 KiB L2, weights 73,728 + 256 B come from DRAM. 16 MACs and 8 ops per cycle:
  // ceil(14,450,688 / 16) = 903,168 + ceil(50,176 / 8) = 6,272 -> 909,440 cycles.
  const auto net = conv_network({1, 32, 28, 28, 64, 3, 1, 1, 1, true});
  const auto trace = build_kernel_trace(net.network, only_op(net), cpu(16, 8, 256 * 1024));
  EXPECT_EQ(trace.dtype, hsim::sim::DType::kFloat32);
  EXPECT_EQ(trace.total_cycles(), 903168 + 6272);
  EXPECT_EQ(bytes_of(trace, RecordKind::kLoad, MemoryLevel::kLocal), 100352);
  EXPECT_EQ(bytes_of(trace, RecordKind::kLoad, MemoryLevel::kDram), 73728 + 256);
  EXPECT_EQ(bytes_of(trace, RecordKind::kStore, MemoryLevel::kLocal), 200704);
  EXPECT_EQ(bytes_of(trace, RecordKind::kStore, MemoryLevel::kDram), 0);
  expect_well_formed(trace);
}

TEST(CpuKernel, ConvLargerThanTheCache) {
  // fp32 1x64x112x112 -> 64 3x3: input and output 3,211,264 B each; L2 = 256 KiB = 262,144 B.
  const auto net = conv_network({1, 64, 112, 112, 64});
  const auto trace = build_kernel_trace(net.network, only_op(net), cpu(16, 8, 256 * 1024));
  EXPECT_EQ(bytes_of(trace, RecordKind::kLoad, MemoryLevel::kLocal), 262144);
  EXPECT_EQ(bytes_of(trace, RecordKind::kLoad, MemoryLevel::kDram),
            3211264 - 262144 + 64 * 64 * 9 * 4);
  EXPECT_EQ(bytes_of(trace, RecordKind::kStore, MemoryLevel::kLocal), 262144);
  EXPECT_EQ(bytes_of(trace, RecordKind::kStore, MemoryLevel::kDram), 3211264 - 262144);
  // MACs = 64 x 12,544 x 576 = 462,422,016 -> / 16 = 28,901,376 cycles, no other ops.
  EXPECT_EQ(trace.total_cycles(), 28901376);
  expect_well_formed(trace);
}

TEST(CpuKernel, WithoutCachesEverythingGoesToDram) {
  const auto net = add_network();
  auto pu = cpu(16, 8, 0);
  pu.caches.clear();
  const auto trace = build_kernel_trace(net.network, only_op(net), pu);
  // fp32: 2 x 200,704 B read, 200,704 B written; 50,176 adds at 8 per cycle = 6,272 cycles.
  EXPECT_EQ(bytes_of(trace, RecordKind::kLoad, MemoryLevel::kDram), 2 * 200704);
  EXPECT_EQ(bytes_of(trace, RecordKind::kStore, MemoryLevel::kDram), 200704);
  EXPECT_EQ(trace.total_cycles(), 6272);
}

TEST(CpuKernel, MissingRateIsAnError) {
  const auto net = add_network();
  auto pu = cpu(16, 0, 256 * 1024);
  EXPECT_THROW(build_kernel_trace(net.network, only_op(net), pu), hsim::sim::KernelError);
}
