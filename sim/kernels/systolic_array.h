#pragma once

// Fold analysis of a systolic array running a GEMM, exactly as SCALE-Sim v2 counts it
// (Samajdar et al., "SCALE-Sim: Systolic CNN Accelerator Simulator", arXiv:1811.02883, and
// "A Systematic Methodology for Characterizing Scalability of DNN Accelerators using SCALE-Sim",
// ISPASS 2020; code: scalesim-project/scale-sim-v2, scalesim/compute/systolic_compute_{os,ws,is}.py).
//
// A GEMM out[P x M] = A[P x K] B[K x M] (P output pixels, M output channels, K = C/g * kh * kw)
// is laid on an R x C array as Sr spatial rows, Sc spatial columns and T temporal steps:
//   OS: Sr = P, Sc = M, T = K      WS: Sr = K, Sc = M, T = P      IS: Sr = K, Sc = P, T = M
// and runs in ceil(Sr / R) x ceil(Sc / C) folds, one after another, each using the whole array.
//
// Cycles of one fold. SCALE-Sim v2 builds, per fold, demand matrices whose row count is the fold's
// duration; their shapes give:
//   OS: the ifmap demand is T rows, plus C - 1 rows of drain, skewed over R rows of the array
//       (skewing a matrix of r rows over c columns gives r + c - 1 rows):
//         (T + C - 1) + R - 1 = R + C + T - 2
//       (the ofmap demand agrees: T - 1 rows before the R rows of outputs, skewed over C columns).
//   WS: the stationary weights are preloaded first: R rows of prefix, then T rows of ifmap, then
//       C - 1 rows of drain, skewed over R rows:
//         (R + T + C - 1) + R - 1 = 2R + C + T - 2
//       (the filter demand agrees: R rows of weights followed by R + C + T - 2 idle rows).
//   IS: the same form with the inputs stationary: 2R + C + T - 2.
// The ISPASS 2020 paper's first-order model writes 2R + C + T - 2 for every dataflow; the simulator
// (whose numbers hsim is compared with) does not preload anything in OS, hence R + C + T - 2 there.
//
// Cycles SCALE-Sim v2 reports for one GEMM on an ideal memory (no stalls): it counts the index of
// the cycle that issues the last demand row, starting at 0, i.e. the sum of the folds minus one:
//   cycles = ceil(Sr / R) * ceil(Sc / C) * fold_cycles - 1
// Checked against the repository's golden COMPUTE_REPORTs (test/general/golden_trace_user_*): a
// 256 x 128 x 256 GEMM on 32 x 32 gives Total - Stall cycles of 10175 (OS: 32 folds x 318 - 1),
// 11199 (WS: 32 x 350 - 1) and 14207 (IS: 64 x 222 - 1).
#include <cstdint>

#include "board/board_spec.h"

namespace hsim::sim {

// Spatial and temporal extents of a GEMM on the array for one dataflow.
struct SystolicMapping {
  int64_t sr = 0;  // spatial rows
  int64_t sc = 0;  // spatial columns
  int64_t t = 0;   // temporal steps per fold
};

struct SystolicFolds {
  int64_t row_folds = 0;  // ceil(Sr / R)
  int64_t col_folds = 0;  // ceil(Sc / C)
  int64_t total() const { return row_folds * col_folds; }
};

// pixels = P (output rows of the GEMM), channels = M, reduction = K.
SystolicMapping map_gemm_to_array(Dataflow dataflow, int64_t pixels, int64_t channels,
                                  int64_t reduction);

SystolicFolds systolic_folds(int64_t rows, int64_t cols, int64_t sr, int64_t sc);

// Cycles of one fold: R + C + T - 2 (OS), 2R + C + T - 2 (WS, IS).
int64_t systolic_fold_cycles(int64_t rows, int64_t cols, Dataflow dataflow, int64_t t);

// All folds of one GEMM, without SCALE-Sim's final minus one: what the array is busy for.
int64_t systolic_busy_cycles(int64_t rows, int64_t cols, Dataflow dataflow, int64_t sr, int64_t sc,
                             int64_t t);

// What SCALE-Sim v2 reports for one GEMM on an ideal memory: systolic_busy_cycles - 1.
int64_t systolic_compute_cycles(int64_t rows, int64_t cols, Dataflow dataflow, int64_t sr,
                                int64_t sc, int64_t t);

}  // namespace hsim::sim
