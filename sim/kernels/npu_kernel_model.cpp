#include "kernels/npu_kernel_model.h"

#include "kernels/gemm_steps.h"
#include "kernels/kernel_error.h"
#include "kernels/models.h"
#include "kernels/op_traffic.h"
#include "kernels/vector_kernel.h"
#include "kernels/systolic_array.h"
#include "kernels/work_split.h"

namespace hsim::sim {

namespace {

const SystolicArraySpec& array_of(const PuSpec& pu) {
  if (!pu.array || pu.array->rows <= 0 || pu.array->cols <= 0)
    throw KernelError("the NPU has no systolic array (rows and cols)");
  return *pu.array;
}

Bytes local_sram_of(const PuSpec& pu) {
  if (pu.local_sram <= 0) throw KernelError("the PU has no local SRAM");
  return pu.local_sram;
}

class NpuKernelModel : public KernelModel {
 public:
  std::string_view name() const override { return "npu-systolic"; }

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
    const bool db = request.options.double_buffering;
    const TilingConstraints constraints = npu_tiling_constraints(request.pu, problem, db);
    const GemmPlan plan = choose_gemm_tiling(problem, constraints, request.options.tiling);
    const int64_t total_macs = problem.macs();
    const int64_t total_ops = op_traffic(request).ops;
    int64_t macs_done = 0;
    const auto steps = gemm_steps(gemm_tiles(problem, plan.tiling), [&](const GemmTile& tile,
                                                                        PipelineStep& step) {
      step.unit = ComputeUnit::kMac;
      step.cycles = constraints.tile_cycles(tile.groups, tile.pixels, tile.channels,
                                            tile.in_channels) -
                    (tile.ends_group_block ? tile.groups : 0);
      step.macs = tile_macs(problem, tile);
      step.ops = scaled_floor(total_ops, macs_done + step.macs, total_macs) -
                 scaled_floor(total_ops, macs_done, total_macs);
      macs_done += step.macs;
    });
    emit_pipeline(steps, db, trace);
  }

  static void build_vector(const KernelRequest& request, KernelTrace& trace) {
    build_vector_kernel(request, local_sram_of(request.pu), trace);
  }
};

}  // namespace

TilingConstraints npu_tiling_constraints(const PuSpec& pu, const GemmProblem& problem,
                                         bool double_buffering) {
  const SystolicArraySpec array = array_of(pu);
  TilingConstraints c;
  c.capacity = local_sram_of(pu);
  c.double_buffering = double_buffering;
  switch (array.dataflow) {
    case Dataflow::kOutputStationary:  // pixels on rows, channels on columns, K in time
      c.pixel_align = array.rows;
      c.channel_align = array.cols;
      break;
    case Dataflow::kWeightStationary:  // K on rows, channels on columns, pixels in time
      c.channel_align = array.cols;
      break;
    case Dataflow::kInputStationary:  // K on rows, pixels on columns, channels in time
      c.pixel_align = array.cols;
      break;
  }
  const int64_t kernel_volume = problem.kernel_volume;
  c.tile_cycles = [array, kernel_volume](int64_t groups, int64_t pixels, int64_t channels,
                                         int64_t in_channels) {
    const SystolicMapping m =
        map_gemm_to_array(array.dataflow, pixels, channels, in_channels * kernel_volume);
    return groups * systolic_busy_cycles(array.rows, array.cols, array.dataflow, m.sr, m.sc, m.t);
  };
  return c;
}

void register_npu_kernel_model(KernelModelRegistry& registry) {
  registry.add(PuKind::kNpu, std::make_unique<NpuKernelModel>());
}

}  // namespace hsim::sim
