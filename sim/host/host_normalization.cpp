// Softmax, LogSoftmax, LayerNormalization, BatchNormalization (inference) and LRN.
#include "host/host_kernel_families.h"

namespace hsim::sim::host {

namespace {

using dnnl::memory;

int64_t axis_of(const Op& op, size_t rank, int64_t fallback) {
  int64_t axis = op.attr_int("axis", fallback);
  if (axis < 0) axis += static_cast<int64_t>(rank);
  return axis;
}

KernelBuild build_softmax(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  if (ops.size() > 1) return {nullptr, "softmax is not fused here"};
  const auto& shape = net.tensor(op.inputs[0]).shape;
  const int64_t axis = axis_of(op, shape.size(), -1);
  if (axis < 0 || axis >= static_cast<int64_t>(std::max<size_t>(shape.size(), 1)))
    return {nullptr, "axis out of range"};
  const memory::desc data = context.plain_desc(shape);
  const auto algorithm = op.type == "LogSoftmax" ? dnnl::algorithm::softmax_log
                                                 : dnnl::algorithm::softmax_accurate;
  const dnnl::softmax_v2_forward::desc d(dnnl::prop_kind::forward_inference, algorithm, data,
                                         data, static_cast<int>(axis));
  const dnnl::softmax_v2_forward::primitive_desc pd(d, scratch_attr(), context.engine);
  return {std::make_unique<PrimitiveKernel>(
              dnnl::softmax_v2_forward(pd),
              PrimitiveKernel::Args{{DNNL_ARG_SRC, context.memory(op.inputs[0], data)},
                                    {DNNL_ARG_DST, context.memory(op.outputs[0], data)}},
              context.engine),
          ""};
}

bool present(const Op& op, size_t slot) {
  return op.inputs.size() > slot && op.inputs[slot] != kNoTensor;
}

KernelBuild build_layer_norm(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  if (ops.size() > 1) return {nullptr, "layer normalisation is not fused here"};
  if (op.outputs.size() > 1) {
    for (size_t i = 1; i < op.outputs.size(); ++i)
      if (op.outputs[i] != kNoTensor && !net.tensor(op.outputs[i]).consumers.empty())
        return {nullptr, "mean / inverse std-dev outputs are used"};
  }
  const auto& shape = net.tensor(op.inputs[0]).shape;
  const int64_t axis = axis_of(op, shape.size(), -1);
  // oneDNN normalises over the last dim: fold the normalised dims into one.
  int64_t rows = 1, cols = 1;
  for (size_t d = 0; d < shape.size(); ++d) (static_cast<int64_t>(d) < axis ? rows : cols) *= shape[d];
  const memory::desc data = context.plain_desc({rows, cols});
  auto flags = dnnl::normalization_flags::none;
  if (present(op, 1)) flags |= dnnl::normalization_flags::use_scale;
  if (present(op, 2)) flags |= dnnl::normalization_flags::use_shift;
  const dnnl::layer_normalization_forward::desc d(
      dnnl::prop_kind::forward_inference, data,
      static_cast<float>(op.attr_float("epsilon", 1e-5)), flags);
  const dnnl::layer_normalization_forward::primitive_desc pd(d, scratch_attr(), context.engine);
  PrimitiveKernel::Args args{{DNNL_ARG_SRC, context.memory(op.inputs[0], data)},
                             {DNNL_ARG_DST, context.memory(op.outputs[0], data)}};
  const memory::desc channel = context.plain_desc(std::vector<int64_t>{cols});
  if (present(op, 1)) args[DNNL_ARG_SCALE] = context.memory(op.inputs[1], channel);
  if (present(op, 2)) args[DNNL_ARG_SHIFT] = context.memory(op.inputs[2], channel);
  if (pd.mean_desc().get_size() > 0) {
    args[DNNL_ARG_MEAN] = dnnl::memory(pd.mean_desc(), context.engine);
    args[DNNL_ARG_VARIANCE] = dnnl::memory(pd.variance_desc(), context.engine);
  }
  return {std::make_unique<PrimitiveKernel>(dnnl::layer_normalization_forward(pd), std::move(args), context.engine), ""};
}

KernelBuild build_batch_norm(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  if (ops.size() > 1) return {nullptr, "batch normalisation is not fused here"};
  if (op.inputs.size() < 5) return {nullptr, "BatchNormalization needs scale, B, mean, var"};
  const auto& shape = net.tensor(op.inputs[0]).shape;
  if (shape.size() < 2) return {nullptr, "needs channels"};
  const memory::desc data = context.plain_desc(shape);
  const auto flags = dnnl::normalization_flags::use_global_stats |
                     dnnl::normalization_flags::use_scale | dnnl::normalization_flags::use_shift;
  const dnnl::batch_normalization_forward::desc d(
      dnnl::prop_kind::forward_inference, data,
      static_cast<float>(op.attr_float("epsilon", 1e-5)), flags);
  const dnnl::batch_normalization_forward::primitive_desc pd(d, scratch_attr(), context.engine);
  const memory::desc channel = context.plain_desc(std::vector<int64_t>{shape[1]});
  PrimitiveKernel::Args args{{DNNL_ARG_SRC, context.memory(op.inputs[0], data)},
                             {DNNL_ARG_DST, context.memory(op.outputs[0], data)},
                             {DNNL_ARG_SCALE, context.memory(op.inputs[1], channel)},
                             {DNNL_ARG_SHIFT, context.memory(op.inputs[2], channel)},
                             {DNNL_ARG_MEAN, context.memory(op.inputs[3], channel)},
                             {DNNL_ARG_VARIANCE, context.memory(op.inputs[4], channel)}};
  return {std::make_unique<PrimitiveKernel>(dnnl::batch_normalization_forward(pd), std::move(args), context.engine), ""};
}

KernelBuild build_lrn(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  if (ops.size() > 1) return {nullptr, "LRN is not fused here"};
  const memory::desc data = context.plain_desc(op.inputs[0]);
  const dnnl::lrn_forward::desc d(
      dnnl::prop_kind::forward_inference, dnnl::algorithm::lrn_across_channels, data,
      op.attr_int("size", 5), static_cast<float>(op.attr_float("alpha", 1e-4)),
      static_cast<float>(op.attr_float("beta", 0.75)), static_cast<float>(op.attr_float("bias", 1.0)));
  const dnnl::lrn_forward::primitive_desc pd(d, scratch_attr(), context.engine);
  PrimitiveKernel::Args args{{DNNL_ARG_SRC, context.memory(op.inputs[0], data)},
                             {DNNL_ARG_DST, context.memory(op.outputs[0], data)}};
  if (pd.workspace_desc().get_size() > 0)
    args[DNNL_ARG_WORKSPACE] = dnnl::memory(pd.workspace_desc(), context.engine);
  return {std::make_unique<PrimitiveKernel>(dnnl::lrn_forward(pd), std::move(args), context.engine), ""};
}

}  // namespace

void register_normalization_kernels(BuilderTable& table) {
  table["Softmax"] = build_softmax;
  table["LogSoftmax"] = build_softmax;
  table["LayerNormalization"] = build_layer_norm;
  table["BatchNormalization"] = build_batch_norm;
  table["LRN"] = build_lrn;
}

}  // namespace hsim::sim::host
