#pragma once

#include <string>
#include <vector>

#include "board/board_spec.h"
#include "graph/network.h"
#include "schedule/schedule.h"

namespace hsim::sim {

// A task resolved against the board: the PU it runs on.
struct ResolvedTask {
  const ScheduledTask* task = nullptr;
  size_t device = 0;
  size_t pu = 0;
  std::vector<OpId> ops;
};

// Checks a schedule against a network and a board and resolves its names. Throws InputError
// naming `source` (the schedule file) and the task for: an unknown op, device or PU; an op the
// PU does not support; a core index the PU does not have; an op (other than a view) scheduled
// twice or not at all; a linked chain whose ops do not each feed the next; shares that do not
// match the cores. Views may be left out: they cost nothing and follow their input.
// Splits are checked against what op_shards.h can cut (output channels of Conv, Gemm, MatMul).
// A linked chain must feed each op to the next (op_linking.h) and run on one core. Not modelled
// yet, and rejected with a message saying so: streams of more than one inference.
std::vector<ResolvedTask> check_schedule(const Schedule& schedule, const Network& network,
                                         const BoardSpec& board, const std::string& source);

}  // namespace hsim::sim
