#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <vector>

#include "platform/bandwidth_resource.h"

namespace hsim::sim {

// A device's interconnect: any number of initiators (DMA engines, core ports, incoming links)
// bind to `targets_side`, and it routes each transaction by address to one of the targets bound
// to `initiators_side` (memories, outgoing links). It is one shared resource of the given
// bandwidth: bursts from all initiators take turns in request order (first come, first served),
// which is the arbitration that LT timing can express; the spec's arbitration is recorded.
class Interconnect : public sc_core::sc_module, public StatsSource {
 public:
  tlm_utils::multi_passthrough_target_socket<Interconnect> targets_side;
  tlm_utils::multi_passthrough_initiator_socket<Interconnect> initiators_side;

  Interconnect(sc_core::sc_module_name name, BytesPerSecond bandwidth, Picoseconds latency);

  // Transactions in [base, base + size) go to the target bound as the `port`-th binding of
  // initiators_side.
  void map(uint64_t base, uint64_t size, unsigned port);
  void reset(Picoseconds now);
  void collect_stats(std::vector<Stat>& out) const override;

 private:
  struct Route {
    uint64_t base;
    uint64_t size;
    unsigned port;
  };
  void b_transport(int id, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);

  BandwidthResource bus_;
  Picoseconds latency_;
  std::vector<Route> routes_;
};

}  // namespace hsim::sim
