#pragma once

// Measured compute times that replace a kernel model's: PartitionTuner's method, where profiles
// of real hardware price each op (and each fused group) instead of an analytical model. The
// runtime asks for the time of what a task runs; when one is measured, the compute records of
// its kernel traces are rescaled (set_compute_cycles) so that the kernel alone takes that time
// (schedule/measured_fit.h), while their loads and stores (the data movement) stay as the kernel
// model derived them, so the platform still times memory traffic and contention.
#include <optional>
#include <vector>

#include "board/board_spec.h"
#include "graph/network.h"
#include "trace/kernel_trace.h"

namespace hsim::sim {

class MeasuredCompute {
 public:
  virtual ~MeasuredCompute() = default;
  // Time of one run of `ops` (one op, or a linked chain, producer first) on a PU of `kind`,
  // computing in `dtype`, with `threads` threads; nullopt when it was not measured.
  virtual std::optional<Picoseconds> time(const Network& network, const std::vector<OpId>& ops,
                                          PuKind kind, DType dtype, int threads) const = 0;
};

// Rescales the compute records of `traces` (in order) so that their cycles sum exactly to
// `cycles`, each keeping its share of the old total (largest-remainder rounding). Traces without
// compute records get one (a scalar compute record at the end of the last trace).
void set_compute_cycles(const std::vector<KernelTrace*>& traces, int64_t cycles);

// Cycles of `time` at `clock`, rounded to the nearest.
int64_t cycles_of(Picoseconds time, Hertz clock);

}  // namespace hsim::sim
