#include "kernels/dsp_kernel_model.h"

#include "kernels/gemm_steps.h"
#include "kernels/kernel_error.h"
#include "kernels/models.h"
#include "kernels/op_traffic.h"
#include "kernels/vector_kernel.h"
#include "kernels/work_split.h"

namespace hsim::sim {

namespace {

class DspKernelModel : public KernelModel {
 public:
  std::string_view name() const override { return "dsp-vector"; }

  void build(const KernelRequest& request, KernelTrace& trace) const override {
    if (is_gemm_op(request.op))
      build_gemm(request, trace);
    else
      build_vector(request, trace);
  }

 private:
  static void build_gemm(const KernelRequest& request, KernelTrace& trace) {
    const GemmProblem problem =
        gemm_problem(request.network, request.op, request.element_bytes());
    if (problem.macs() == 0) return;
    const ComputeRate rate = request.rate();
    if (rate.macs_per_cycle <= 0)
      throw KernelError("the PU has no MAC rate (macs_per_cycle) for " +
                        std::string(dtype_name(request.dtype)));
    const bool db = request.options.double_buffering;
    const GemmPlan plan = choose_gemm_tiling(problem, dsp_tiling_constraints(request.pu, db),
                                             request.options.tiling);
    const int64_t total_macs = problem.macs();
    const int64_t total_ops = op_traffic(request).ops;
    int64_t macs_done = 0;
    const auto steps = gemm_steps(gemm_tiles(problem, plan.tiling), [&](const GemmTile& tile,
                                                                        PipelineStep& step) {
      const int64_t macs_after = macs_done + tile_macs(problem, tile);
      const int64_t ops_before = scaled_floor(total_ops, macs_done, total_macs);
      const int64_t ops_after = scaled_floor(total_ops, macs_after, total_macs);
      step.unit = ComputeUnit::kMac;
      step.macs = macs_after - macs_done;
      step.ops = ops_after - ops_before;
      step.cycles = telescoped_cycles(macs_done, macs_after, rate.macs_per_cycle) +
                    telescoped_cycles(ops_before, ops_after, rate.ops_per_cycle);
      macs_done = macs_after;
    });
    emit_pipeline(steps, db, trace);
  }

  static void build_vector(const KernelRequest& request, KernelTrace& trace) {
    const bool db = request.options.double_buffering;
    build_vector_kernel(request, dsp_tiling_constraints(request.pu, db).capacity, trace);
  }
};

}  // namespace

TilingConstraints dsp_tiling_constraints(const PuSpec& pu, bool double_buffering) {
  if (pu.local_sram <= 0) throw KernelError("the PU has no local SRAM");
  TilingConstraints c;
  c.capacity = pu.local_sram;
  c.double_buffering = double_buffering;
  return c;
}

void register_dsp_kernel_model(KernelModelRegistry& registry) {
  registry.add(PuKind::kDsp, std::make_unique<DspKernelModel>());
}

}  // namespace hsim::sim
