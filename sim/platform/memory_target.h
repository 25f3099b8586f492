#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>
#include <vector>

#include "platform/bandwidth_resource.h"

namespace hsim::sim {

// A shared memory (DRAM or on-chip SRAM) as a TLM-2.0 target. Bursts are interleaved over
// `channels` by address (channel = address / interleave mod channels); each channel moves
// bandwidth / channels bytes per second, and every burst pays `latency` once as pipeline latency.
class MemoryTarget : public sc_core::sc_module, public StatsSource {
 public:
  tlm_utils::simple_target_socket<MemoryTarget> socket;

  MemoryTarget(sc_core::sc_module_name name, int64_t channels, BytesPerSecond bandwidth,
               Picoseconds latency, Bytes interleave);

  void reset(Picoseconds now);
  Bytes bytes_served() const;
  void collect_stats(std::vector<Stat>& out) const override;

 private:
  void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);

  std::vector<BandwidthResource> channels_;
  Picoseconds latency_;
  Bytes interleave_;
};

}  // namespace hsim::sim
