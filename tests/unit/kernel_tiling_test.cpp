// Tiling into local SRAM: tiles fit for a range of SRAM sizes, bytes add up, and the rows a pixel
// block loads are the rows its output pixels read (checked by brute force over every kernel tap).
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>

#include "kernel_test_util.h"
#include "kernels/gemm_problem.h"
#include "kernels/gemm_tiling.h"
#include "kernels/kernel_error.h"
#include "kernels/kernel_model.h"
#include "kernels/npu_kernel_model.h"

using hsim::sim::Dataflow;
using hsim::sim::GemmProblem;
using hsim::sim::InputGeometry;
using hsim::sim::KernelOptions;
using hsim::sim::RecordKind;
using namespace hsim::testing;

namespace {

// Rows read by output pixels [p0, p1): every tap of every output row, clipped to the tensor;
// the block loads the span from the lowest to the highest row, per image.
int64_t brute_force_rows(const InputGeometry& g, int64_t p0, int64_t p1) {
  int64_t rows = 0;
  for (int64_t n = 0; n < g.images; ++n) {
    int64_t lo = INT64_MAX, hi = -1;
    for (int64_t p = std::max(p0, n * g.out_height * g.out_width);
         p < std::min(p1, (n + 1) * g.out_height * g.out_width); ++p) {
      const int64_t oy = (p / g.out_width) % g.out_height;
      for (int64_t tap = 0; tap < g.kernel_rows; ++tap) {
        const int64_t y = oy * g.stride - g.pad_top + tap * g.dilation;
        if (y < 0 || y >= g.height) continue;
        lo = std::min(lo, y);
        hi = std::max(hi, y);
      }
    }
    if (hi >= lo) rows += hi - lo + 1;
  }
  return rows;
}

// Upper bound of what is live in local SRAM at any point of a double-buffered trace: the last two
// input loads, the last two weight loads and the last two output stores (tags in, w, out).
int64_t peak_live_bytes(const hsim::sim::KernelTrace& trace) {
  std::deque<int64_t> in, w, out;
  int64_t peak = 0;
  auto push = [](std::deque<int64_t>& q, int64_t bytes) {
    q.push_back(bytes);
    if (q.size() > 2) q.pop_front();
  };
  auto sum = [](const std::deque<int64_t>& q) {
    int64_t s = 0;
    for (int64_t b : q) s += b;
    return s;
  };
  for (const auto& r : trace.records) {
    if (r.kind == RecordKind::kLoad) push(r.tag.rfind("w", 0) == 0 ? w : in, r.bytes);
    if (r.kind == RecordKind::kStore) push(out, r.bytes);
    peak = std::max(peak, sum(in) + sum(w) + sum(out));
  }
  return peak;
}

}  // namespace

TEST(KernelTiling, InputRowsMatchBruteForce) {
  const InputGeometry geometries[] = {
      {1, 56, 56, 56, 56, 3, 1, 1, 1},  // 'same' 3x3
      {2, 20, 20, 10, 10, 3, 2, 1, 1},  // stride 2, batch 2
      {1, 56, 56, 28, 28, 1, 2, 0, 1},  // 1x1 stride 2
      {1, 30, 30, 26, 26, 3, 1, 0, 2},  // dilation 2
      {1, 224, 224, 112, 112, 7, 2, 3, 1},
  };
  for (const auto& g : geometries)
    for (int64_t block : {1, 7, 32, 100, 448, 10000})
      for (int64_t p0 = 0; p0 < g.pixels(); p0 += block)
        ASSERT_EQ(g.input_rows(p0, std::min(g.pixels(), p0 + block)),
                  brute_force_rows(g, p0, std::min(g.pixels(), p0 + block)))
            << "block " << block << " at " << p0;
}

