#include "host/fusion.h"

#include "host/host_kernel.h"
#include "host/host_kernel_families.h"

namespace hsim::sim::host {

namespace {

constexpr size_t kMaxChain = 4;

bool is_follower(const Network& net, const Op& op, TensorId value) {
  EltwiseSpec spec{};
  if (eltwise_spec(net, op, spec)) return op.inputs.front() == value;
  dnnl::algorithm algorithm{};
  if (!binary_algorithm(op.type, algorithm) || op.inputs.size() != 2) return false;
  const bool first = op.inputs[0] == value;
  if (!first && op.inputs[1] != value) return false;
  if (op.inputs[0] == op.inputs[1]) return false;
  if (!first && (op.type == "Sub" || op.type == "Div")) return false;
  const Tensor& other = net.tensor(first ? op.inputs[1] : op.inputs[0]);
  return other.dtype == DType::kFloat32 && broadcasts_to(other.shape, net.tensor(value).shape);
}

}  // namespace

bool is_fusion_anchor(const Op& op) {
  dnnl::algorithm algorithm{};
  return op.type == "Conv" || op.type == "ConvTranspose" || op.type == "Gemm" ||
         op.type == "MatMul" || (binary_algorithm(op.type, algorithm) && op.inputs.size() == 2);
}

std::vector<std::vector<OpId>> fusable_chains(const Network& network) {
  std::vector<std::vector<OpId>> chains;
  for (OpId id = 0; id < static_cast<OpId>(network.ops().size()); ++id) {
    if (!is_fusion_anchor(network.op(id))) continue;
    std::vector<OpId> chain = {id};
    while (chain.size() < kMaxChain) {
      const Op& last = network.op(chain.back());
      if (last.outputs.size() != 1) break;
      const Tensor& value = network.tensor(last.outputs.front());
      if (value.is_graph_output || value.consumers.size() != 1 || value.dtype != DType::kFloat32)
        break;
      const OpId next = value.consumers.front();
      const Op& op = network.op(next);
      if (op.outputs.size() != 1 || !is_follower(network, op, last.outputs.front()) ||
          network.tensor(op.outputs.front()).shape != value.shape)
        break;
      chain.push_back(next);
    }
    if (chain.size() >= 2) chains.push_back(std::move(chain));
  }
  return chains;
}

}  // namespace hsim::sim::host
