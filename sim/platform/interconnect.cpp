#include "platform/interconnect.h"

#include <algorithm>

#include "platform/sc_time_ps.h"
#include "platform/transfer_timing.h"

namespace hsim::sim {

Interconnect::Interconnect(sc_core::sc_module_name name, BytesPerSecond bandwidth,
                           Picoseconds latency)
    : sc_module(name),
      targets_side("targets_side"),
      initiators_side("initiators_side"),
      bus_(std::string(this->name()) + ".bus", bandwidth),
      latency_(latency) {
  targets_side.register_b_transport(this, &Interconnect::b_transport);
}

void Interconnect::map(uint64_t base, uint64_t size, unsigned port) {
  routes_.push_back({base, size, port});
}

void Interconnect::b_transport(int, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const uint64_t address = trans.get_address();
  const auto route = std::find_if(routes_.begin(), routes_.end(), [&](const Route& r) {
    return address >= r.base && address - r.base < r.size;
  });
  if (route == routes_.end()) {
    trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const Picoseconds now = now_ps();
  // Cut-through: the burst enters the target when it gets the bus; it is done when both have
  // moved it.
  const auto grant = bus_.reserve(now + sc_to_ps(delay), trans.get_data_length());
  if (auto* timing = trans.get_extension<TransferTiming>()) timing->latency += latency_;
  delay = ps_to_sc(grant.start - now);
  trans.set_address(address - route->base);
  initiators_side[route->port]->b_transport(trans, delay);
  trans.set_address(address);
  delay = std::max(delay, ps_to_sc(grant.end - now));
}

void Interconnect::reset(Picoseconds now) { bus_.reset(now); }

void Interconnect::collect_stats(std::vector<Stat>& out) const { bus_.collect_stats(out); }

}  // namespace hsim::sim
