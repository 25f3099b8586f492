#include "graph/network_summary.h"

namespace hsim::sim {

NetworkSummary summarize(const Network& net) {
  NetworkSummary s;
  for (const Op& op : net.ops()) {
    ++s.op_count;
    ++s.ops_by_type[op.type];
    s.view_ops += op.cost.is_view ? 1 : 0;
    s.unmodelled_ops += op.cost.is_modelled ? 0 : 1;
    s.macs += op.cost.macs;
    s.flops += op.cost.flops;
    s.traffic_bytes += op.cost.weight_bytes + op.cost.input_bytes + op.cost.output_bytes;
  }
  for (const Tensor& t : net.tensors()) {
    if (t.role == TensorRole::kWeight) {
      s.parameters += t.elements();
      s.weight_bytes += t.bytes();
    } else if (!t.is_fixed()) {
      s.activation_bytes += t.bytes();
    }
    if (t.role == TensorRole::kGraphInput) s.input_bytes += t.bytes();
    if (t.is_graph_output) s.output_bytes += t.bytes();
  }
  return s;
}

}  // namespace hsim::sim
