#include "kernels/systolic_array.h"

#include <stdexcept>

namespace hsim::sim {

namespace {

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

void check_array(int64_t rows, int64_t cols) {
  if (rows <= 0 || cols <= 0) throw std::invalid_argument("systolic array needs rows, cols > 0");
}

}  // namespace

SystolicMapping map_gemm_to_array(Dataflow dataflow, int64_t pixels, int64_t channels,
                                  int64_t reduction) {
  switch (dataflow) {
    case Dataflow::kOutputStationary: return {pixels, channels, reduction};
    case Dataflow::kWeightStationary: return {reduction, channels, pixels};
    case Dataflow::kInputStationary: return {reduction, pixels, channels};
  }
  return {};
}

SystolicFolds systolic_folds(int64_t rows, int64_t cols, int64_t sr, int64_t sc) {
  check_array(rows, cols);
  return {ceil_div(sr, rows), ceil_div(sc, cols)};
}

int64_t systolic_fold_cycles(int64_t rows, int64_t cols, Dataflow dataflow, int64_t t) {
  check_array(rows, cols);
  const int64_t preload = dataflow == Dataflow::kOutputStationary ? 0 : rows;
  return preload + rows + cols + t - 2;
}

int64_t systolic_busy_cycles(int64_t rows, int64_t cols, Dataflow dataflow, int64_t sr, int64_t sc,
                             int64_t t) {
  if (sr <= 0 || sc <= 0 || t <= 0) return 0;
  return systolic_folds(rows, cols, sr, sc).total() * systolic_fold_cycles(rows, cols, dataflow, t);
}

int64_t systolic_compute_cycles(int64_t rows, int64_t cols, Dataflow dataflow, int64_t sr,
                                int64_t sc, int64_t t) {
  const int64_t busy = systolic_busy_cycles(rows, cols, dataflow, sr, sc, t);
  return busy > 0 ? busy - 1 : 0;
}

}  // namespace hsim::sim
