#pragma once

// Baseline strategies: schedules made by fixed rules, the yardsticks the explorer must beat.
// Each is a named entry of a registry, so the main job, sweeps and users pick them by name.
#include <functional>
#include <map>
#include <string>

#include "board/board_spec.h"
#include "graph/network.h"
#include "schedule/schedule.h"

namespace hsim::explorer {

using StrategyFn = std::function<sim::Schedule(const sim::Network&, const sim::BoardSpec&)>;

struct Strategy {
  std::string description;
  StrategyFn make;
};

// "cpu": every op on one core of the board's first CPU.
// "static": every op on the most capable PU that supports it (highest peak MAC rate, one
// core), else on the CPU: the type-based placement of ONNX Runtime's execution providers.
const std::map<std::string, Strategy>& baseline_strategies();

}  // namespace hsim::explorer
