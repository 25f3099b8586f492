#include "board/board_summary.h"

#include <fmt/format.h>

#include <cstdint>
#include <iterator>

#include "common/mul_div.h"
#include "config/units.h"

namespace hsim::sim {

namespace {

// 3072000000000 -> "3.072 T"; exact to 4 significant digits, which is all a summary needs.
std::string si_rate(double value) {
  const char* prefixes[] = {"", "k", "M", "G", "T", "P"};
  size_t p = 0;
  while (value >= 1000.0 && p + 1 < std::size(prefixes)) {
    value /= 1000.0;
    ++p;
  }
  return fmt::format("{:.4g} {}", value, prefixes[p]);
}

}  // namespace

int64_t peak_macs_per_second(const PuSpec& pu, DType type) {
  const auto rate = pu.compute.find(type);
  if (rate == pu.compute.end()) return 0;
  const Int128 macs = static_cast<Int128>(pu.count) * pu.clock * rate->second.macs_per_cycle;
  return macs > INT64_MAX ? INT64_MAX : static_cast<int64_t>(macs);
}

std::vector<std::string> peak_compute_lines(const BoardSpec& board) {
  std::vector<std::string> lines;
  for (const DeviceSpec& device : board.devices)
    for (const PuSpec& pu : device.pus)
      for (const auto& [type, rate] : pu.compute) {
        if (rate.macs_per_cycle == 0) continue;
        const double macs = static_cast<double>(pu.count) * static_cast<double>(pu.clock) *
                            static_cast<double>(rate.macs_per_cycle);
        lines.push_back(
            fmt::format("{}.{}  {} x {} x {} {} MACs = {}MAC/s ({}OPS)", device.name, pu.name,
                        pu.count, config::format_quantity(config::Quantity::kFrequency, pu.clock),
                        rate.macs_per_cycle, dtype_name(type), si_rate(macs), si_rate(2 * macs)));
      }
  return lines;
}

}  // namespace hsim::sim
