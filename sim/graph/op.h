#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "graph/tensor.h"

namespace hsim::sim {

// An op attribute, as ONNX defines them minus graphs and tensors (hsim models no control flow).
using AttrValue = std::variant<int64_t, double, std::string, std::vector<int64_t>,
                               std::vector<double>, std::vector<std::string>>;

// What it costs to run one op once, independent of where it runs.
struct OpCost {
  int64_t macs = 0;           // multiply-accumulates of the op's main loop nest
  int64_t flops = 0;          // arithmetic operations (a MAC counts as two)
  int64_t weight_bytes = 0;   // fixed data read (weights actually touched)
  int64_t input_bytes = 0;    // activations read
  int64_t output_bytes = 0;   // activations written
  bool is_view = false;       // no data moves: the output aliases an input (reshape, in-place concat)
  bool is_modelled = true;    // false: hsim has no model of the op and used the generic cost
};

struct Op {
  std::string name;
  std::string type;    // ONNX op_type, e.g. "Conv"
  std::string domain;  // empty for the default ONNX domain
  std::vector<TensorId> inputs;   // kNoTensor for an omitted optional input
  std::vector<TensorId> outputs;
  std::map<std::string, AttrValue> attrs;
  OpCost cost;

  int64_t attr_int(const std::string& key, int64_t fallback) const;
  double attr_float(const std::string& key, double fallback) const;
  std::string attr_string(const std::string& key, const std::string& fallback) const;
  std::vector<int64_t> attr_ints(const std::string& key) const;  // empty when absent
};

inline constexpr TensorId kNoTensor = -1;

}  // namespace hsim::sim
