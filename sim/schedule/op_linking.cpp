#include "schedule/op_linking.h"

#include <algorithm>
#include <set>

namespace hsim::sim {

namespace {

// The tensor chain[k] hands to chain[k+1] (its first output that the next op reads).
TensorId handed_over(const Network& net, OpId producer, OpId consumer) {
  for (TensorId out : net.op(producer).outputs)
    for (TensorId in : net.op(consumer).inputs)
      if (in == out) return out;
  return kNoTensor;
}

bool read_only_by(const Network& net, TensorId tensor, OpId consumer) {
  const Tensor& t = net.tensor(tensor);
  if (t.is_graph_output) return false;
  return std::all_of(t.consumers.begin(), t.consumers.end(),
                     [&](OpId c) { return c == consumer; });
}

void drop_transfers(KernelTrace& trace, RecordKind kind, TransferRole role, double keep) {
  std::set<std::string> dropped;
  std::vector<TraceRecord> kept;
  for (TraceRecord r : trace.records) {
    if (r.kind == kind && r.role == role) {
      r.bytes = static_cast<Bytes>(static_cast<double>(r.bytes) * keep + 0.5);
      if (r.bytes == 0) {
        if (!r.tag.empty()) dropped.insert(r.tag);
        continue;
      }
    }
    kept.push_back(std::move(r));
  }
  kept.erase(std::remove_if(kept.begin(), kept.end(),
                            [&](const TraceRecord& r) {
                              return r.kind == RecordKind::kWait && dropped.count(r.tag);
                            }),
             kept.end());
  trace.records = std::move(kept);
}

}  // namespace

std::string chain_problem(const Network& net, const std::vector<OpId>& chain) {
  for (size_t k = 0; k + 1 < chain.size(); ++k)
    if (handed_over(net, chain[k], chain[k + 1]) == kNoTensor)
      return "op '" + net.op(chain[k + 1]).name + "' does not read the output of '" +
             net.op(chain[k]).name + "': a linked chain must feed each op to the next";
  return "";
}

Bytes link_capacity(const PuSpec& pu) {
  if (pu.local_sram > 0) return pu.local_sram;
  return pu.caches.empty() ? 0 : pu.caches.back().size;
}

std::vector<LinkOutcome> link_chain(const Network& net, const std::vector<OpId>& chain,
                                    const PuSpec& pu, DType dtype,
                                    std::vector<KernelTrace>& traces) {
  std::vector<LinkOutcome> outcomes(chain.size(), LinkOutcome::kNotLinked);
  for (size_t k = 0; k + 1 < chain.size(); ++k) {
    const TensorId tensor = handed_over(net, chain[k], chain[k + 1]);
    const Bytes bytes = net.tensor(tensor).elements() * dtype_bytes(dtype);
    if (bytes > link_capacity(pu)) {
      outcomes[k] = LinkOutcome::kSpilled;
      continue;
    }
    outcomes[k] = LinkOutcome::kLinked;
    if (read_only_by(net, tensor, chain[k + 1]))
      drop_transfers(traces[k], RecordKind::kStore, TransferRole::kOutput, 0.0);
    // The linked tensor's share of everything the consumer reads as activations.
    Bytes activations = 0;
    for (TensorId in : net.op(chain[k + 1]).inputs)
      if (in != kNoTensor && !net.tensor(in).is_fixed()) activations += net.tensor(in).elements();
    const double linked_share =
        activations > 0 ? static_cast<double>(net.tensor(tensor).elements()) / static_cast<double>(activations) : 0;
    drop_transfers(traces[k + 1], RecordKind::kLoad, TransferRole::kInput, 1.0 - linked_share);
  }
  return outcomes;
}

}  // namespace hsim::sim
