#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/dtype.h"

namespace hsim::sim {

using TensorId = int32_t;
using OpId = int32_t;
inline constexpr OpId kNoOp = -1;

// Where a tensor's value comes from. Graph inputs and activations carry data at run time;
// weights and constant arguments are fixed (hsim knows their shapes, never needs their values).
enum class TensorRole {
  kGraphInput,   // fed by the user at inference time
  kActivation,   // produced by an op
  kWeight,       // fixed data an op computes with (conv filters, embedding tables, biases)
  kConstantArg,  // fixed argument that steers an op (reshape targets, axes, indices)
};

struct Tensor {
  std::string name;
  DType dtype = DType::kFloat32;
  std::vector<int64_t> shape;  // fully known; a scalar has rank 0
  TensorRole role = TensorRole::kActivation;
  bool is_graph_output = false;
  OpId producer = kNoOp;
  std::vector<OpId> consumers;  // in topological order, one entry per op however often it reads
  // Values of small integer constants (shape targets, axes, steps), when stored inline; hsim
  // reads nothing else of any tensor's data.
  std::optional<std::vector<int64_t>> int_values;

  int64_t elements() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
  }
  int64_t bytes() const { return elements() * dtype_bytes(dtype); }
  bool is_fixed() const { return role == TensorRole::kWeight || role == TensorRole::kConstantArg; }
};

}  // namespace hsim::sim
