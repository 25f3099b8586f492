#pragma once

// Baseline strategies: schedules made by fixed rules, the yardsticks the explorer must beat.
// Each is a named entry of a registry, so the main job, sweeps and users pick them by name.
#include <functional>
#include <map>
#include <optional>
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
// "cpu-all": every op on the first CPU, split across all its cores where the op allows it
// (output channels, else rows), else on core 0.
// "static": every op on the most capable PU that supports it (highest peak MAC rate, one
// core), else on the CPU: the type-based placement of ONNX Runtime's execution providers.
// "heft": HEFT list scheduling over every core (heft.h).
// Strategies that do not apply to a board (cpu on a board without a CPU) throw InputError.
const std::map<std::string, Strategy>& baseline_strategies();

// The element type a baseline runs `op` in on `pu`: the op's own when the PU computes it, else
// the PU's int8, fp16 or bf16 (an inference accelerator quantises), else its first; nullopt if
// the PU cannot run the op at all.
std::optional<sim::DType> baseline_dtype(const sim::Network& net, const sim::Op& op,
                                         const sim::PuSpec& pu);

}  // namespace hsim::explorer
