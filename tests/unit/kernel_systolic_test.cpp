// Fold analysis of the systolic array against closed forms worked out by hand. Per SCALE-Sim v2
// (see kernels/systolic_array.h): folds = ceil(Sr / R) x ceil(Sc / C); one fold takes
// R + C + T - 2 cycles in OS and 2R + C + T - 2 in WS and IS; a GEMM reports folds x fold - 1.
#include <gtest/gtest.h>

#include "kernels/systolic_array.h"

using hsim::sim::Dataflow;
using hsim::sim::map_gemm_to_array;
using hsim::sim::systolic_compute_cycles;
using hsim::sim::systolic_fold_cycles;
using hsim::sim::systolic_folds;

namespace {

constexpr Dataflow kOs = Dataflow::kOutputStationary;
constexpr Dataflow kWs = Dataflow::kWeightStationary;
constexpr Dataflow kIs = Dataflow::kInputStationary;

}  // namespace

TEST(SystolicArray, MappingPerDataflow) {
  // P = 100 output pixels, M = 70 channels, K = 300.
  const auto os = map_gemm_to_array(kOs, 100, 70, 300);
  EXPECT_EQ(os.sr, 100);
  EXPECT_EQ(os.sc, 70);
  EXPECT_EQ(os.t, 300);
  const auto ws = map_gemm_to_array(kWs, 100, 70, 300);
  EXPECT_EQ(ws.sr, 300);
  EXPECT_EQ(ws.sc, 70);
  EXPECT_EQ(ws.t, 100);
  const auto is = map_gemm_to_array(kIs, 100, 70, 300);
  EXPECT_EQ(is.sr, 300);
  EXPECT_EQ(is.sc, 100);
  EXPECT_EQ(is.t, 70);
}

TEST(SystolicArray, FoldsThatDivideTheArray) {
  // 64 x 96 on 32 x 32: 2 x 3 folds.
  const auto f = systolic_folds(32, 32, 64, 96);
  EXPECT_EQ(f.row_folds, 2);
  EXPECT_EQ(f.col_folds, 3);
  EXPECT_EQ(f.total(), 6);
  // OS, T = 64: 6 folds x (32 + 32 + 64 - 2 = 126) - 1 = 755.
  EXPECT_EQ(systolic_compute_cycles(32, 32, kOs, 64, 96, 64), 6 * 126 - 1);
}

TEST(SystolicArray, FoldsThatDoNotDivideTheArray) {
  // 32 x 32 array, P = 100, M = 70, K = 300.
  // OS: Sr = 100 -> ceil(100/32) = 4, Sc = 70 -> 3: 12 folds of 32 + 32 + 300 - 2 = 362 -> 4343.
  EXPECT_EQ(systolic_folds(32, 32, 100, 70).row_folds, 4);
  EXPECT_EQ(systolic_folds(32, 32, 100, 70).col_folds, 3);
  EXPECT_EQ(systolic_fold_cycles(32, 32, kOs, 300), 362);
  EXPECT_EQ(systolic_compute_cycles(32, 32, kOs, 100, 70, 300), 4343);
  // WS: Sr = 300 -> 10, Sc = 70 -> 3: 30 folds of 64 + 32 + 100 - 2 = 194 -> 5819.
  EXPECT_EQ(systolic_folds(32, 32, 300, 70).total(), 30);
  EXPECT_EQ(systolic_fold_cycles(32, 32, kWs, 100), 194);
  EXPECT_EQ(systolic_compute_cycles(32, 32, kWs, 300, 70, 100), 5819);
  // IS: Sr = 300 -> 10, Sc = 100 -> 4: 40 folds of 64 + 32 + 70 - 2 = 164 -> 6559.
  EXPECT_EQ(systolic_folds(32, 32, 300, 100).total(), 40);
  EXPECT_EQ(systolic_fold_cycles(32, 32, kIs, 70), 164);
  EXPECT_EQ(systolic_compute_cycles(32, 32, kIs, 300, 100, 70), 6559);
}

TEST(SystolicArray, RectangularArray) {
  // 16 rows x 64 cols, OS, Sr = 50 -> 4 row folds, Sc = 64 -> 1, T = 9:
  // 4 x (16 + 64 + 9 - 2 = 87) - 1 = 347. WS with the same numbers: 4 x (32 + 64 + 9 - 2) - 1 = 411.
  EXPECT_EQ(systolic_compute_cycles(16, 64, kOs, 50, 64, 9), 347);
  EXPECT_EQ(systolic_compute_cycles(16, 64, kWs, 50, 64, 9), 411);
}

TEST(SystolicArray, MatchesScaleSimV2GoldenReports) {
  // scale-sim-v2 test/general/golden_trace_user_{os,ws,is}/COMPUTE_REPORT.csv: GEMM M=256 (pixels),
  // N=128 (filters), K=256 on 32 x 32; Total Cycles - Stall Cycles = 52447 - 42272 (OS),
  // 52447 - 41248 (WS), 19984 - 5777 (IS).
  EXPECT_EQ(systolic_compute_cycles(32, 32, kOs, 256, 128, 256), 52447 - 42272);
  EXPECT_EQ(systolic_compute_cycles(32, 32, kWs, 256, 128, 256), 52447 - 41248);
  EXPECT_EQ(systolic_compute_cycles(32, 32, kIs, 256, 256, 128), 19984 - 5777);
}

TEST(SystolicArray, SingleElementGemm) {
  // 1 x 1 x 1 on 8 x 8: one fold of 8 + 8 + 1 - 2 = 15 (OS) or 23 (WS), minus one.
  EXPECT_EQ(systolic_compute_cycles(8, 8, kOs, 1, 1, 1), 14);
  EXPECT_EQ(systolic_compute_cycles(8, 8, kWs, 1, 1, 1), 22);
  EXPECT_EQ(systolic_compute_cycles(8, 8, kOs, 0, 1, 1), 0);
}
