#pragma once

// The dependency DAG between a network's non-view ops, as the baselines schedule it: views
// (Reshape, Flatten, contiguous Concat...) move no data, so an op depends on the non-view ops
// that produce its inputs through any views.
#include <vector>

#include "graph/network.h"

namespace hsim::explorer {

// successors[o] for every op index o: the non-view ops reading o's outputs, directly or through
// views, ascending; empty for views.
std::vector<std::vector<size_t>> op_successors(const sim::Network& net);

// The inverse of op_successors.
std::vector<std::vector<size_t>> op_predecessors(
    const std::vector<std::vector<size_t>>& successors);

}  // namespace hsim::explorer
