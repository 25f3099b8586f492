#pragma once

// Fusable groups, as oneDNN runs them and PartitionTuner profiles them: an anchor (Conv,
// ConvTranspose, Gemm, MatMul, or a binary element-wise op) followed by up to three ops that
// oneDNN applies as post-ops (element-wise activations; binary ops whose other operand
// broadcasts to the fused value), each reading only the previous one's output, which nothing
// else reads: conv+relu, conv+add+relu, gemm+relu, add+relu.
#include <vector>

#include "graph/network.h"

namespace hsim::sim::host {

bool is_fusion_anchor(const Op& op);

// For each anchor (network order), its longest fusable chain of at least two ops.
std::vector<std::vector<OpId>> fusable_chains(const Network& network);

}  // namespace hsim::sim::host
