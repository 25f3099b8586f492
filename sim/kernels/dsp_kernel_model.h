#pragma once

// DSP kernel model: vector cores with a local SRAM. Matrix ops are tiled like on the NPU
// (gemm_tiling.h, no alignment: any block size keeps the arithmetic whole) and computed at the
// dtype's macs_per_cycle; per-output arithmetic (bias) at ops_per_cycle, or folded into the MAC
// pipeline when the DSP has no separate ops rate. Telescoped over the tiles (work_split.h), the
// op's compute cycles are exactly
//   ceil(macs / macs_per_cycle) + ceil(ops / ops_per_cycle)
// whatever the tiling. Other ops stream through local SRAM at ops_per_cycle (stream_plan.h).
#include "kernels/gemm_tiling.h"

namespace hsim::sim {

TilingConstraints dsp_tiling_constraints(const PuSpec& pu, bool double_buffering);

}  // namespace hsim::sim
