#pragma once

// How a measured time becomes a kernel's compute (ScheduleRunner::set_measured_compute). A time
// measured on hardware is what the op took there, its own data movement included. hsim keeps
// data movement on the platform model, so the compute is whatever the model's data movement
// does not explain: the compute cycles for which the kernel traces, run back to back alone on
// one core, take the measured time. Under contention (other cores sharing memory or links) the
// modelled transfers stretch and the op takes longer than measured, as it would on hardware.
// When the modelled data movement alone takes longer than the measured time, the compute is 0
// and the op takes the model's time.
#include <cstddef>
#include <vector>

#include "platform/platform.h"
#include "trace/kernel_trace.h"

namespace hsim::sim {

// Rescales the compute records of `traces` (kernels/measured_compute.h: set_compute_cycles) so
// that they take `target` alone on `core` of `platform`, to within a cycle, and returns the
// compute cycles set. Simulates a few runs of the traces alone: their time grows by at most the
// compute added, so adding what the run still lacks never overshoots.
int64_t fit_measured_time(Platform& platform, size_t core, Hertz clock,
                          const std::vector<KernelTrace*>& traces, Picoseconds target);

}  // namespace hsim::sim
