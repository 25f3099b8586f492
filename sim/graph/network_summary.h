#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "graph/network.h"

namespace hsim::sim {

// Whole-network totals. Parameters are the elements of fixed tensors that ops read as data
// (weights and biases; after BatchNormalization folding, the folded conv weights), each counted
// once however many ops share it; shape, axes and index constants are not parameters.
struct NetworkSummary {
  int64_t op_count = 0;
  std::map<std::string, int64_t> ops_by_type;
  int64_t view_ops = 0;
  int64_t unmodelled_ops = 0;
  int64_t macs = 0;
  int64_t flops = 0;
  int64_t parameters = 0;
  int64_t weight_bytes = 0;       // bytes of all parameters, each counted once
  int64_t activation_bytes = 0;   // bytes of every activation and graph input, each counted once
  int64_t input_bytes = 0;        // graph inputs
  int64_t output_bytes = 0;       // graph outputs
  int64_t traffic_bytes = 0;      // sum over ops of weights + activations read and written
};

NetworkSummary summarize(const Network& net);

}  // namespace hsim::sim
