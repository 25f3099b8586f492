// Conv and ConvTranspose (any group, 1-3 spatial dims) with fused post-ops.
#include <algorithm>

#include "host/host_kernel_families.h"

namespace hsim::sim::host {

namespace {

using dnnl::memory;

struct ConvGeometry {
  memory::dims strides, dilates, pad_l, pad_r, kernel;
};

// ONNX's attributes with defaults; the end pads come from the shapes, so ceil-mode or SAME
// rounding is whatever the exporter's shapes say.
ConvGeometry geometry(const Op& op, const std::vector<int64_t>& in, const std::vector<int64_t>& out,
                      const std::vector<int64_t>& kernel_dims, bool transposed) {
  const size_t s = in.size() - 2;
  ConvGeometry g;
  g.kernel = kernel_dims;
  std::vector<int64_t> strides = op.attr_ints("strides"), dil = op.attr_ints("dilations"),
                       pads = op.attr_ints("pads");
  if (strides.size() != s) strides.assign(s, 1);
  if (dil.size() != s) dil.assign(s, 1);
  const std::string auto_pad = op.attr_string("auto_pad", "NOTSET");
  for (size_t d = 0; d < s; ++d) {
    const int64_t span = (g.kernel[d] - 1) * dil[d] + 1;
    // The convolution's geometry, conv_out = (conv_in + l + r - span) / stride + 1; a
    // ConvTranspose is the convolution from its output back to its input.
    const int64_t conv_in = transposed ? out[d + 2] : in[d + 2];
    const int64_t conv_out = transposed ? in[d + 2] : out[d + 2];
    const int64_t total = (conv_out - 1) * strides[d] + span - conv_in;
    int64_t left = pads.size() == 2 * s ? pads[d] : 0;
    if (auto_pad == "SAME_UPPER") left = std::max<int64_t>(total, 0) / 2;
    if (auto_pad == "SAME_LOWER") left = std::max<int64_t>(total, 0) - std::max<int64_t>(total, 0) / 2;
    if (auto_pad == "VALID") left = 0;
    g.strides.push_back(strides[d]);
    g.dilates.push_back(dil[d] - 1);
    g.pad_l.push_back(left);
    g.pad_r.push_back(std::max<int64_t>(total - left, 0));
  }
  return g;
}

KernelBuild build_convolution(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  const bool transposed = op.type == "ConvTranspose";
  if (op.inputs.size() < 2 || op.inputs[1] == kNoTensor) return {nullptr, "no weights"};
  const Tensor& x = net.tensor(op.inputs[0]);
  const Tensor& w = net.tensor(op.inputs[1]);
  const Tensor& y = net.tensor(op.outputs[0]);
  if (x.shape.size() < 3 || x.shape.size() > 5) return {nullptr, "needs 1 to 3 spatial dims"};
  if (w.dtype != DType::kFloat32) return {nullptr, "weights are not fp32"};
  if (transposed && (op.attrs.count("output_padding") || op.attrs.count("output_shape")))
    return {nullptr, "output_padding / output_shape are not run on the host"};
  const int64_t group = op.attr_int("group", 1);
  const std::vector<int64_t> kernel(w.shape.begin() + 2, w.shape.end());
  const ConvGeometry g = geometry(op, x.shape, y.shape, kernel, transposed);

  // ONNX weights: Conv [M, C/g, k...], ConvTranspose [C, M/g, k...]; oneDNN wants
  // [g, out/g, in/g, k...] when grouped. The plain source layout for the reorder below.
  memory::dims wdims;
  memory::desc wplain;
  if (!transposed) {
    wdims = group == 1 ? memory::dims(w.shape.begin(), w.shape.end())
                       : memory::dims{group, w.shape[0] / group, w.shape[1]};
    if (group != 1) wdims.insert(wdims.end(), kernel.begin(), kernel.end());
    wplain = context.plain_desc(std::vector<int64_t>(wdims.begin(), wdims.end()));
  } else {
    // [C, M/g, k] = [g, C/g, M/g, k]; oneDNN's (g, O, I, k) is that with O and I swapped.
    const int64_t in_per_group = w.shape[0] / group, out_per_group = w.shape[1];
    memory::dims plain_dims = {group, in_per_group, out_per_group};
    plain_dims.insert(plain_dims.end(), kernel.begin(), kernel.end());
    const memory::desc as_stored = context.plain_desc(std::vector<int64_t>(plain_dims.begin(), plain_dims.end()));
    memory::dims strides(as_stored.data.format_desc.blocking.strides,
                         as_stored.data.format_desc.blocking.strides + plain_dims.size());
    std::swap(plain_dims[1], plain_dims[2]);
    std::swap(strides[1], strides[2]);
    wdims = plain_dims;
    if (group == 1) {
      wdims.erase(wdims.begin());
      strides.erase(strides.begin());
    }
    wplain = memory::desc(wdims, memory::data_type::f32, strides);
  }
  const memory::desc src = context.plain_desc(x.shape);
  const memory::desc dst = context.plain_desc(y.shape);
  const memory::desc wany(wdims, memory::data_type::f32, memory::format_tag::any);
  const bool has_bias = op.inputs.size() > 2 && op.inputs[2] != kNoTensor;
  const memory::desc bias = has_bias ? context.plain_desc(net.tensor(op.inputs[2]).shape) : memory::desc();

  PrimitiveKernel::Args args;
  dnnl::primitive_attr attr = scratch_attr();
  if (std::string why = append_post_ops(context, ops, attr, args); !why.empty()) return {nullptr, why};
  const auto prop = dnnl::prop_kind::forward_inference;
  dnnl::primitive primitive;
  memory::desc chosen;
  if (!transposed) {
    const dnnl::convolution_forward::desc d(prop, dnnl::algorithm::convolution_direct, src, wany,
                                            bias, dst, g.strides, g.dilates, g.pad_l, g.pad_r);
    const dnnl::convolution_forward::primitive_desc pd(d, attr, context.engine);
    primitive = dnnl::convolution_forward(pd);
    chosen = pd.weights_desc();
  } else {
    const dnnl::deconvolution_forward::desc d(prop, dnnl::algorithm::deconvolution_direct, src,
                                              wany, bias, dst, g.strides, g.dilates, g.pad_l, g.pad_r);
    const dnnl::deconvolution_forward::primitive_desc pd(d, attr, context.engine);
    primitive = dnnl::deconvolution_forward(pd);
    chosen = pd.weights_desc();
  }
  // Weights go into the primitive's preferred layout once, as frameworks prepack them.
  dnnl::memory weights(chosen, context.engine);
  dnnl::stream stream(context.engine);
  dnnl::memory stored = context.memory(op.inputs[1], wplain);
  dnnl::reorder(stored, weights).execute(stream, stored, weights);
  stream.wait();
  args[DNNL_ARG_SRC] = context.memory(op.inputs[0], src);
  args[DNNL_ARG_WEIGHTS] = weights;
  if (has_bias) args[DNNL_ARG_BIAS] = context.memory(op.inputs[2], bias);
  args[DNNL_ARG_DST] = context.memory(unit_output(context, ops), dst);
  return {std::make_unique<PrimitiveKernel>(primitive, std::move(args), context.engine), ""};
}

}  // namespace

void register_convolution_kernels(BuilderTable& table) {
  table["Conv"] = build_convolution;
  table["ConvTranspose"] = build_convolution;
}

}  // namespace hsim::sim::host
