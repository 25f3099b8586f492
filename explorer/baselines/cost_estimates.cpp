#include "baselines/cost_estimates.h"

#include <algorithm>

namespace hsim::explorer {

double kernel_estimate_ps(const sim::KernelTrace& trace, const sim::PuSpec& pu,
                          const sim::DeviceSpec& device) {
  const double compute =
      static_cast<double>(trace.total_cycles()) * 1e12 / static_cast<double>(pu.clock);
  const double bytes = static_cast<double>(trace.total_bytes(sim::RecordKind::kLoad) +
                                           trace.total_bytes(sim::RecordKind::kStore));
  return std::max(compute, bytes * 1e12 / static_cast<double>(device.dram.bandwidth));
}

double conversion_ps(const sim::PuSpec& pu, sim::DType dtype, double elements) {
  const auto rate = pu.compute.find(dtype);
  const double per_cycle = rate != pu.compute.end() && rate->second.ops_per_cycle > 0
                               ? static_cast<double>(rate->second.ops_per_cycle)
                               : 1.0;
  return elements / per_cycle * 1e12 / static_cast<double>(pu.clock);
}

double output_elements(const sim::Network& net, const sim::Op& op) {
  double elements = 0;
  for (sim::TensorId t : op.outputs) elements += static_cast<double>(net.tensor(t).elements());
  return elements;
}

}  // namespace hsim::explorer
