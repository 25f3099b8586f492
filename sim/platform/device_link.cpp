#include "platform/device_link.h"

#include <algorithm>

#include "platform/sc_time_ps.h"
#include "platform/transfer_timing.h"

namespace hsim::sim {

DeviceLink::DeviceLink(sc_core::sc_module_name name, BytesPerSecond bandwidth,
                       Picoseconds latency)
    : sc_module(name),
      from_a("from_a"),
      from_b("from_b"),
      to_a("to_a"),
      to_b("to_b"),
      a_to_b_(std::string(this->name()) + ".a_to_b", bandwidth),
      b_to_a_(std::string(this->name()) + ".b_to_a", bandwidth),
      latency_(latency) {
  from_a.register_b_transport(this, &DeviceLink::b_transport_from_a);
  from_b.register_b_transport(this, &DeviceLink::b_transport_from_b);
}

void DeviceLink::b_transport_from_a(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  cross(a_to_b_, to_b, trans, delay);
}

void DeviceLink::b_transport_from_b(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  cross(b_to_a_, to_a, trans, delay);
}

void DeviceLink::cross(BandwidthResource& direction,
                       tlm_utils::simple_initiator_socket<DeviceLink>& out,
                       tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const Picoseconds now = now_ps();
  const auto grant = direction.reserve(now + sc_to_ps(delay), trans.get_data_length());
  if (auto* timing = trans.get_extension<TransferTiming>()) timing->latency += latency_;
  delay = ps_to_sc(grant.start - now);
  out->b_transport(trans, delay);
  delay = std::max(delay, ps_to_sc(grant.end - now));
}

void DeviceLink::reset(Picoseconds now) {
  a_to_b_.reset(now);
  b_to_a_.reset(now);
}

void DeviceLink::collect_stats(std::vector<Stat>& out) const {
  a_to_b_.collect_stats(out);
  b_to_a_.collect_stats(out);
}

}  // namespace hsim::sim
