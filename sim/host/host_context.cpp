#include "host/host_kernel.h"

#include <algorithm>
#include <map>

#include "host/host_kernel_families.h"

namespace hsim::sim::host {

using dnnl::memory;

memory::desc HostContext::plain_desc(const std::vector<int64_t>& shape) const {
  // A scalar is one element; strides are row-major, computed from the last dim backwards.
  const size_t rank = std::max<size_t>(shape.size(), 1);
  memory::dims dims(rank, 1), strides(rank, 1);
  std::copy(shape.begin(), shape.end(), dims.begin());
  int64_t stride = 1;
  for (size_t k = 0; k < rank; ++k) {
    strides[rank - 1 - k] = stride;
    stride *= dims[rank - 1 - k];
  }
  return memory::desc(dims, memory::data_type::f32, strides);
}

memory::desc HostContext::plain_desc(TensorId id) const {
  return plain_desc(network.tensor(id).shape);
}

memory HostContext::memory(TensorId id) const { return memory(id, plain_desc(id)); }

memory HostContext::memory(TensorId id, const memory::desc& desc) const {
  return dnnl::memory(desc, engine, buffers.data(id));
}

dnnl::primitive_attr scratch_attr() {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  return attr;
}

void PrimitiveKernel::add(dnnl::primitive primitive, Args args, const dnnl::engine& engine) {
  const dnnl_memory_desc_t* scratch =
      dnnl_primitive_desc_query_md(primitive.get_primitive_desc(), dnnl_query_scratchpad_md, 0);
  Step step{std::move(primitive), std::move(args), false};
  if (scratch && scratch->ndims > 0) {
    const dnnl::memory::desc desc(*scratch);
    if (desc.get_size() > 0) {
      step.args[DNNL_ARG_SCRATCHPAD] = dnnl::memory(desc, engine, DNNL_MEMORY_NONE);
      step.has_scratch = true;
      scratch_bytes_ = std::max(scratch_bytes_, desc.get_size());
    }
  }
  steps_.push_back(std::move(step));
}

void PrimitiveKernel::run(dnnl::stream& stream, void* scratch) {
  for (Step& step : steps_) {
    if (step.has_scratch) step.args[DNNL_ARG_SCRATCHPAD].set_data_handle(scratch);
    step.primitive.execute(stream, step.args);
  }
}

bool binary_algorithm(const std::string& type, dnnl::algorithm& algorithm) {
  static const std::map<std::string, dnnl::algorithm> table = {
      {"Add", dnnl::algorithm::binary_add}, {"Sum", dnnl::algorithm::binary_add},
      {"Sub", dnnl::algorithm::binary_sub}, {"Mul", dnnl::algorithm::binary_mul},
      {"Div", dnnl::algorithm::binary_div}, {"Max", dnnl::algorithm::binary_max},
      {"Min", dnnl::algorithm::binary_min}};
  const auto found = table.find(type);
  if (found == table.end()) return false;
  algorithm = found->second;
  return true;
}

bool eltwise_spec(const Network& network, const Op& op, EltwiseSpec& spec) {
  using dnnl::algorithm;
  const std::string& t = op.type;
  // Clip's bounds are inputs; hsim keeps only small integer constants, so they are read when
  // stored as integers and otherwise taken as ReLU6's (0, 6): the time does not depend on them.
  auto bound = [&](size_t slot, float fallback) {
    if (op.inputs.size() > slot && op.inputs[slot] != kNoTensor) {
      const auto& values = network.tensor(op.inputs[slot]).int_values;
      if (values && values->size() == 1) return static_cast<float>(values->front());
    }
    return fallback;
  };
  if (t == "Relu") spec = {algorithm::eltwise_relu, 0, 0};
  else if (t == "LeakyRelu") spec = {algorithm::eltwise_relu, static_cast<float>(op.attr_float("alpha", 0.01)), 0};
  else if (t == "Elu") spec = {algorithm::eltwise_elu, static_cast<float>(op.attr_float("alpha", 1.0)), 0};
  else if (t == "Sigmoid") spec = {algorithm::eltwise_logistic, 0, 0};
  else if (t == "Tanh") spec = {algorithm::eltwise_tanh, 0, 0};
  else if (t == "Exp") spec = {algorithm::eltwise_exp, 0, 0};
  else if (t == "Log") spec = {algorithm::eltwise_log, 0, 0};
  else if (t == "Sqrt") spec = {algorithm::eltwise_sqrt, 0, 0};
  else if (t == "Abs") spec = {algorithm::eltwise_abs, 0, 0};
  else if (t == "Neg") spec = {algorithm::eltwise_linear, -1, 0};
  else if (t == "Round") spec = {algorithm::eltwise_round, 0, 0};
  else if (t == "Softplus") spec = {algorithm::eltwise_soft_relu, 0, 0};
  else if (t == "Mish") spec = {algorithm::eltwise_mish, 0, 0};
  else if (t == "HardSwish") spec = {algorithm::eltwise_hardswish, 0, 0};
  else if (t == "Clip") spec = {algorithm::eltwise_clip, bound(1, 0.0f), bound(2, 6.0f)};
  else return false;
  return true;
}

KernelBuild build_host_kernel(const HostContext& context, const std::vector<OpId>& ops) {
  static const std::map<std::string, KernelBuilder> builders = [] {
    std::map<std::string, KernelBuilder> table;
    register_convolution_kernels(table);
    register_matmul_kernels(table);
    register_pooling_kernels(table);
    register_elementwise_kernels(table);
    register_normalization_kernels(table);
    register_data_movement_kernels(table);
    return table;
  }();
  const Op& first = context.network.op(ops.front());
  if (ops.size() == 1 && first.cost.is_view) return {std::make_unique<NoKernel>(), ""};
  for (OpId id : ops)
    for (TensorId t : context.network.op(id).inputs)
      if (t != kNoTensor && context.network.tensor(t).dtype != DType::kFloat32 &&
          !context.network.tensor(t).is_fixed())
        return {nullptr, "reads " + std::string(dtype_name(context.network.tensor(t).dtype)) +
                             " data (hsim runs fp32 only)"};
  const auto builder = builders.find(first.type);
  if (builder == builders.end())
    return {nullptr, "no oneDNN primitive for " + first.type + " in hsim"};
  try {
    return builder->second(context, ops);
  } catch (const dnnl::error& e) {
    return {nullptr, std::string("oneDNN cannot run it: ") + e.what()};
  }
}

}  // namespace hsim::sim::host
