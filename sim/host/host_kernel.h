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
  // `scratch` is the running thread's scratchpad, at least scratch_bytes() long: oneDNN's own
  // (library-managed) scratchpad is one buffer shared by every thread unless oneDNN was built for
  // concurrent execution, which Debian's is not, so each runner thread hands its own.
  virtual void run(dnnl::stream& stream, void* scratch) = 0;
  virtual size_t scratch_bytes() const { return 0; }
};

// A primitive_attr asking for a user-managed scratchpad; every primitive a unit runs is made
// with it (or with it plus post-ops).
dnnl::primitive_attr scratch_attr();

// Primitives with their arguments, run in order: what nearly every unit is (one primitive, or
// several reorders).
class PrimitiveKernel : public HostKernel {
 public:
  using Args = std::unordered_map<int, dnnl::memory>;
  PrimitiveKernel() = default;
  PrimitiveKernel(dnnl::primitive primitive, Args args, const dnnl::engine& engine) {
    add(std::move(primitive), std::move(args), engine);
  }
  // The primitive must have been made with scratch_attr().
  void add(dnnl::primitive primitive, Args args, const dnnl::engine& engine);
  void run(dnnl::stream& stream, void* scratch) override;
  size_t scratch_bytes() const override { return scratch_bytes_; }

 private:
  struct Step {
    dnnl::primitive primitive;
    Args args;
    bool has_scratch = false;
  };
  std::vector<Step> steps_;
  size_t scratch_bytes_ = 0;
};

// A unit that runs nothing (a view: its output already aliases its input).
class NoKernel : public HostKernel {
 public:
  void run(dnnl::stream&, void*) override {}
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
