#pragma once

// A small STREAM benchmark (McCalpin's triad, a[i] = b[i] + s * c[i] over doubles, 24 bytes
// counted per element, write-allocate traffic not counted, best of the repetitions), at working
// sets that fit each cache level and one far larger than the last level: the bandwidths
// hw_configs/host.yaml gives its caches and DRAM. Threads each take an equal slice.
#include <cstdint>
#include <vector>

namespace hsim::sim::host {

struct StreamResult {
  int64_t working_set = 0;  // bytes of the three arrays together
  int threads = 1;
  double bytes_per_second = 0;
};

StreamResult stream_triad(int64_t working_set, int threads, int repetitions = 5);

}  // namespace hsim::sim::host
