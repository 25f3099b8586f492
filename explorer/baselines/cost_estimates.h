#pragma once

// Isolated cost estimates the baselines plan with, in picoseconds, charged the way the runtime
// charges them (schedule_runner.cpp). Contention for shared memory is not modelled.
#include "board/board_spec.h"
#include "graph/network.h"
#include "trace/kernel_trace.h"

namespace hsim::explorer {

// One kernel trace on one core of `pu` alone: max(its compute cycles at the PU's clock, the bytes
// it loads and stores at the device's DRAM bandwidth). No dispatch overhead.
double kernel_estimate_ps(const sim::KernelTrace& trace, const sim::PuSpec& pu,
                          const sim::DeviceSpec& device);

// Converting `elements` values into `dtype` on one core of `pu`: one vector operation per
// element at the PU's ops_per_cycle for that type (1 if it has none).
double conversion_ps(const sim::PuSpec& pu, sim::DType dtype, double elements);

// Elements of all of an op's outputs.
double output_elements(const sim::Network& net, const sim::Op& op);

}  // namespace hsim::explorer
