#pragma once

// CPU kernel model: SIMD cores with caches. Compute cycles of any op are
//   ceil(macs / macs_per_cycle) + ceil(ops / ops_per_cycle)
// (ops = the op's arithmetic other than MACs; a matrix op's bias folds into the MAC pipeline when
// the core has no separate ops rate). Traffic is each tensor once: blocking in the loop nest is
// assumed to keep re-reads in the caches.
//
// Caches are bandwidth tiers. Capacity L = the last (outermost) cache level's size, all of it
// available to this core. The rule, one op at a time:
//   - activations read: the producer left up to L bytes of them in the cache; min(input, L) is
//     read from the cache, emitted as loads from=local (the core serves local-to-local transfers
//     at its cache bandwidth), the rest from DRAM;
//   - weights and constants: cold (one inference touches every weight once): from DRAM;
//   - activations written: min(output, L) stay in the cache (stores to=local), the rest go to DRAM.
// A core without caches reads and writes everything in DRAM. The op streams in chunks that keep
// (input + output) chunks, doubled when double buffering, plus weights within L (stream_plan.h).
#include "kernels/kernel_model.h"

namespace hsim::sim {

// The outermost cache's size; 0 without caches.
Bytes cpu_cache_capacity(const PuSpec& pu);

}  // namespace hsim::sim
