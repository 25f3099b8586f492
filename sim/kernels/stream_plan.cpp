#include "kernels/stream_plan.h"

#include <algorithm>

#include "kernels/kernel_error.h"
#include "kernels/work_split.h"

namespace hsim::sim {

namespace {

// Smallest n in [1, limit] with fits(n), for fits monotone in n; 0 if none.
template <typename Fits>
int64_t smallest_count(int64_t limit, Fits fits) {
  if (!fits(limit)) return 0;
  int64_t lo = 1, hi = limit;
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo) / 2;
    if (fits(mid))
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

}  // namespace

Bytes stream_footprint(const StreamWork& work, int64_t chunks, bool fixed_resident,
                       bool double_buffering) {
  const int64_t k = double_buffering ? 2 : 1;
  const Bytes fixed = fixed_resident ? work.fixed : k * ceil_div(work.fixed, chunks);
  return k * (ceil_div(work.input(), chunks) + ceil_div(work.output(), chunks)) + fixed;
}

StreamPlan plan_stream(const StreamWork& work, Bytes capacity, bool double_buffering) {
  StreamPlan plan;
  if (capacity <= 0) {
    plan.footprint = stream_footprint(work, 1, true, double_buffering);
    return plan;
  }
  const int64_t limit = std::max<int64_t>({1, work.input(), work.output(), work.fixed});
  int64_t best = 0;
  for (bool resident : {true, false}) {
    const int64_t n = smallest_count(limit, [&](int64_t count) {
      return stream_footprint(work, count, resident, double_buffering) <= capacity;
    });
    if (n > 0 && (best == 0 || n < best)) {
      best = n;
      plan.fixed_resident = resident;
    }
  }
  if (best == 0)
    throw KernelError("streaming it needs " +
                      std::to_string(stream_footprint(work, limit, false, double_buffering)) +
                      " bytes of local memory at least, the PU has " + std::to_string(capacity));
  plan.chunks = best;
  plan.footprint = stream_footprint(work, best, plan.fixed_resident, double_buffering);
  return plan;
}

std::vector<PipelineStep> stream_steps(const StreamWork& work, const StreamPlan& plan) {
  const int64_t n = plan.chunks;
  std::vector<PipelineStep> steps(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    PipelineStep& s = steps[static_cast<size_t>(i)];
    s.loads.push_back({even_share(work.input_dram, n, i), MemoryLevel::kDram, "in"});
    s.loads.push_back({even_share(work.input_local, n, i), MemoryLevel::kLocal, "in"});
    const Bytes fixed = plan.fixed_resident ? (i == 0 ? work.fixed : 0) : even_share(work.fixed, n, i);
    s.loads.push_back({fixed, MemoryLevel::kDram, "w"});
    const int64_t macs_before = scaled_floor(work.macs, i, n);
    const int64_t macs_after = scaled_floor(work.macs, i + 1, n);
    const int64_t ops_before = scaled_floor(work.ops, i, n);
    const int64_t ops_after = scaled_floor(work.ops, i + 1, n);
    s.macs = macs_after - macs_before;
    s.ops = ops_after - ops_before;
    s.cycles = telescoped_cycles(macs_before, macs_after, work.rate.macs_per_cycle) +
               telescoped_cycles(ops_before, ops_after, work.rate.ops_per_cycle);
    s.unit = work.unit;
    s.stores.push_back({even_share(work.output_dram, n, i), MemoryLevel::kDram, "out"});
    s.stores.push_back({even_share(work.output_local, n, i), MemoryLevel::kLocal, "out"});
  }
  return steps;
}

}  // namespace hsim::sim
