#pragma once

// Memo of evaluations keyed by a schedule's canonical text, so a candidate the search proposes
// again (a surviving elite's twin, a crossover of identical parents) is never simulated twice.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "search/evaluator.h"

namespace hsim::explorer {

// Everything a run depends on, one line per task in the schedule's order (decoded schedules list
// tasks in network order, so equal schedules have equal keys); the strategy name is left out.
std::string canonical_key(const sim::Schedule& schedule);

class EvaluationMemo {
 public:
  // The stored evaluation; counts a hit when there is one.
  std::optional<Evaluation> find(const std::string& key);
  void store(const std::string& key, const Evaluation& evaluation);
  // A hit found some other way (a duplicate within one batch).
  void count_hit() { ++hits_; }

  int64_t hits() const { return hits_; }
  size_t size() const { return entries_.size(); }

 private:
  std::unordered_map<std::string, Evaluation> entries_;
  int64_t hits_ = 0;
};

}  // namespace hsim::explorer
