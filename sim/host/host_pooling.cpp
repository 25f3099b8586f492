// MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool as oneDNN pooling.
#include <algorithm>

#include "host/host_kernel_families.h"

namespace hsim::sim::host {

namespace {

using dnnl::memory;

KernelBuild build_pooling(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  if (ops.size() > 1) return {nullptr, "pooling is not fused here"};
  if (op.outputs.size() > 1 && op.outputs[1] != kNoTensor) return {nullptr, "MaxPool indices"};
  const Tensor& x = net.tensor(op.inputs[0]);
  const Tensor& y = net.tensor(op.outputs[0]);
  if (x.shape.size() < 3 || x.shape.size() > 5) return {nullptr, "needs 1 to 3 spatial dims"};
  const size_t s = x.shape.size() - 2;
  const bool global = op.type.rfind("Global", 0) == 0;
  std::vector<int64_t> kernel = global ? std::vector<int64_t>(x.shape.begin() + 2, x.shape.end())
                                       : op.attr_ints("kernel_shape");
  std::vector<int64_t> strides = op.attr_ints("strides"), dil = op.attr_ints("dilations"),
                       pads = op.attr_ints("pads");
  if (kernel.size() != s) return {nullptr, "no kernel_shape"};
  if (strides.size() != s) strides.assign(s, 1);
  if (dil.size() != s) dil.assign(s, 1);
  memory::dims st, k, dl, pl, pr;
  for (size_t d = 0; d < s; ++d) {
    const int64_t span = (kernel[d] - 1) * dil[d] + 1;
    const int64_t total = (y.shape[d + 2] - 1) * strides[d] + span - x.shape[d + 2];
    const int64_t left = pads.size() == 2 * s ? pads[d] : std::max<int64_t>(total, 0) / 2;
    st.push_back(strides[d]);
    k.push_back(kernel[d]);
    dl.push_back(dil[d] - 1);
    pl.push_back(left);
    pr.push_back(std::max<int64_t>(total - left, 0));
  }
  const bool max = op.type == "MaxPool" || op.type == "GlobalMaxPool";
  const auto algorithm = max ? dnnl::algorithm::pooling_max
                         : op.attr_int("count_include_pad", 0) ? dnnl::algorithm::pooling_avg_include_padding
                                                               : dnnl::algorithm::pooling_avg_exclude_padding;
  const memory::desc src = context.plain_desc(x.shape), dst = context.plain_desc(y.shape);
  const dnnl::pooling_v2_forward::desc d(dnnl::prop_kind::forward_inference, algorithm, src, dst,
                                         st, k, dl, pl, pr);
  const dnnl::pooling_v2_forward::primitive_desc pd(d, scratch_attr(), context.engine);
  PrimitiveKernel::Args args{{DNNL_ARG_SRC, context.memory(op.inputs[0], src)},
                             {DNNL_ARG_DST, context.memory(op.outputs[0], dst)}};
  if (pd.workspace_desc().get_size() > 0)
    args[DNNL_ARG_WORKSPACE] = dnnl::memory(pd.workspace_desc(), context.engine);
  return {std::make_unique<PrimitiveKernel>(dnnl::pooling_v2_forward(pd), std::move(args), context.engine), ""};
}

}  // namespace

void register_pooling_kernels(BuilderTable& table) {
  for (const char* type : {"MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool"})
    table[type] = build_pooling;
}

}  // namespace hsim::sim::host
