#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/network.h"

namespace hsim::sim {

// Read-only view of one op inside its network, handed to cost functions.
class OpContext {
 public:
  OpContext(const Network& net, const Op& op) : net_(net), op_(op) {}

  const Op& op() const { return op_; }
  size_t input_count() const { return op_.inputs.size(); }
  bool has_input(size_t i) const { return i < op_.inputs.size() && op_.inputs[i] != kNoTensor; }
  const Tensor& input(size_t i) const { return net_.tensor(op_.inputs.at(i)); }
  const Tensor& output(size_t i = 0) const { return net_.tensor(op_.outputs.at(i)); }
  const std::vector<int64_t>& in_shape(size_t i) const { return input(i).shape; }
  const std::vector<int64_t>& out_shape(size_t i = 0) const { return output(i).shape; }
  int64_t in_elements(size_t i) const { return input(i).elements(); }
  int64_t out_elements(size_t i = 0) const { return output(i).elements(); }

 private:
  const Network& net_;
  const Op& op_;
};

// A cost function receives the op's traffic already filled in (weights, activations read and
// written, from the tensors' sizes) and adds its arithmetic; it may refine the traffic (a view
// moves nothing, a gather reads only the rows it picks).
using CostFn = std::function<void(const OpContext&, OpCost&)>;

struct OpSpec {
  CostFn cost;
  // Input slots that steer the op rather than feed its arithmetic (Reshape's target shape,
  // Slice's starts/ends, Gather's indices). A fixed tensor read only through such slots is a
  // constant argument, not a parameter of the network.
  std::vector<size_t> control_inputs;

  bool is_control_input(size_t slot) const;
};

// Cost models of the default ONNX domain's ops, by op_type. Adding a model is a new entry in one
// of the op_costs/ families, never an edit to the code that uses the registry.
class OpCostRegistry {
 public:
  void add(const std::string& op_type, OpSpec spec);
  const OpSpec* find(const std::string& op_type) const;
  std::vector<std::string> op_types() const;  // sorted

 private:
  std::unordered_map<std::string, OpSpec> specs_;
};

// The registry with every built-in family (op_costs/*.cpp).
const OpCostRegistry& builtin_op_costs();

int64_t product(const std::vector<int64_t>& dims, size_t begin = 0, size_t end = SIZE_MAX);

}  // namespace hsim::sim
