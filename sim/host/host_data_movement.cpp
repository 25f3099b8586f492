// Ops that move data: Concat and Split/Slice that are not views (copies), Transpose (a reorder
// through permuted strides), Resize (resampling) and Reduce* (reduction).
#include <algorithm>

#include "host/host_kernel_families.h"

namespace hsim::sim::host {

namespace {

using dnnl::memory;

memory::dims strides_of(const memory::desc& desc, size_t rank) {
  return memory::dims(desc.data.format_desc.blocking.strides,
                      desc.data.format_desc.blocking.strides + rank);
}

dnnl::reorder reorder(const memory& from, const memory& to) {
  return dnnl::reorder(dnnl::reorder::primitive_desc(from, to, scratch_attr()));
}

int64_t normalised_axis(int64_t axis, size_t rank) {
  return axis < 0 ? axis + static_cast<int64_t>(rank) : axis;
}

KernelBuild build_concat(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  const auto& out = net.tensor(op.outputs[0]).shape;
  const int64_t axis = normalised_axis(op.attr_int("axis", 0), out.size());
  std::vector<memory::desc> sources;
  PrimitiveKernel::Args args;
  for (TensorId in : op.inputs) {
    if (in == kNoTensor || net.tensor(in).elements() == 0) continue;
    args[DNNL_ARG_MULTIPLE_SRC + static_cast<int>(sources.size())] = context.memory(in);
    sources.push_back(context.plain_desc(in));
  }
  const memory::desc dst = context.plain_desc(out);
  const dnnl::concat::primitive_desc pd(dst, static_cast<int>(axis), sources, context.engine,
                                        scratch_attr());
  args[DNNL_ARG_DST] = context.memory(op.outputs[0], dst);
  return {std::make_unique<PrimitiveKernel>(dnnl::concat(pd), std::move(args), context.engine), ""};
}

KernelBuild build_transpose(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  const auto& in = net.tensor(op.inputs[0]).shape;
  std::vector<int64_t> perm = op.attr_ints("perm");
  if (perm.empty())
    for (size_t d = in.size(); d-- > 0;) perm.push_back(static_cast<int64_t>(d));
  if (perm.size() != in.size()) return {nullptr, "perm does not match the rank"};
  const memory::desc plain_in = context.plain_desc(in);
  const memory::dims in_strides = strides_of(plain_in, in.size());
  memory::dims dims, strides;
  for (int64_t p : perm) {
    dims.push_back(in[static_cast<size_t>(p)]);
    strides.push_back(in_strides[static_cast<size_t>(p)]);
  }
  const memory::desc src(dims, memory::data_type::f32, strides);
  const auto from = context.memory(op.inputs[0], src);
  const auto to = context.memory(op.outputs[0], context.plain_desc(op.outputs[0]));
  return {std::make_unique<PrimitiveKernel>(reorder(from, to),
                                            PrimitiveKernel::Args{{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}},
                                            context.engine),
          ""};
}

// A copy of a block of the input (offsets along each dim) into an output of its own.
KernelBuild copy_block(const HostContext& context, TensorId input, TensorId output,
                       const std::vector<int64_t>& offsets) {
  const auto& out = context.network.tensor(output).shape;
  const memory::desc whole = context.plain_desc(input);
  const memory::desc block = whole.submemory_desc(memory::dims(out.begin(), out.end()),
                                                  memory::dims(offsets.begin(), offsets.end()));
  const auto from = context.memory(input, block);
  const auto to = context.memory(output, context.plain_desc(out));
  return {std::make_unique<PrimitiveKernel>(reorder(from, to),
                                            PrimitiveKernel::Args{{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}},
                                            context.engine),
          ""};
}

KernelBuild build_split(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  const auto& in = net.tensor(op.inputs[0]).shape;
  const size_t axis = static_cast<size_t>(normalised_axis(op.attr_int("axis", 0), in.size()));
  std::vector<int64_t> offsets(in.size(), 0);
  // One reorder per piece, run in order as one unit.
  auto all = std::make_unique<PrimitiveKernel>();
  for (TensorId out : op.outputs) {
    if (out == kNoTensor) continue;
    const auto& shape = net.tensor(out).shape;
    const memory::desc block = context.plain_desc(op.inputs[0]).submemory_desc(
        memory::dims(shape.begin(), shape.end()), memory::dims(offsets.begin(), offsets.end()));
    const auto from = context.memory(op.inputs[0], block);
    const auto to = context.memory(out);
    all->add(reorder(from, to), {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}}, context.engine);
    offsets[axis] += shape[axis];
  }
  return {std::move(all), ""};
}

KernelBuild build_slice(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  const auto& in = net.tensor(op.inputs[0]).shape;
  if (op.inputs.size() < 3) return {nullptr, "Slice without starts and ends"};
  const auto& starts = net.tensor(op.inputs[1]).int_values;
  if (!starts) return {nullptr, "Slice starts are not constant"};
  std::vector<int64_t> axes;
  if (op.inputs.size() > 3 && op.inputs[3] != kNoTensor) {
    if (!net.tensor(op.inputs[3]).int_values) return {nullptr, "Slice axes are not constant"};
    axes = *net.tensor(op.inputs[3]).int_values;
  } else {
    for (size_t i = 0; i < starts->size(); ++i) axes.push_back(static_cast<int64_t>(i));
  }
  if (op.inputs.size() > 4 && op.inputs[4] != kNoTensor) {
    const auto& steps = net.tensor(op.inputs[4]).int_values;
    if (!steps || std::any_of(steps->begin(), steps->end(), [](int64_t s) { return s != 1; }))
      return {nullptr, "Slice with steps other than 1"};
  }
  std::vector<int64_t> offsets(in.size(), 0);
  for (size_t i = 0; i < starts->size() && i < axes.size(); ++i) {
    const size_t axis = static_cast<size_t>(normalised_axis(axes[i], in.size()));
    if (axis >= in.size()) return {nullptr, "Slice axis out of range"};
    const int64_t dim = in[axis];
    const int64_t start = (*starts)[i] < 0 ? (*starts)[i] + dim : (*starts)[i];
    offsets[axis] = std::clamp<int64_t>(start, 0, dim);
  }
  return copy_block(context, op.inputs[0], op.outputs[0], offsets);
}

KernelBuild build_resize(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  const std::string mode = op.attr_string("mode", "nearest");
  if (mode == "cubic") return {nullptr, "cubic Resize has no oneDNN primitive"};
  const memory::desc src = context.plain_desc(op.inputs[0]);
  const memory::desc dst = context.plain_desc(op.outputs[0]);
  const auto algorithm = mode == "linear" ? dnnl::algorithm::resampling_linear
                                          : dnnl::algorithm::resampling_nearest;
  const dnnl::resampling_forward::desc d(dnnl::prop_kind::forward_inference, algorithm, src, dst);
  const dnnl::resampling_forward::primitive_desc pd(d, scratch_attr(), context.engine);
  return {std::make_unique<PrimitiveKernel>(
              dnnl::resampling_forward(pd),
              PrimitiveKernel::Args{{DNNL_ARG_SRC, context.memory(op.inputs[0], src)},
                                    {DNNL_ARG_DST, context.memory(op.outputs[0], dst)}},
              context.engine),
          ""};
}

KernelBuild build_reduce(const HostContext& context, const std::vector<OpId>& ops) {
  const Network& net = context.network;
  const Op& op = net.op(ops.front());
  const auto& in = net.tensor(op.inputs[0]).shape;
  std::vector<int64_t> axes = op.attr_ints("axes");
  if (op.inputs.size() > 1 && op.inputs[1] != kNoTensor) {
    if (!net.tensor(op.inputs[1]).int_values) return {nullptr, "axes are not constant"};
    axes = *net.tensor(op.inputs[1]).int_values;
  }
  std::vector<int64_t> out = in;
  if (axes.empty())
    std::fill(out.begin(), out.end(), 1);
  for (int64_t a : axes) {
    const int64_t axis = normalised_axis(a, in.size());
    if (axis < 0 || axis >= static_cast<int64_t>(in.size())) return {nullptr, "axis out of range"};
    out[static_cast<size_t>(axis)] = 1;
  }
  dnnl::algorithm algorithm = dnnl::algorithm::reduction_mean;
  if (op.type == "ReduceSum") algorithm = dnnl::algorithm::reduction_sum;
  else if (op.type == "ReduceMax") algorithm = dnnl::algorithm::reduction_max;
  else if (op.type == "ReduceMin") algorithm = dnnl::algorithm::reduction_min;
  else if (op.type == "ReduceProd") algorithm = dnnl::algorithm::reduction_mul;
  const memory::desc src = context.plain_desc(in), dst = context.plain_desc(out);
  const dnnl::reduction::desc d(algorithm, src, dst, 0.0f, 0.0f);
  const dnnl::reduction::primitive_desc pd(d, scratch_attr(), context.engine);
  return {std::make_unique<PrimitiveKernel>(
              dnnl::reduction(pd),
              PrimitiveKernel::Args{{DNNL_ARG_SRC, context.memory(op.inputs[0], src)},
                                    {DNNL_ARG_DST, context.memory(op.outputs[0], dst)}},
              context.engine),
          ""};
}

}  // namespace

void register_data_movement_kernels(BuilderTable& table) {
  table["Concat"] = build_concat;
  table["Transpose"] = build_transpose;
  table["Split"] = build_split;
  table["Slice"] = build_slice;
  table["Resize"] = build_resize;
  for (const char* type : {"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd"})
    table[type] = build_reduce;
}

}  // namespace hsim::sim::host
