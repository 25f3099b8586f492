#include "kernels/gemm_steps.h"

namespace hsim::sim {

std::vector<PipelineStep> gemm_steps(const std::vector<GemmTile>& tiles,
                                     const TileCompute& compute) {
  std::vector<PipelineStep> steps;
  steps.reserve(tiles.size());
  for (const GemmTile& tile : tiles) {
    PipelineStep step;
    step.loads.push_back({tile.input_bytes, MemoryLevel::kDram, "in"});
    step.loads.push_back({tile.weight_bytes, MemoryLevel::kDram, "w"});
    compute(tile, step);
    step.stores.push_back({tile.output_bytes, MemoryLevel::kDram, "out"});
    steps.push_back(std::move(step));
  }
  return steps;
}

int64_t tile_macs(const GemmProblem& problem, const GemmTile& tile) {
  return tile.groups * tile.pixels * tile.channels * tile.in_channels * problem.kernel_volume;
}

}  // namespace hsim::sim
