#include "host/host_session.h"

#include <malloc.h>
#include <omp.h>
#include <xmmintrin.h>

#include <algorithm>
#include <thread>

namespace hsim::sim::host {

namespace {

// Scratchpads are the runner threads' own (HostKernel::run), but oneDNN still allocates some
// temporary buffers while a primitive runs and frees them after. Above glibc's mmap threshold
// each would be a fresh mmap whose pages fault in again; from the heap, each run reuses the
// memory the previous one freed.
void keep_allocations_on_the_heap() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest allowed threshold on 64-bit
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

}  // namespace

HostSession::HostSession(const Network& network)
    : network_(network), engine_(dnnl::engine::kind::cpu, 0), buffers_(network) {
  keep_allocations_on_the_heap();
}

std::vector<HostUnit> HostSession::build_units(const std::vector<std::vector<OpId>>& groups,
                                              int threads) {
  set_host_threads(threads);
  std::vector<int> group_of(network_.ops().size(), -1);
  for (size_t g = 0; g < groups.size(); ++g)
    for (OpId op : groups[g]) group_of[static_cast<size_t>(op)] = static_cast<int>(g);
  const HostContext context{network_, buffers_, engine_};
  std::vector<HostUnit> units;
  // In network order of the last op: a group is emitted at its last member.
  for (OpId id = 0; id < static_cast<OpId>(network_.ops().size()); ++id) {
    const int g = group_of[static_cast<size_t>(id)];
    if (g >= 0 && groups[static_cast<size_t>(g)].back() != id) continue;
    HostUnit unit;
    unit.ops = g >= 0 ? groups[static_cast<size_t>(g)] : std::vector<OpId>{id};
    unit.is_view = unit.ops.size() == 1 && network_.op(id).cost.is_view;
    KernelBuild build = build_host_kernel(context, unit.ops);
    unit.kernel = std::move(build.kernel);
    unit.unsupported = std::move(build.unsupported);
    units.push_back(std::move(unit));
  }
  return units;
}

void set_host_threads(int threads) {
  omp_set_num_threads(std::max(threads, 1));
  _mm_setcsr(_mm_getcsr() | 0x8040);  // FTZ and DAZ
}

int host_cores() {
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace hsim::sim::host
