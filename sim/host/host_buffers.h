#pragma once

// Memory for running a network for real on this machine: one buffer per tensor, in the plain
// row-major layout of its ONNX shape, filled with synthetic data (graph-only exports carry no
// weights, and timing does not depend on the values). Views share memory the way hsim's cost
// model says they move no data: Reshape, Flatten, Squeeze, Unsqueeze, Identity and Dropout alias
// their input; a Concat, Split or Slice that is a view (each piece one contiguous block) places
// its pieces at their offsets inside the whole, so producers write into the joined buffer.
//
// Synthetic values keep activations in a normal floating-point range (no denormals, no
// overflow): convolution and matrix weights are uniform with variance 2 / fan-in (He), biases
// and other fixed data small, normalisation variances and scales 1, graph inputs uniform in
// [-1, 1].
#include <cstdint>
#include <memory>
#include <vector>

#include "graph/network.h"

namespace hsim::sim::host {

class HostBuffers {
 public:
  explicit HostBuffers(const Network& network);

  // Where a tensor's first element lives (64-byte aligned roots; views point inside them).
  void* data(TensorId id) const;
  // Whether `id` shares memory with another tensor through a view.
  bool aliased(TensorId id) const;

 private:
  struct Root {
    std::unique_ptr<uint8_t[], void (*)(void*)> memory{nullptr, nullptr};
    int64_t bytes = 0;
  };
  std::vector<Root> roots_;
  std::vector<size_t> root_of_;     // per tensor
  std::vector<int64_t> offset_of_;  // bytes into the root
  std::vector<bool> aliased_;
};

}  // namespace hsim::sim::host
