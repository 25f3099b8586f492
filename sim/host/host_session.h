#pragma once

// A network ready to run for real on this machine's CPU: its buffers, a oneDNN CPU engine, and
// units (ops, or fused groups) built from it. Units run in network order of their last op: a
// fused group runs where its last member would, when every operand of every member is ready.
#include <memory>
#include <string>
#include <vector>

#include "graph/network.h"
#include "host/host_buffers.h"
#include "host/host_kernel.h"

namespace hsim::sim::host {

struct HostUnit {
  std::vector<OpId> ops;
  std::unique_ptr<HostKernel> kernel;  // null: oneDNN cannot run it (see unsupported)
  std::string unsupported;
  bool is_view = false;  // a lone view: runs nothing
};

class HostSession {
 public:
  explicit HostSession(const Network& network);

  const Network& network() const { return network_; }
  dnnl::engine& engine() { return engine_; }
  const HostBuffers& buffers() const { return buffers_; }

  // One unit per group in `groups` and one per op in no group, in run order, for running with
  // `threads` oneDNN threads per unit: oneDNN fixes a primitive's thread count when it creates
  // it (its kernels are blocked for that many threads), so units are built per thread count.
  std::vector<HostUnit> build_units(const std::vector<std::vector<OpId>>& groups, int threads);

 private:
  const Network& network_;
  dnnl::engine engine_;
  HostBuffers buffers_;
};

// Threads each oneDNN primitive may use from the calling thread on (OpenMP's team size), and
// flush-to-zero / denormals-are-zero for the calling thread.
void set_host_threads(int threads);
// Cores of this machine that this process may run on.
int host_cores();

}  // namespace hsim::sim::host
