// Element-wise ops: unary ones as oneDNN eltwise, binary ones (numpy broadcasting of one
// operand) as oneDNN binary with fused post-ops.
#include "host/host_kernel_families.h"

namespace hsim::sim::host {

namespace {

using dnnl::memory;

KernelBuild build_eltwise(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  EltwiseSpec spec{};
  if (!eltwise_spec(net, op, spec)) return {nullptr, "not an element-wise op hsim runs"};
  PrimitiveKernel::Args args;
  dnnl::primitive_attr attr = scratch_attr();
  if (std::string why = append_post_ops(context, ops, attr, args); !why.empty()) return {nullptr, why};
  const memory::desc data = context.plain_desc(op.inputs[0]);
  const dnnl::eltwise_forward::desc d(dnnl::prop_kind::forward_inference, spec.algorithm, data,
                                      spec.alpha, spec.beta);
  const dnnl::eltwise_forward::primitive_desc pd(d, attr, context.engine);
  args[DNNL_ARG_SRC] = context.memory(op.inputs[0], data);
  args[DNNL_ARG_DST] = context.memory(unit_output(context, ops), data);
  return {std::make_unique<PrimitiveKernel>(dnnl::eltwise_forward(pd), std::move(args), context.engine), ""};
}

KernelBuild build_binary(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  dnnl::algorithm algorithm{};
  binary_algorithm(op.type, algorithm);
  if (op.inputs.size() != 2) return {nullptr, op.type + " with other than 2 inputs"};
  TensorId a = op.inputs[0], b = op.inputs[1];
  const std::vector<int64_t>& out = net.tensor(op.outputs[0]).shape;
  // oneDNN broadcasts only the second source; a commutative op may swap its operands.
  if (net.tensor(a).shape != out) {
    const bool commutative = op.type == "Add" || op.type == "Mul" || op.type == "Max" ||
                             op.type == "Min" || op.type == "Sum";
    if (!commutative || net.tensor(b).shape != out)
      return {nullptr, "the first operand broadcasts (oneDNN broadcasts only the second)"};
    std::swap(a, b);
  }
  if (net.tensor(b).dtype != DType::kFloat32 || !broadcasts_to(net.tensor(b).shape, out))
    return {nullptr, "the second operand does not broadcast to the output"};
  PrimitiveKernel::Args args;
  dnnl::primitive_attr attr = scratch_attr();
  if (std::string why = append_post_ops(context, ops, attr, args); !why.empty()) return {nullptr, why};
  const memory::desc src0 = context.plain_desc(out);
  const memory::desc src1 = context.plain_desc(broadcast_dims(net.tensor(b).shape, out.size()));
  const dnnl::binary::desc d(algorithm, src0, src1, src0);
  const dnnl::binary::primitive_desc pd(d, attr, context.engine);
  args[DNNL_ARG_SRC_0] = context.memory(a, src0);
  args[DNNL_ARG_SRC_1] = context.memory(b, src1);
  args[DNNL_ARG_DST] = context.memory(unit_output(context, ops), src0);
  return {std::make_unique<PrimitiveKernel>(dnnl::binary(pd), std::move(args), context.engine), ""};
}

}  // namespace

void register_elementwise_kernels(BuilderTable& table) {
  for (const char* type : {"Relu", "LeakyRelu", "Elu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt",
                           "Abs", "Neg", "Round", "Softplus", "Mish", "HardSwish", "Clip"})
    table[type] = build_eltwise;
  for (const char* type : {"Add", "Sub", "Mul", "Div", "Max", "Min", "Sum"})
    table[type] = build_binary;
}

}  // namespace hsim::sim::host
