#pragma once

#include "graph/op_cost_model.h"

// One function per family of ops; each registers its ops' cost models. Counting conventions
// (what a FLOP is for each op) are stated in the family's file and in README.md.
namespace hsim::sim {

void register_conv_costs(OpCostRegistry& registry);
void register_matmul_costs(OpCostRegistry& registry);
void register_pooling_costs(OpCostRegistry& registry);
void register_elementwise_costs(OpCostRegistry& registry);
void register_normalization_costs(OpCostRegistry& registry);
void register_reduction_costs(OpCostRegistry& registry);
void register_data_movement_costs(OpCostRegistry& registry);

}  // namespace hsim::sim
