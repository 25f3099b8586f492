#pragma once

// The partition-dp baseline, after PartitionTuner (Yu et al., ETRI Journal 2023: an operator
// scheduler for deep-learning compilers with several heterogeneous PUs): per-PU costs of single
// ops and of fused groups, dynamic programming along the chains of the op DAG, then the parallel
// branches spread over the PUs.
//
// On the board's first device (the others stay idle):
// - the op DAG looks through views (op_dag.h); it is cut into chains (dag_chains);
// - a group is up to kMaxGroup consecutive ops of a chain, each reading the previous one's output
//   directly, run as one linked task on one core: it costs one dispatch plus each op's kernel
//   estimate (cost_estimates.h) after operator linking (op_linking.h), exactly the traces the
//   runtime will run, plus the conversion of graph inputs it reads in another element type;
// - consecutive groups hand their tensor over through DRAM whichever PUs they are on, and their
//   traces already carry that store and load (the round trip linking would have saved); crossing
//   element types costs the consumer's conversion, one vector operation per element, as the
//   runtime charges; so does an input from another chain computed in another type;
// - the DP (partition_chain) chooses each chain's groups and the PU of each group;
// - chains are then list-scheduled, ready chains by decreasing upward rank (its cheapest DP cost
//   plus the largest rank among the chains it feeds), each onto the option that finishes first
//   given when its inputs are ready and its cores are free: the DP's mixed placement, or the
//   whole chain on one core of one PU (its DP restricted to that PU). The branches between a
//   fork and its join (GoogLeNet's inception branches) thus go longest first, each to the core
//   where it finishes first (longest-processing-time). Tasks carry their chain's rank (in us) as
//   priority, so the critical branch runs first.
// Costs ignore contention for DRAM. Moving a branch off its cheapest PU only when that gains
// more than a margin (for the bandwidth it would then share) was tried with 10% of the chain's
// cost: it made no shipped net x board faster.
#include <functional>
#include <optional>
#include <vector>

#include "board/board_spec.h"
#include "graph/network.h"
#include "schedule/schedule.h"

namespace hsim::explorer {

constexpr size_t kMaxGroup = 4;

// Paths of non-view ops (indices into net.ops()) in network order of their first op, every
// non-view op in exactly one. A chain runs on from u to v when v is u's only consumer and u is
// v's only producer; or at a join, when v reads u's output directly, v is u's only consumer and
// every other producer of v already feeds the chain (the skip of a residual block is the block's
// input), so conv -> add -> relu can be one group without making the chain wait for more; among
// several such u, the one with the longest chain (ties: the earliest). Takes op_successors and
// op_predecessors (op_dag.h).
std::vector<std::vector<size_t>> dag_chains(const sim::Network& net,
                                            const std::vector<std::vector<size_t>>& successors,
                                            const std::vector<std::vector<size_t>>& predecessors);

// The DP over one chain of `length` ops and `pus` PUs, with the costs as functions:
// group(first, end, pu): ops [first, end) as one task on `pu` (infinity: not possible);
// cross(position, from_pu, to_pu): handing op position - 1's output, computed on from_pu, to op
// `position` on to_pu, when they are in different groups (may be non-zero on one PU);
// start(pu): entering the chain's first op on `pu`.
struct ChainCosts {
  size_t length = 0;
  size_t pus = 0;
  std::function<double(size_t first, size_t end, size_t pu)> group;
  std::function<double(size_t position, size_t from_pu, size_t to_pu)> cross;
  std::function<double(size_t pu)> start;
};

struct ChainPartition {
  double cost = 0;  // start + groups + crossings
  struct Group {
    size_t first;
    size_t end;
    size_t pu;
  };
  std::vector<Group> groups;  // in chain order, covering [0, length)
};

// The minimum-cost cover of a chain by consecutive groups of at most kMaxGroup ops, each on one
// PU; `only_pu` restricts every group to that PU. Throws std::invalid_argument if none exists.
ChainPartition partition_chain(const ChainCosts& costs, std::optional<size_t> only_pu = {});

sim::Schedule partition_dp_schedule(const sim::Network& net, const sim::BoardSpec& board);

}  // namespace hsim::explorer
