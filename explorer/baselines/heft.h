#pragma once

// The heft baseline: HEFT list scheduling (list_scheduling.h) over a network's op DAG. The
// processors are every core of every device. w(op, core) is the op's kernel on that PU alone:
// max(compute, DRAM bytes at the device's DRAM bandwidth) plus the PU's dispatch overhead,
// ignoring contention. An edge costs what the runtime charges its consumer: the conversion when
// the two ends compute in different element types (one vector operation per element), and the
// producer's output over the link when they are on different devices; tensors otherwise move
// through DRAM whatever the placement, which the kernel traces already carry.
#include <vector>

#include "board/board_spec.h"
#include "graph/network.h"
#include "schedule/schedule.h"

namespace hsim::explorer {

struct HeftCosts {
  // Processor p is core `core` of PU `pu` of device `device`.
  struct Processor {
    size_t device;
    size_t pu;
    int64_t core;
  };
  std::vector<Processor> processors;
  // [op][processor] in ps: max(compute, dram) + dispatch; kCannotRun (infinity) where it cannot
  // run, and for views.
  std::vector<std::vector<double>> op_cost;
};

HeftCosts heft_costs(const sim::Network& net, const sim::BoardSpec& board);

sim::Schedule heft_schedule(const sim::Network& net, const sim::BoardSpec& board);

}  // namespace hsim::explorer
