// Pooling: one FLOP (compare or add) per window element per output, plus nothing for the
// division of average pooling, which compilers fold into a multiply by a constant per output.
// Global pooling reads every input element once.
#include "graph/op_costs/families.h"

namespace hsim::sim {

namespace {

void window_pool_cost(const OpContext& ctx, OpCost& cost) {
  cost.flops = ctx.out_elements() * product(ctx.op().attr_ints("kernel_shape"));
}

void global_pool_cost(const OpContext& ctx, OpCost& cost) { cost.flops = ctx.in_elements(0); }

}  // namespace

void register_pooling_costs(OpCostRegistry& registry) {
  for (const char* type : {"MaxPool", "AveragePool", "LpPool"})
    registry.add(type, {window_pool_cost, {}});
  for (const char* type : {"GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool"})
    registry.add(type, {global_pool_cost, {}});
}

}  // namespace hsim::sim
