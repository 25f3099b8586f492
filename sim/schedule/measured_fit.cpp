#include "schedule/measured_fit.h"

#include <algorithm>

#include "common/mul_div.h"
#include "kernels/measured_compute.h"

namespace hsim::sim {

namespace {

Picoseconds alone(Platform& platform, size_t core, const std::vector<KernelTrace*>& traces) {
  CoreProgram program;
  program.core = core;
  for (const KernelTrace* trace : traces) program.kernels.push_back(trace);
  return platform.run({program}).latency;
}

}  // namespace

int64_t fit_measured_time(Platform& platform, size_t core, Hertz clock,
                          const std::vector<KernelTrace*>& traces, Picoseconds target) {
  constexpr int kMaxSteps = 8;
  const Picoseconds cycle = std::max<Picoseconds>(1, mul_div_round(1, 1'000'000'000'000, clock));
  set_compute_cycles(traces, 0);
  const Picoseconds movement = alone(platform, core, traces);
  int64_t cycles = cycles_of(std::max<Picoseconds>(target - movement, 0), clock);
  for (int step = 0; step < kMaxSteps; ++step) {
    set_compute_cycles(traces, cycles);
    const Picoseconds lacking = target - alone(platform, core, traces);
    if (lacking < cycle) break;
    cycles += cycles_of(lacking, clock);
  }
  return cycles;
}

}  // namespace hsim::sim
