#pragma once

// Schedule files (YAML), documented in README "Schedule files":
//   strategy: static
//   inferences: 1
//   tasks:
//     - {ops: [/conv1/Conv], pu: npu, cores: [0], dtype: int8, priority: 0}
//     - {ops: [/fc/Gemm], device: soc, pu: cpu}
// Reading is strict (unknown keys, wrong types: InputError with file:line and key path); what it
// says about the network and board is checked separately (schedule_checks.h).
#include <string>

#include "schedule/schedule.h"

namespace hsim::sim {

Schedule load_schedule_file(const std::string& path);
Schedule parse_schedule_text(const std::string& yaml, const std::string& origin);
std::string schedule_yaml(const Schedule& schedule);

}  // namespace hsim::sim
