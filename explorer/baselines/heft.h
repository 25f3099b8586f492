#pragma once

// HEFT list scheduling (Topcuoglu, Hariri and Wu, IEEE TPDS 2002) over a network's op DAG:
// processors are the cores of the first device's PUs; w(op, core) is the op's kernel time alone
// on that PU; c(edge) is the conversion the consumer pays when the producer ran in another
// element type. Ops are taken by decreasing upward rank (mean cost plus the longest path of mean
// edge and op costs to an exit) and each goes to the core with the earliest finish time,
// inserted into an idle gap of that core when its inputs are ready in time.
#include <vector>

#include "board/board_spec.h"
#include "graph/network.h"
#include "schedule/schedule.h"

namespace hsim::explorer {

struct HeftCosts {
  // Processor p is core `core` of PU `pu` of device 0.
  struct Processor {
    size_t pu;
    int64_t core;
  };
  std::vector<Processor> processors;
  std::vector<std::vector<double>> op_cost;  // [op][processor] in ps; infinity if it cannot run
};

// Kernel-model estimate of every op on every core: max(compute time, DRAM time) + dispatch.
HeftCosts heft_costs(const sim::Network& net, const sim::BoardSpec& board);

sim::Schedule heft_schedule(const sim::Network& net, const sim::BoardSpec& board);

}  // namespace hsim::explorer
