#include "graph/cost_annotation.h"

#include <map>

namespace hsim::sim {

namespace {

bool is_default_domain(const std::string& domain) { return domain.empty() || domain == "ai.onnx"; }

void classify_fixed_tensors(Network& net, const OpCostRegistry& registry) {
  std::vector<bool> read_as_data(net.tensors().size(), false);
  for (const Op& op : net.ops()) {
    const OpSpec* spec = is_default_domain(op.domain) ? registry.find(op.type) : nullptr;
    for (size_t slot = 0; slot < op.inputs.size(); ++slot)
      if (op.inputs[slot] != kNoTensor && !(spec && spec->is_control_input(slot)))
        read_as_data[static_cast<size_t>(op.inputs[slot])] = true;
  }
  for (size_t i = 0; i < net.tensors().size(); ++i) {
    Tensor& t = net.mutable_tensor(static_cast<TensorId>(i));
    if (t.is_fixed()) t.role = read_as_data[i] ? TensorRole::kWeight : TensorRole::kConstantArg;
  }
}

OpCost default_traffic(const Network& net, const Op& op, const OpSpec* spec) {
  OpCost cost;
  for (size_t slot = 0; slot < op.inputs.size(); ++slot) {
    if (op.inputs[slot] == kNoTensor) continue;
    const Tensor& t = net.tensor(op.inputs[slot]);
    if (t.role == TensorRole::kWeight && !(spec && spec->is_control_input(slot)))
      cost.weight_bytes += t.bytes();
    else if (!t.is_fixed())
      cost.input_bytes += t.bytes();
  }
  for (TensorId out : op.outputs) cost.output_bytes += net.tensor(out).bytes();
  return cost;
}

}  // namespace

std::vector<std::string> annotate_costs(Network& net, const OpCostRegistry& registry) {
  classify_fixed_tensors(net, registry);
  std::map<std::string, std::pair<int, std::string>> unmodelled;  // type -> count, first node
  for (size_t i = 0; i < net.ops().size(); ++i) {
    Op& op = net.mutable_op(static_cast<OpId>(i));
    const OpSpec* spec = is_default_domain(op.domain) ? registry.find(op.type) : nullptr;
    OpCost cost = default_traffic(net, op, spec);
    if (spec) {
      spec->cost(OpContext(net, op), cost);
    } else {
      cost.is_modelled = false;
      for (TensorId out : op.outputs) cost.flops += net.tensor(out).elements();
      std::string key = is_default_domain(op.domain) ? op.type : op.domain + "." + op.type;
      auto& entry = unmodelled[key];
      if (entry.first++ == 0) entry.second = op.name;
    }
    op.cost = cost;
  }
  std::vector<std::string> warnings;
  for (const auto& [type, entry] : unmodelled)
    warnings.push_back("op type '" + type + "' (" + std::to_string(entry.first) +
                       (entry.first == 1 ? " node" : " nodes") + ", e.g. '" + entry.second +
                       "') has no cost model; using a generic cost of one operation per output "
                       "element plus its tensor traffic");
  return warnings;
}

}  // namespace hsim::sim
