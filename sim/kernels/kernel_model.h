#pragma once

// Kernel models: what one core of a PU does to run one op, as a KernelTrace derived from the op's
// loop nest and a tiling that fits the core's local memory. One model per PU kind (NPU: systolic
// array fold analysis; DSP: vector MAC rates; CPU: SIMD rates with caches as bandwidth tiers),
// selected by PuKind through a registry; a new model is a new file plus a registration.
//
// Contract of build_kernel_trace:
//   - a view op (op.cost.is_view) gives an empty trace;
//   - an op outside pu.supported_ops throws UnsupportedOpError;
//   - otherwise the trace is for ONE core doing the whole op; compute records sum to the model's
//     closed form, loads and stores to the bytes its tiling moves (see each model's header);
//   - missing rates, arrays or memory the op needs throw KernelError naming op and PU.
#include <map>
#include <memory>
#include <optional>
#include <string_view>

#include "board/board_spec.h"
#include "graph/network.h"
#include "kernels/gemm_tiling.h"
#include "trace/kernel_trace.h"

namespace hsim::sim {

struct KernelOptions {
  // Element type the PU computes the op in (int8 on an NPU, fp32 on a CPU). Unset: the op's own
  // output type if the PU has a rate for it, else the PU's only type; otherwise an error.
  std::optional<DType> dtype;
  bool double_buffering = true;
  TilingOverride tiling;  // matrix ops on NPUs and DSPs only
};

// Everything a model sees, with the element type resolved.
struct KernelRequest {
  const Network& network;
  const Op& op;
  const PuSpec& pu;
  const KernelOptions& options;
  DType dtype;

  int64_t element_bytes() const { return dtype_bytes(dtype); }
  const ComputeRate& rate() const { return pu.compute.at(dtype); }
};

class KernelModel {
 public:
  virtual ~KernelModel() = default;
  virtual std::string_view name() const = 0;
  // Precondition: the op is supported and not a view. Records only; the caller names the trace.
  virtual void build(const KernelRequest& request, KernelTrace& trace) const = 0;
};

class KernelModelRegistry {
 public:
  void add(PuKind kind, std::unique_ptr<KernelModel> model);
  const KernelModel* find(PuKind kind) const;

 private:
  std::map<PuKind, std::unique_ptr<KernelModel>> models_;
};

// The registry with every built-in model (kernels/models.h).
const KernelModelRegistry& builtin_kernel_models();

DType resolve_kernel_dtype(const Network& network, const Op& op, const PuSpec& pu,
                           const std::optional<DType>& requested);

KernelTrace build_kernel_trace(const Network& network, const Op& op, const PuSpec& pu,
                               const KernelOptions& options = {});

}  // namespace hsim::sim
