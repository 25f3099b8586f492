#pragma once

// A schedule: where and in what order every op of a network runs. Plain data; files read and
// write it (schedule_file.h), checks hold it against a network and a board (schedule_checks.h),
// and the runtime turns it into core programs (runtime/).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/dtype.h"
#include "schedule/kernel_choice.h"

namespace hsim::sim {

enum class SplitAxis { kOutputChannels, kOutputRows, kBatch };

// One unit of work: an op, or a linked chain of ops (operator linking: each op's output feeds the
// next and stays in local SRAM when it fits), on one PU, on one core or split across several.
struct ScheduledTask {
  std::vector<std::string> ops;      // op names, producer first
  std::string device;                // empty: the board's first device
  std::string pu;                    // PU name within the device
  std::vector<int64_t> cores = {0};  // core indices of that PU; more than one = a split
  std::optional<SplitAxis> split;    // required with several cores
  std::vector<int64_t> shares;       // relative work per core; empty = equal
  int64_t priority = 0;              // among tasks ready together on a core, higher goes first
  std::optional<DType> dtype;        // element type it computes in; unset: the kernel default
  KernelChoice kernel;               // for every op of the task
};

struct Schedule {
  std::string strategy;  // who made it: "static", "heft", "user", ...
  std::vector<ScheduledTask> tasks;
  int64_t inferences = 1;  // pipelined stream of this many inferences
};

}  // namespace hsim::sim