TEST(KernelTiling, TilesFitEverySramSize) {
  // 1x64x56x56 -> 128 channels 3x3 on 32 x 32 OS, int8: input 200,704 B, weights 73,728 B,
  // output 401,408 B. From 16 KiB (nothing near fitting) to 8 MiB (everything at once).
  const auto net = conv_network({1, 64, 56, 56, 128, 3, 1, 1, 1, true});
  const GemmProblem problem = hsim::sim::gemm_problem(net.network, only_op(net), 1);
  for (int64_t kib : {16, 24, 32, 48, 64, 96, 128, 256, 512, 1024, 8192}) {
    SCOPED_TRACE(std::to_string(kib) + " KiB");
    const auto pu = npu(32, 32, Dataflow::kOutputStationary, kib * 1024);
    KernelOptions options;
    options.dtype = hsim::sim::DType::kInt8;
    const auto trace = hsim::sim::build_kernel_trace(net.network, only_op(net), pu, options);
    const auto plan = hsim::sim::choose_gemm_tiling(
        problem, hsim::sim::npu_tiling_constraints(pu, problem, true));
    const auto& t = plan.tiling;
    // Footprint recomputed here: 2 x input block (rows by brute force) + weights (all, or 2 x a
    // block with its bias) + 2 x output block.
    int64_t max_rows = 0;
    for (int64_t p0 = 0; p0 < 3136; p0 += t.pixel_block)
      max_rows = std::max(max_rows, brute_force_rows(problem.geometry, p0,
                                                      std::min<int64_t>(3136, p0 + t.pixel_block)));
    const int64_t weights =
        t.weights_resident ? 128 * (64 * 9 + 1) : 2 * t.channel_block * (t.reduction_block * 9 + 1);
    const int64_t footprint = 2 * t.reduction_block * max_rows * 56 + weights +
                              2 * t.pixel_block * t.channel_block;
    EXPECT_LE(footprint, kib * 1024);
    EXPECT_LE(peak_live_bytes(trace), kib * 1024);
    EXPECT_EQ(trace.total_bytes(RecordKind::kLoad), plan.loaded);
    EXPECT_EQ(trace.total_bytes(RecordKind::kStore), 128 * 56 * 56);
    EXPECT_GE(trace.total_bytes(RecordKind::kLoad), 64 * 56 * 56 + 128 * (64 * 9 + 1));
    // Pixel blocks are whole multiples of 32 rows of the array and channel blocks of 32 columns,
    // so with K unsplit the fold count, and the cycles, are those of the untiled conv.
    EXPECT_EQ(t.pixel_block % 32 == 0 || t.pixel_block == 3136, true);
    EXPECT_EQ(t.channel_block % 32 == 0 || t.channel_block == 128, true);
    if (t.reduction_block == 64) {
      EXPECT_EQ(trace.total_cycles(), 98 * 4 * 638 - 1);
    }
    expect_well_formed(trace);
  }
}

TEST(KernelTiling, ReductionIsSplitOnlyWhenNothingElseFits) {
  // A 4096 -> 64 fully connected layer (P = 1) on 32 x 32 OS with 8 KiB: one 32-column block of
  // weights is 4096 x 32 = 128 KiB, so K must be split; each K block pays its own fold.
  const auto net = gemm_network(1, 4096, 64);
  const GemmProblem problem = hsim::sim::gemm_problem(net.network, only_op(net), 1);
  const auto pu = npu(32, 32, Dataflow::kOutputStationary, 8 * 1024);
  const auto plan =
      hsim::sim::choose_gemm_tiling(problem, hsim::sim::npu_tiling_constraints(pu, problem, true));
  EXPECT_LT(plan.tiling.reduction_block, 4096);
  EXPECT_LE(plan.footprint, 8 * 1024);
  KernelOptions options;
  const auto trace = hsim::sim::build_kernel_trace(net.network, only_op(net), pu, options);
  // Unsplit: 1 x 2 folds of 32 + 32 + 4096 - 2 = 4158; split adds 62 cycles per extra K block.
  const int64_t k_blocks = (4096 + plan.tiling.reduction_block - 1) / plan.tiling.reduction_block;
  EXPECT_EQ(trace.total_cycles(), 2 * (4158 + (k_blocks - 1) * 62) - 1);
  EXPECT_EQ(trace.total_bytes(RecordKind::kStore), 64);
  EXPECT_LE(peak_live_bytes(trace), 8 * 1024);
}

TEST(KernelTiling, WeightStationarySplitsPixelsOnlyWhenItMust) {
  // WS streams pixels in time; with room for everything the pixels stay in one block and the
  // cycles are the closed form; with 64 KiB the tiler still prefers whole pixel runs.
  const auto net = conv_network({1, 64, 28, 28, 64});
  const GemmProblem problem = hsim::sim::gemm_problem(net.network, only_op(net), 1);
  // K = 576 -> 18 row folds, M = 64 -> 2 col folds, T = 784: 36 x (64 + 32 + 784 - 2) - 1.
  for (int64_t kib : {64, 256, 4096}) {
    const auto pu = npu(32, 32, Dataflow::kWeightStationary, kib * 1024);
    const auto plan =
        hsim::sim::choose_gemm_tiling(problem, hsim::sim::npu_tiling_constraints(pu, problem, true));
    const auto trace = hsim::sim::build_kernel_trace(net.network, only_op(net), pu);
    const int64_t pixel_blocks = (784 + plan.tiling.pixel_block - 1) / plan.tiling.pixel_block;
    // Every extra pixel block repeats each fold's preload and drain: 2R + C - 2 = 94 cycles.
    EXPECT_EQ(trace.total_cycles(), 36 * (878 + (pixel_blocks - 1) * 94) - 1) << kib;
    if (kib == 4096) {
      EXPECT_EQ(pixel_blocks, 1);
    }
  }
}

TEST(KernelTiling, OverrideThatDoesNotFitIsAnError) {
  const auto net = conv_network({1, 64, 56, 56, 128});
  KernelOptions options;
  options.tiling.pixel_block = 3136;
  options.tiling.channel_block = 128;
  EXPECT_THROW(hsim::sim::build_kernel_trace(net.network, only_op(net),
                                             npu(32, 32, Dataflow::kOutputStationary, 64 * 1024),
                                             options),
               hsim::sim::KernelError);
}
