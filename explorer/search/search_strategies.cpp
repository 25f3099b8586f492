#include "search/genetic_search.h"
#include "search/random_search.h"
#include "search/search.h"
#include "search/tune_search.h"

namespace hsim::explorer {

const std::map<std::string, SearchStrategy>& search_strategies() {
  static const std::map<std::string, SearchStrategy> strategies = {
      {"ga", {"genetic algorithm seeded with the baselines' schedules", genetic_search}},
      {"random", {"random sampling with the same budget (the control)", random_search}},
      {"tune",
       {"XTA-style auto-tuning: per-node configs cached by signature, then annealing",
        tune_search}},
  };
  return strategies;
}

}  // namespace hsim::explorer
