#include "kernels/cpu_kernel_model.h"

#include <algorithm>

#include "kernels/gemm_problem.h"
#include "kernels/kernel_error.h"
#include "kernels/models.h"
#include "kernels/op_traffic.h"
#include "kernels/stream_plan.h"

namespace hsim::sim {

namespace {

class CpuKernelModel : public KernelModel {
 public:
  std::string_view name() const override { return "cpu-simd"; }

  void build(const KernelRequest& request, KernelTrace& trace) const override {
    const OpTraffic traffic = op_traffic(request);
    const Bytes cache = cpu_cache_capacity(request.pu);
    const bool matrix = is_gemm_op(request.op);
    StreamWork work;
    work.input_local = std::min(traffic.input, cache);
    work.input_dram = traffic.input - work.input_local;
    work.fixed = traffic.fixed;
    work.output_local = std::min(traffic.output, cache);
    work.output_dram = traffic.output - work.output_local;
    work.macs = request.op.cost.macs;
    work.ops = traffic.ops;
    work.rate = request.rate();
    work.unit = work.macs > 0 ? ComputeUnit::kMac : ComputeUnit::kVector;
    const std::string type(dtype_name(request.dtype));
    if (work.macs > 0 && work.rate.macs_per_cycle <= 0)
      throw KernelError("the PU has no MAC rate (macs_per_cycle) for " + type);
    if (work.ops > 0 && work.rate.ops_per_cycle <= 0 && !matrix)
      throw KernelError("the PU has no vector rate (ops_per_cycle) for " + type);
    const bool db = request.options.double_buffering;
    emit_pipeline(stream_steps(work, plan_stream(work, cache, db)), db, trace);
  }
};

}  // namespace

Bytes cpu_cache_capacity(const PuSpec& pu) {
  return pu.caches.empty() ? 0 : pu.caches.back().size;
}

void register_cpu_kernel_model(KernelModelRegistry& registry) {
  registry.add(PuKind::kCpu, std::make_unique<CpuKernelModel>());
}

}  // namespace hsim::sim
