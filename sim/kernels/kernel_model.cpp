#include "kernels/kernel_model.h"

#include "kernels/kernel_error.h"
#include "kernels/models.h"

namespace hsim::sim {

namespace {

std::string describe(const Op& op, const PuSpec& pu) {
  return "op '" + op.name + "' (" + op.type + ") on PU '" + pu.name + "'";
}

std::string dtype_list(const PuSpec& pu) {
  std::string names;
  for (const auto& entry : pu.compute)
    names += (names.empty() ? "" : ", ") + std::string(dtype_name(entry.first));
  return names.empty() ? "none" : names;
}

}  // namespace

void KernelModelRegistry::add(PuKind kind, std::unique_ptr<KernelModel> model) {
  models_[kind] = std::move(model);
}

const KernelModel* KernelModelRegistry::find(PuKind kind) const {
  auto it = models_.find(kind);
  return it == models_.end() ? nullptr : it->second.get();
}

const KernelModelRegistry& builtin_kernel_models() {
  static const KernelModelRegistry registry = [] {
    KernelModelRegistry r;
    register_npu_kernel_model(r);
    register_dsp_kernel_model(r);
    register_cpu_kernel_model(r);
    return r;
  }();
  return registry;
}

DType resolve_kernel_dtype(const Network& network, const Op& op, const PuSpec& pu,
                           const std::optional<DType>& requested) {
  if (requested) {
    if (pu.compute.count(*requested) == 0)
      throw KernelError(describe(op, pu) + ": the PU has no compute rate for " +
                        std::string(dtype_name(*requested)) + " (it has " + dtype_list(pu) + ")");
    return *requested;
  }
  if (!op.outputs.empty()) {
    const DType own = network.tensor(op.outputs[0]).dtype;
    if (pu.compute.count(own)) return own;
  }
  if (pu.compute.size() == 1) return pu.compute.begin()->first;
  throw KernelError(describe(op, pu) + ": choose the element type to run it in (the PU has " +
                    dtype_list(pu) + ")");
}

KernelTrace build_kernel_trace(const Network& network, const Op& op, const PuSpec& pu,
                               const KernelOptions& options) {
  if (!pu.supports(op.type))
    throw UnsupportedOpError(describe(op, pu) + ": the PU does not support " + op.type);
  KernelTrace trace;
  trace.name = op.name;
  if (op.cost.is_view) {  // nothing moves, nothing is computed: no rate is needed either
    if (options.dtype)
      trace.dtype = *options.dtype;
    else if (!op.outputs.empty())
      trace.dtype = network.tensor(op.outputs[0]).dtype;
    return trace;
  }
  const KernelModel* model = builtin_kernel_models().find(pu.kind);
  if (!model)
    throw KernelError(describe(op, pu) + ": no kernel model for PU kind " +
                      std::string(pu_kind_name(pu.kind)));
  trace.dtype = resolve_kernel_dtype(network, op, pu, options.dtype);
  const KernelRequest request{network, op, pu, options, trace.dtype};
  try {
    model->build(request, trace);
  } catch (const UnsupportedOpError&) {
    throw;
  } catch (const KernelError& e) {
    throw KernelError(describe(op, pu) + ": " + e.what());
  }
  return trace;
}

}  // namespace hsim::sim
