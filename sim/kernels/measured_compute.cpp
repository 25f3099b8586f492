#include "kernels/measured_compute.h"

#include <algorithm>

#include "common/mul_div.h"

namespace hsim::sim {

void set_compute_cycles(const std::vector<KernelTrace*>& traces, int64_t cycles) {
  std::vector<TraceRecord*> computes;
  int64_t old_total = 0;
  for (KernelTrace* trace : traces)
    for (TraceRecord& record : trace->records)
      if (record.kind == RecordKind::kCompute) {
        computes.push_back(&record);
        old_total += record.cycles;
      }
  if (computes.empty() || old_total <= 0) {
    if (traces.empty()) return;
    for (TraceRecord* record : computes) record->cycles = 0;
    TraceRecord record;
    record.kind = RecordKind::kCompute;
    record.unit = ComputeUnit::kScalar;
    record.cycles = cycles;
    traces.back()->records.push_back(record);
    return;
  }
  // Largest remainder: floors first, then one more cycle to the records with the largest
  // fractional parts (ties to the earlier record) until the sum is exact.
  std::vector<std::pair<int64_t, size_t>> remainders;
  int64_t assigned = 0;
  for (size_t i = 0; i < computes.size(); ++i) {
    const Int128 scaled = static_cast<Int128>(computes[i]->cycles) * cycles;
    const int64_t floor = static_cast<int64_t>(scaled / old_total);
    remainders.push_back({static_cast<int64_t>(scaled % old_total), i});
    computes[i]->cycles = floor;
    assigned += floor;
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; assigned < cycles; ++k, ++assigned)
    ++computes[remainders[k % remainders.size()].second]->cycles;
}

int64_t cycles_of(Picoseconds time, Hertz clock) {
  return mul_div_round(time, clock, 1'000'000'000'000);
}

}  // namespace hsim::sim
