#pragma once

// The op families the host runs, one file each; each adds its builders by ONNX op type. A
// builder may assume the ops are fp32 and not a lone view; it returns the reason when it cannot
// run them, and may let dnnl::error escape (build_host_kernel turns it into a reason).
#include <map>
#include <string>

#include "host/host_kernel.h"

namespace hsim::sim::host {

using KernelBuilder = KernelBuild (*)(const HostContext&, const std::vector<OpId>&);
using BuilderTable = std::map<std::string, KernelBuilder>;

void register_convolution_kernels(BuilderTable& table);    // host_conv.cpp
void register_matmul_kernels(BuilderTable& table);         // host_matmul.cpp
void register_pooling_kernels(BuilderTable& table);        // host_pooling.cpp
void register_elementwise_kernels(BuilderTable& table);    // host_elementwise.cpp
void register_normalization_kernels(BuilderTable& table);  // host_normalization.cpp
void register_data_movement_kernels(BuilderTable& table);  // host_data_movement.cpp

// Fused followers of an anchor (ops[1..]) as oneDNN post-ops: element-wise ops, and binary ops
// whose other operand broadcasts to the chain's shape. Adds the binary operands to `args`.
// Returns the reason when a follower cannot be a post-op.
std::string append_post_ops(const HostContext& context, const std::vector<OpId>& ops,
                            dnnl::primitive_attr& attr, PrimitiveKernel::Args& args);

// `dims` with leading 1s up to `rank` (the broadcast form oneDNN wants).
std::vector<int64_t> broadcast_dims(const std::vector<int64_t>& dims, size_t rank);
bool broadcasts_to(const std::vector<int64_t>& dims, const std::vector<int64_t>& target);

// The output a unit writes: the last op's first output.
TensorId unit_output(const HostContext& context, const std::vector<OpId>& ops);

}  // namespace hsim::sim::host
