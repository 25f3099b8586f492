// Element-wise ops: FLOPs = output elements x operations per element. Simple arithmetic,
// comparisons and casts count one; activations count the operations of their usual
// vectorised form (Sigmoid: neg, exp, add, div = 4; Tanh: 5; exact GELU/Erf: 8, a short
// polynomial). Variadic ops (Sum, Max, Min, Mean) count one per extra input.
#include "graph/op_costs/families.h"

namespace hsim::sim {

namespace {

struct PerElement {
  const char* type;
  int64_t flops;
};

constexpr PerElement kPerElement[] = {
    {"Add", 1},        {"Sub", 1},          {"Mul", 1},         {"Div", 1},
    {"Pow", 1},        {"Mod", 1},          {"Neg", 1},         {"Abs", 1},
    {"Sqrt", 1},       {"Reciprocal", 1},   {"Exp", 1},         {"Log", 1},
    {"Floor", 1},      {"Ceil", 1},         {"Round", 1},       {"Sign", 1},
    {"Sin", 1},        {"Cos", 1},          {"Not", 1},         {"And", 1},
    {"Or", 1},         {"Xor", 1},          {"Equal", 1},       {"Greater", 1},
    {"Less", 1},       {"GreaterOrEqual", 1}, {"LessOrEqual", 1}, {"Where", 1},
    {"IsNaN", 1},      {"IsInf", 1},        {"Cast", 1},        {"Relu", 1},
    {"LeakyRelu", 2},  {"PRelu", 2},        {"ThresholdedRelu", 1},
    {"Elu", 3},        {"Selu", 3},         {"Celu", 3},        {"HardSigmoid", 3},
    {"HardSwish", 4},  {"Sigmoid", 4},      {"Softplus", 3},    {"Softsign", 3},
    {"Tanh", 5},       {"Mish", 7},         {"Erf", 8},         {"Gelu", 8},
};

constexpr const char* kVariadic[] = {"Sum", "Max", "Min", "Mean"};

}  // namespace

void register_elementwise_costs(OpCostRegistry& registry) {
  for (const auto& entry : kPerElement) {
    const int64_t per_element = entry.flops;
    registry.add(entry.type, {[per_element](const OpContext& ctx, OpCost& cost) {
                                cost.flops = ctx.out_elements() * per_element;
                              },
                              {}});
  }
  // Clip's min and max (inputs 1 and 2 from opset 11) are bounds, not parameters.
  registry.add("Clip", {[](const OpContext& ctx, OpCost& cost) { cost.flops = 2 * ctx.out_elements(); },
                        {1, 2}});
  for (const char* type : kVariadic) {
    registry.add(type, {[](const OpContext& ctx, OpCost& cost) {
                          const int64_t extra = static_cast<int64_t>(ctx.input_count()) - 1;
                          cost.flops = ctx.out_elements() * (extra > 0 ? extra : 1);
                        },
                        {}});
  }
}

}  // namespace hsim::sim
