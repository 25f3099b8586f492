// Matrix products. Gemm: Y[M,N] = A[M,K] B[K,N] (+ C), MACs = M N K. MatMul broadcasts batch
// dims (numpy semantics): MACs = out elements x K, with K the last dim of A (A's only dim when A
// is 1-D). A MAC counts as two FLOPs; Gemm's C adds one FLOP per output element.
#include "graph/op_costs/families.h"

namespace hsim::sim {

namespace {

void gemm_cost(const OpContext& ctx, OpCost& cost) {
  const auto& a = ctx.in_shape(0);
  const int64_t k = ctx.op().attr_int("transA", 0) ? a.at(0) : a.at(1);
  cost.macs = ctx.out_elements() * k;
  cost.flops = 2 * cost.macs + (ctx.has_input(2) ? ctx.out_elements() : 0);
}

void matmul_cost(const OpContext& ctx, OpCost& cost) {
  const auto& a = ctx.in_shape(0);
  const int64_t k = a.empty() ? 1 : a.back();
  cost.macs = ctx.out_elements() * k;
  cost.flops = 2 * cost.macs;
}

}  // namespace

void register_matmul_costs(OpCostRegistry& registry) {
  registry.add("Gemm", {gemm_cost, {}});
  registry.add("MatMul", {matmul_cost, {}});
}

}  // namespace hsim::sim
