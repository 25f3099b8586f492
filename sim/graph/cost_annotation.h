#pragma once

#include <string>
#include <vector>

#include "graph/network.h"
#include "graph/op_cost_model.h"

namespace hsim::sim {

// Fills every op's OpCost from the registry and sorts fixed tensors into weights and constant
// arguments (a fixed tensor is a weight iff some op reads it through a data slot). Ops with no
// model get a generic cost, one FLOP per output element plus their traffic; the returned
// warnings name each such op type once, with how many nodes have it.
std::vector<std::string> annotate_costs(Network& net, const OpCostRegistry& registry);

}  // namespace hsim::sim
