#include "kernels/vector_kernel.h"

#include "kernels/kernel_error.h"
#include "kernels/op_traffic.h"
#include "kernels/stream_plan.h"

namespace hsim::sim {

void build_vector_kernel(const KernelRequest& request, Bytes capacity, KernelTrace& trace) {
  const OpTraffic traffic = op_traffic(request);
  StreamWork work;
  work.input_dram = traffic.input;
  work.fixed = traffic.fixed;
  work.output_dram = traffic.output;
  work.ops = traffic.ops;
  work.rate.ops_per_cycle = request.rate().ops_per_cycle;
  work.unit = ComputeUnit::kVector;
  if (work.ops > 0 && work.rate.ops_per_cycle <= 0)
    throw KernelError("the PU has no vector rate (ops_per_cycle) for " +
                      std::string(dtype_name(request.dtype)));
  const bool db = request.options.double_buffering;
  emit_pipeline(stream_steps(work, plan_stream(work, capacity, db)), db, trace);
}

}  // namespace hsim::sim
