#include "graph/op_cost_model.h"

#include <algorithm>

#include "graph/op_costs/families.h"

namespace hsim::sim {

bool OpSpec::is_control_input(size_t slot) const {
  return std::find(control_inputs.begin(), control_inputs.end(), slot) != control_inputs.end();
}

void OpCostRegistry::add(const std::string& op_type, OpSpec spec) {
  specs_[op_type] = std::move(spec);
}

const OpSpec* OpCostRegistry::find(const std::string& op_type) const {
  auto it = specs_.find(op_type);
  return it == specs_.end() ? nullptr : &it->second;
}

std::vector<std::string> OpCostRegistry::op_types() const {
  std::vector<std::string> types;
  for (const auto& entry : specs_) types.push_back(entry.first);
  std::sort(types.begin(), types.end());
  return types;
}

const OpCostRegistry& builtin_op_costs() {
  static const OpCostRegistry registry = [] {
    OpCostRegistry r;
    register_conv_costs(r);
    register_matmul_costs(r);
    register_pooling_costs(r);
    register_elementwise_costs(r);
    register_normalization_costs(r);
    register_reduction_costs(r);
    register_data_movement_costs(r);
    return r;
  }();
  return registry;
}

int64_t product(const std::vector<int64_t>& dims, size_t begin, size_t end) {
  int64_t p = 1;
  for (size_t i = begin; i < std::min(end, dims.size()); ++i) p *= dims[i];
  return p;
}

}  // namespace hsim::sim
