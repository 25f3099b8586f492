#pragma once

// HEFT list scheduling (Topcuoglu, Hariri and Wu, "Performance-effective and low-complexity task
// scheduling for heterogeneous computing", IEEE TPDS 13(3), 2002) over an abstract task DAG, so
// the same algorithm schedules a network's ops (heft.h) and a task-graph workload with given
// costs.
//
// Tasks are taken by decreasing upward rank, rank(t) = mean cost of t over the processors that
// can run it + max over successors s of (mean communication cost of the edge over pairs of
// distinct processors + rank(s)); ties go to the lower task index. Each task goes to the
// processor with the earliest finish time, ties to the lower processor index; it may be inserted
// into an idle gap of a processor when its inputs are ready in time. A task is ready on processor
// q when every predecessor p has finished plus comm(processor of p, q, edge) (zero on the same
// processor). A task takes cost[t][q]: contention for shared memory is not modelled (a fluid
// DRAM-sharing model was tried and made the shipped nets' schedules worse, not better).
#include <cstddef>
#include <functional>
#include <limits>
#include <vector>

namespace hsim::explorer {

constexpr double kCannotRun = std::numeric_limits<double>::infinity();

struct ListProblem {
  struct Edge {
    size_t from;
    size_t to;
    size_t id = 0;  // the caller's key for what the edge carries (comm looks it up)
  };
  size_t processors = 0;
  std::vector<std::vector<double>> cost;  // [task][processor], isolated; kCannotRun if it can't
  std::vector<Edge> edges;                // a DAG over task indices
  // Delay of `edge` when its producer ran on processor `from` and its consumer on `to` != from.
  // Unset: communication is free.
  std::function<double(size_t from, size_t to, const Edge& edge)> comm;
};

struct ListSchedule {
  std::vector<double> rank;       // upward rank per task
  std::vector<size_t> order;      // tasks in the order they were placed
  std::vector<size_t> processor;  // per task
  std::vector<double> start;      // per task
  std::vector<double> finish;     // per task
  double makespan = 0;
};

// Throws std::invalid_argument for a task no processor can run or edges that form a cycle.
ListSchedule heft(const ListProblem& problem);

// The finish times a placement gives under the fixed-delay model, computed independently of
// heft()'s bookkeeping: each processor runs its tasks in the placement's order (by `start`, then
// `finish`, then position in `order`), a task starting when its processor is free and every
// input has arrived (predecessor finish + comm when on another processor). Throws
// std::invalid_argument if the processor orders deadlock.
std::vector<double> replay_finish_times(const ListProblem& problem, const ListSchedule& placement);

}  // namespace hsim::explorer
