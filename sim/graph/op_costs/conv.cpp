// Convolutions. MACs come from the weight and output shapes alone, so padding, strides and
// dilations are already in the output extent: Conv = out elements x (C/group x kernel volume),
// ConvTranspose = in elements x (M/group x kernel volume). A bias adds one FLOP per output.
#include "graph/op_costs/families.h"

namespace hsim::sim {

namespace {

void add_bias(const OpContext& ctx, OpCost& cost) {
  if (ctx.has_input(2)) cost.flops += ctx.out_elements();
}

void conv_cost(const OpContext& ctx, OpCost& cost) {
  cost.macs = ctx.out_elements() * product(ctx.in_shape(1), 1);
  cost.flops = 2 * cost.macs;
  add_bias(ctx, cost);
}

void conv_transpose_cost(const OpContext& ctx, OpCost& cost) {
  cost.macs = ctx.in_elements(0) * product(ctx.in_shape(1), 1);
  cost.flops = 2 * cost.macs;
  add_bias(ctx, cost);
}

}  // namespace

void register_conv_costs(OpCostRegistry& registry) {
  registry.add("Conv", {conv_cost, {}});
  registry.add("ConvTranspose", {conv_transpose_cost, {}});
}

}  // namespace hsim::sim
