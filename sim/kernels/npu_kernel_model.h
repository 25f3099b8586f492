#pragma once

// NPU kernel model. Matrix ops (Conv, ConvTranspose, Gemm, MatMul) run on the systolic array:
// each tile of the GEMM (gemm_tiling.h) is timed by SCALE-Sim v2's fold analysis
// (systolic_array.h) of its own pixels x channels x K block, and the last tile of every group
// block gives back one cycle per GEMM, so that with tiles aligned to the array (pixel blocks a
// multiple of R in OS, of C in IS; channel blocks a multiple of C in OS and WS) and K unsplit the
// op's compute cycles are exactly what SCALE-Sim v2 reports on an ideal memory:
//   groups x (ceil(Sr / R) x ceil(Sc / C) x fold_cycles(T) - 1)
// Tiling only adds cycles where it must split a temporal dim (pixels in WS, channels in IS, K when
// nothing else fits): each piece pays the fold's fill and drain again. Bias and other per-output
// arithmetic of a matrix op ride the array's output path: counted as ops, no cycles.
// Every other op runs on the NPU's vector unit: ceil(ops / ops_per_cycle) cycles, streamed through
// local SRAM (stream_plan.h).
#include "kernels/gemm_tiling.h"

namespace hsim::sim {

// Capacity, fold alignment and per-tile fold cycles of `problem` on the NPU's array.
TilingConstraints npu_tiling_constraints(const PuSpec& pu, const GemmProblem& problem,
                                         bool double_buffering);

}  // namespace hsim::sim
