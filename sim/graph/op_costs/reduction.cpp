// Reductions read every input element once: one FLOP per input element (two for the squared
// forms). From opset 13/18 the axes may come as input 1, a constant argument.
#include "graph/op_costs/families.h"

namespace hsim::sim {

namespace {

CostFn per_input_element(int64_t flops) {
  return [flops](const OpContext& ctx, OpCost& cost) { cost.flops = ctx.in_elements(0) * flops; };
}

// Selecting the k largest with a heap costs about log2(k) compares per input element.
void topk_cost(const OpContext& ctx, OpCost& cost) {
  const auto& out = ctx.out_shape(0);
  const auto rank = static_cast<int64_t>(out.size());
  int64_t axis = ctx.op().attr_int("axis", -1);
  if (axis < 0) axis += rank;
  const int64_t k = (axis >= 0 && axis < rank) ? out[static_cast<size_t>(axis)] : 1;
  int64_t log2k = 1;
  while ((int64_t{1} << log2k) < k) ++log2k;
  cost.flops = ctx.in_elements(0) * log2k;
}

}  // namespace

void register_reduction_costs(OpCostRegistry& registry) {
  for (const char* type : {"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd",
                           "ReduceL1", "ReduceLogSum", "ArgMax", "ArgMin"})
    registry.add(type, {per_input_element(1), {1}});
  for (const char* type : {"ReduceL2", "ReduceSumSquare", "ReduceLogSumExp"})
    registry.add(type, {per_input_element(2), {1}});
  registry.add("TopK", {topk_cost, {1}});
}

}  // namespace hsim::sim
