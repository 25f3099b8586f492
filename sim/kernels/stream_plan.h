#pragma once

// Ops streamed through local memory in n equal chunks: everything that is not a GEMM on an NPU
// or DSP (element-wise ops, activations, pooling, normalisation, copies), and every op on a CPU.
// Chunk i moves the i-th even share (work_split.h) of each byte total and does the i-th share of
// the arithmetic, so totals are exact: loads = inputs + fixed bytes, stores = outputs, and compute
// cycles = ceil(macs / macs_per_cycle) + ceil(ops / ops_per_cycle) (telescoped over the chunks).
// Pooling windows are streamed like element-wise data: their halo is not reloaded.
//
// Footprint with k = 2 when double buffering, else 1:
//   k x (input chunk + output chunk) + (fixed resident ? fixed : k x fixed chunk)
// n is the smallest count that fits capacity (capacity 0: no limit, one chunk); fixed data stays
// resident (loaded with the first chunk) unless streaming it needs fewer chunks.
#include <cstdint>
#include <vector>

#include "board/board_spec.h"
#include "kernels/tile_pipeline.h"

namespace hsim::sim {

struct StreamWork {
  Bytes input_dram = 0;   // activations read from shared memory
  Bytes input_local = 0;  // activations already in the core (CPU caches)
  Bytes fixed = 0;        // weights and constants, from shared memory
  Bytes output_dram = 0;
  Bytes output_local = 0;
  int64_t macs = 0;
  int64_t ops = 0;
  ComputeRate rate;
  ComputeUnit unit = ComputeUnit::kVector;

  Bytes input() const { return input_dram + input_local; }
  Bytes output() const { return output_dram + output_local; }
};

struct StreamPlan {
  int64_t chunks = 1;
  bool fixed_resident = true;
  Bytes footprint = 0;
};

Bytes stream_footprint(const StreamWork& work, int64_t chunks, bool fixed_resident,
                       bool double_buffering);

// Throws KernelError when not even one-byte chunks fit.
StreamPlan plan_stream(const StreamWork& work, Bytes capacity, bool double_buffering);

std::vector<PipelineStep> stream_steps(const StreamWork& work, const StreamPlan& plan);

}  // namespace hsim::sim
