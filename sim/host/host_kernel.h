#pragma once

// One unit of real work on this machine: an op, or a fused group of ops (an anchor such as Conv,
// Gemm, MatMul or a binary op followed by element-wise ops that oneDNN applies as post-ops), as
// oneDNN primitives reading and writing the network's buffers (host_buffers.h) in fp32. Building
// does everything that is not the op's work (primitive creation, weight reordering into the
// layout the primitive chose), so run() is what a framework pays per inference.
#include <dnnl.hpp>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/network.h"
#include "host/host_buffers.h"

namespace hsim::sim::host {

struct HostContext {
  const Network& network;
  HostBuffers& buffers;
  dnnl::engine engine;

  // The plain row-major fp32 descriptor of a tensor (a scalar is one element).
  dnnl::memory::desc plain_desc(TensorId id) const;
  dnnl::memory::desc plain_desc(const std::vector<int64_t>& dims) const;
  dnnl::memory memory(TensorId id) const;
  dnnl::memory memory(TensorId id, const dnnl::memory::desc& desc) const;
};

class HostKernel {
 public:
  virtual ~HostKernel() = default;
  virtual void run(dnnl::stream& stream) = 0;
};

// Primitives with their arguments, run in order: what nearly every unit is (one primitive, or
// reorders around one).
class PrimitiveKernel : public HostKernel {
 public:
  using Args = std::unordered_map<int, dnnl::memory>;
  PrimitiveKernel() = default;
  PrimitiveKernel(dnnl::primitive primitive, Args args) { add(std::move(primitive), std::move(args)); }
  void add(dnnl::primitive primitive, Args args) {
    steps_.emplace_back(std::move(primitive), std::move(args));
  }
  void run(dnnl::stream& stream) override {
    for (auto& [primitive, args] : steps_) primitive.execute(stream, args);
  }

 private:
  std::vector<std::pair<dnnl::primitive, Args>> steps_;
};

// A unit that runs nothing (a view: its output already aliases its input).
class NoKernel : public HostKernel {
 public:
  void run(dnnl::stream&) override {}
};

struct KernelBuild {
  std::unique_ptr<HostKernel> kernel;
  std::string unsupported;  // why oneDNN cannot run it, when kernel is null
};

// Builds the unit for `ops` (one op, or a chain found by fusable_chains). Never throws for an op
// it cannot run: the reason comes back instead.
KernelBuild build_host_kernel(const HostContext& context, const std::vector<OpId>& ops);

// The oneDNN post-op an element-wise follower becomes, or false. Exposed for fusion.cpp.
struct EltwiseSpec {
  dnnl::algorithm algorithm;
  float alpha = 0;
  float beta = 0;
};
bool eltwise_spec(const Network& network, const Op& op, EltwiseSpec& spec);
bool binary_algorithm(const std::string& type, dnnl::algorithm& algorithm);

}  // namespace hsim::sim::host
