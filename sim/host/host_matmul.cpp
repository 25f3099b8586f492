// Gemm and MatMul (numpy-style batch broadcasting) as oneDNN matmul, with fused post-ops.
#include "host/host_kernel_families.h"

namespace hsim::sim::host {

namespace {

using dnnl::memory;

// A row-major [rows, cols] matrix stored transposed (as [cols, rows]) when `transposed`.
memory::desc matrix(int64_t rows, int64_t cols, bool transposed) {
  return memory::desc({rows, cols}, memory::data_type::f32,
                      transposed ? memory::dims{1, rows} : memory::dims{cols, 1});
}

KernelBuild finish(const HostContext& context, const std::vector<OpId>& ops,
                   const memory::desc& a, TensorId a_id, const memory::desc& b, TensorId b_id,
                   const memory::desc& bias, TensorId bias_id, const memory::desc& dst,
                   dnnl::primitive_attr& attr, PrimitiveKernel::Args& args) {
  const dnnl::matmul::desc d(a, b, bias, dst);
  const dnnl::matmul::primitive_desc pd(d, attr, context.engine);
  args[DNNL_ARG_SRC] = context.memory(a_id, a);
  args[DNNL_ARG_WEIGHTS] = context.memory(b_id, b);
  if (bias_id != kNoTensor) args[DNNL_ARG_BIAS] = context.memory(bias_id, bias);
  args[DNNL_ARG_DST] = context.memory(unit_output(context, ops), dst);
  return {std::make_unique<PrimitiveKernel>(dnnl::matmul(pd), std::move(args), context.engine), ""};
}

KernelBuild build_gemm(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  const Tensor& a = net.tensor(op.inputs[0]);
  const Tensor& b = net.tensor(op.inputs[1]);
  if (a.shape.size() != 2 || b.shape.size() != 2 || b.dtype != DType::kFloat32)
    return {nullptr, "Gemm needs 2-D fp32 operands"};
  const bool ta = op.attr_int("transA", 0) != 0, tb = op.attr_int("transB", 0) != 0;
  const int64_t m = ta ? a.shape[1] : a.shape[0], k = ta ? a.shape[0] : a.shape[1];
  const int64_t n = tb ? b.shape[0] : b.shape[1];
  PrimitiveKernel::Args args;
  dnnl::primitive_attr attr = scratch_attr();
  const float alpha = static_cast<float>(op.attr_float("alpha", 1.0));
  if (alpha != 1.0f) attr.set_output_scales(0, {alpha});
  // C: a bias when it is one row (or a scalar), otherwise a full addend as a first post-op.
  TensorId bias_id = kNoTensor;
  memory::desc bias;
  std::vector<OpId> chain = ops;
  dnnl::post_ops leading;
  if (op.inputs.size() > 2 && op.inputs[2] != kNoTensor) {
    const Tensor& c = net.tensor(op.inputs[2]);
    if (c.dtype != DType::kFloat32 || !broadcasts_to(c.shape, {m, n}))
      return {nullptr, "Gemm's C does not broadcast to the output"};
    const std::vector<int64_t> cdims = broadcast_dims(c.shape, 2);
    if (cdims[0] == 1) {
      bias_id = op.inputs[2];
      bias = context.plain_desc(cdims);
    } else {
      return {nullptr, "Gemm with a full C matrix is not run on the host"};
    }
  }
  if (std::string why = append_post_ops(context, chain, attr, args); !why.empty())
    return {nullptr, why};
  return finish(context, ops, matrix(m, k, ta), op.inputs[0], matrix(k, n, tb), op.inputs[1],
                bias, bias_id, context.plain_desc({m, n}), attr, args);
}

KernelBuild build_matmul(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  std::vector<int64_t> a = net.tensor(op.inputs[0]).shape, b = net.tensor(op.inputs[1]).shape;
  if (net.tensor(op.inputs[1]).dtype != DType::kFloat32) return {nullptr, "B is not fp32"};
  if (a.empty() || b.empty()) return {nullptr, "scalar operands"};
  if (a.size() == 1) a.insert(a.begin(), 1);  // [K] -> [1, K]
  if (b.size() == 1) b.push_back(1);          // [K] -> [K, 1]
  const size_t rank = std::max(a.size(), b.size());
  a = broadcast_dims(a, rank);
  b = broadcast_dims(b, rank);
  std::vector<int64_t> out(rank);
  for (size_t d = 0; d + 2 < rank; ++d) {
    if (a[d] != b[d] && a[d] != 1 && b[d] != 1) return {nullptr, "batch dims do not broadcast"};
    out[d] = std::max(a[d], b[d]);
  }
  out[rank - 2] = a[rank - 2];
  out[rank - 1] = b[rank - 1];
  PrimitiveKernel::Args args;
  dnnl::primitive_attr attr = scratch_attr();
  if (std::string why = append_post_ops(context, ops, attr, args); !why.empty()) return {nullptr, why};
  return finish(context, ops, context.plain_desc(a), op.inputs[0], context.plain_desc(b),
                op.inputs[1], memory::desc(), kNoTensor, context.plain_desc(out), attr, args);
}

}  // namespace

void register_matmul_kernels(BuilderTable& table) {
  table["Gemm"] = build_gemm;
  table["MatMul"] = build_matmul;
}

}  // namespace hsim::sim::host
