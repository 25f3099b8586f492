#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "platform/bandwidth_resource.h"

namespace hsim::sim {

// A full-duplex point-to-point link between two devices (e.g. Ethernet between boards). A
// transaction entering on side A's target socket crosses the A->B direction (bandwidth, latency)
// and continues into device B's interconnect at the same address offset, i.e. into B's memory;
// and symmetrically. Each direction is its own shared resource.
class DeviceLink : public sc_core::sc_module, public StatsSource {
 public:
  tlm_utils::simple_target_socket<DeviceLink> from_a;
  tlm_utils::simple_target_socket<DeviceLink> from_b;
  tlm_utils::simple_initiator_socket<DeviceLink> to_a;
  tlm_utils::simple_initiator_socket<DeviceLink> to_b;

  DeviceLink(sc_core::sc_module_name name, BytesPerSecond bandwidth, Picoseconds latency);

  void reset(Picoseconds now);
  Bytes bytes_moved() const { return a_to_b_.bytes_moved() + b_to_a_.bytes_moved(); }
  void collect_stats(std::vector<Stat>& out) const override;

 private:
  void b_transport_from_a(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  void b_transport_from_b(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  void cross(BandwidthResource& direction, tlm_utils::simple_initiator_socket<DeviceLink>& out,
             tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);

  BandwidthResource a_to_b_;
  BandwidthResource b_to_a_;
  Picoseconds latency_;
};

}  // namespace hsim::sim
