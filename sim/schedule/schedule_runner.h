#pragma once

#include <string>
#include <vector>

#include "graph/network.h"
#include "platform/platform.h"
#include "schedule/op_linking.h"
#include "schedule/schedule.h"

namespace hsim::sim {

// Where and when one op ran.
struct OpTiming {
  OpId op = 0;
  size_t core = 0;           // index into Platform::cores()
  Picoseconds ready = 0;     // its inputs were available (dependencies met)
  Picoseconds start = 0;     // it began: after the core finished earlier work and its inputs were ready
  Picoseconds end = 0;
  Bytes loaded = 0;          // bytes its trace loads (from DRAM, links or caches)
  Bytes stored = 0;
  DType dtype = DType::kFloat32;
  size_t shard = 0;   // which part of a split op this is
  size_t shards = 1;  // how many parts the op was split into
  LinkOutcome link = LinkOutcome::kNotLinked;  // of its output, when it heads a linked pair
};

struct ScheduleResult {
  RunResult run;
  std::vector<OpTiming> ops;  // scheduled ops (one entry per shard of a split op), in schedule order
};

// Runs schedules of one network on one elaborated platform. Each task becomes, on its core, a
// wait for the tasks it depends on (through tensors; views are followed to their producers),
// then its kernel: the PU's dispatch overhead, a conversion when an input arrives in another
// element type (one vector operation per element), a transfer over the link when an input was
// produced on another device, the op's kernel trace, and a signal that it is done. Each core
// runs its tasks in one global order consistent with the dependencies (depth in the DAG, then
// higher priority, then network order), so cores never wait on each other in a cycle.
class ScheduleRunner {
 public:
  ScheduleRunner(const Network& network, Platform& platform);

  // `source` names the schedule in error messages.
  ScheduleResult run(const Schedule& schedule, const std::string& source);

 private:
  const Network& network_;
  Platform& platform_;
};

}  // namespace hsim::sim
