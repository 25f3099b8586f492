#pragma once

// Non-matrix ops on an NPU's or DSP's vector unit: the op's traffic (op_traffic.h) streamed
// through local SRAM of `capacity` bytes in chunks (stream_plan.h), ceil(ops / ops_per_cycle)
// compute cycles in all.
#include "kernels/kernel_model.h"

namespace hsim::sim {

void build_vector_kernel(const KernelRequest& request, Bytes capacity, KernelTrace& trace);

}  // namespace hsim::sim
