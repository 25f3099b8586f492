#include "host/host_kernel_families.h"

namespace hsim::sim::host {

std::vector<int64_t> broadcast_dims(const std::vector<int64_t>& dims, size_t rank) {
  std::vector<int64_t> out(rank > dims.size() ? rank - dims.size() : 0, 1);
  out.insert(out.end(), dims.begin(), dims.end());
  if (out.empty()) out = {1};
  return out;
}

bool broadcasts_to(const std::vector<int64_t>& dims, const std::vector<int64_t>& target) {
  if (dims.size() > target.size()) return false;
  const std::vector<int64_t> padded = broadcast_dims(dims, target.size());
  for (size_t d = 0; d < target.size(); ++d)
    if (padded[d] != target[d] && padded[d] != 1) return false;
  return true;
}

TensorId unit_output(const HostContext& context, const std::vector<OpId>& ops) {
  return context.network.op(ops.back()).outputs.front();
}

std::string append_post_ops(const HostContext& context, const std::vector<OpId>& ops,
                            dnnl::primitive_attr& attr, PrimitiveKernel::Args& args) {
  const Network& net = context.network;
  dnnl::post_ops post;
  TensorId chain = net.op(ops.front()).outputs.front();
  const std::vector<int64_t> shape = net.tensor(chain).shape;
  for (size_t i = 1; i < ops.size(); ++i) {
    const Op& op = net.op(ops[i]);
    const TensorId out = op.outputs.front();
    if (net.tensor(out).shape != shape) return op.name + " changes the shape: not a post-op";
    EltwiseSpec spec{};
    dnnl::algorithm algorithm{};
    if (eltwise_spec(net, op, spec)) {
      post.append_eltwise(1.0f, spec.algorithm, spec.alpha, spec.beta);
    } else if (binary_algorithm(op.type, algorithm) && op.inputs.size() == 2) {
      const bool chain_first = op.inputs[0] == chain;
      if (!chain_first && op.inputs[1] != chain) return op.name + " does not read " + net.tensor(chain).name;
      if (!chain_first && (op.type == "Sub" || op.type == "Div"))
        return op.name + ": the fused value is its second operand";
      const TensorId other = chain_first ? op.inputs[1] : op.inputs[0];
      if (other == chain) return op.name + " reads the fused value twice";
      const Tensor& operand = net.tensor(other);
      if (operand.dtype != DType::kFloat32 || !broadcasts_to(operand.shape, shape))
        return op.name + "'s other operand does not broadcast to the fused value";
      const auto desc = context.plain_desc(broadcast_dims(operand.shape, shape.size()));
      post.append_binary(algorithm, desc);
      args[DNNL_ARG_ATTR_MULTIPLE_POST_OP(post.len() - 1) | DNNL_ARG_SRC_1] =
          context.memory(other, desc);
    } else {
      return op.type + " cannot be fused as a oneDNN post-op";
    }
    chain = out;
  }
  attr.set_post_ops(post);
  return "";
}

}  // namespace hsim::sim::host
