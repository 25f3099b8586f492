#pragma once

// Pipeline steps of a tiled GEMM: each tile loads its new input block ("in") and weight block
// ("w") from DRAM, computes, and stores its finished output block ("out") to DRAM. The compute of
// a tile is the model's: `compute` fills cycles, unit, macs and ops of the step.
#include <functional>
#include <vector>

#include "kernels/gemm_tiling.h"
#include "kernels/tile_pipeline.h"

namespace hsim::sim {

using TileCompute = std::function<void(const GemmTile&, PipelineStep&)>;

std::vector<PipelineStep> gemm_steps(const std::vector<GemmTile>& tiles,
                                     const TileCompute& compute);

// MACs of one tile: groups x pixels x channels x in_channels x kernel volume.
int64_t tile_macs(const GemmProblem& problem, const GemmTile& tile);

}  // namespace hsim::sim
