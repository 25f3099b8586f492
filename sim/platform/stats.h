#pragma once

#include <string>
#include <vector>

namespace hsim::sim {

// One statistic of one component: `name` is hierarchical ("soc.dram.bytes"), the value is in
// `unit` ("ps", "B", "fJ", "count").
struct Stat {
  std::string name;
  double value = 0;
  std::string unit;
  std::string description;
};

// Every component that keeps statistics implements this; writers (tables, CSV, JSON) consume
// the collected list and never reach into components.
class StatsSource {
 public:
  virtual ~StatsSource() = default;
  virtual void collect_stats(std::vector<Stat>& out) const = 0;
};

}  // namespace hsim::sim
