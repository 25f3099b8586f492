// Normalisations and softmax, per output element: BatchNormalization at inference is a scale and
// shift (2); Layer/Instance/GroupNormalization compute mean and variance then normalise, scale
// and shift (7: sum, subtract, square, sum, multiply by 1/std, scale, shift); Softmax takes max,
// subtract, exp, sum and divide (5); LRN sums `size` squares then scales (size + 3).
#include "graph/op_costs/families.h"

namespace hsim::sim {

namespace {

CostFn per_output_element(int64_t flops) {
  return [flops](const OpContext& ctx, OpCost& cost) { cost.flops = ctx.out_elements() * flops; };
}

void lrn_cost(const OpContext& ctx, OpCost& cost) {
  cost.flops = ctx.out_elements() * (ctx.op().attr_int("size", 1) + 3);
}

}  // namespace

void register_normalization_costs(OpCostRegistry& registry) {
  registry.add("BatchNormalization", {per_output_element(2), {}});
  for (const char* type : {"LayerNormalization", "InstanceNormalization", "GroupNormalization",
                           "MeanVarianceNormalization"})
    registry.add(type, {per_output_element(7), {}});
  for (const char* type : {"Softmax", "LogSoftmax", "Hardmax"})
    registry.add(type, {per_output_element(5), {}});
  registry.add("LRN", {lrn_cost, {}});
}

}  // namespace hsim::sim
