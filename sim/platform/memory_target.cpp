#include "platform/memory_target.h"

#include "platform/sc_time_ps.h"
#include "platform/transfer_timing.h"

namespace hsim::sim {

MemoryTarget::MemoryTarget(sc_core::sc_module_name name, int64_t channels,
                           BytesPerSecond bandwidth, Picoseconds latency, Bytes interleave)
    : sc_module(name), socket("socket"), latency_(latency), interleave_(interleave) {
  for (int64_t c = 0; c < channels; ++c)
    channels_.emplace_back(std::string(this->name()) + ".ch" + std::to_string(c),
                           bandwidth / channels);
  socket.register_b_transport(this, &MemoryTarget::b_transport);
}

void MemoryTarget::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const Picoseconds now = now_ps();
  const auto channel = (trans.get_address() / static_cast<uint64_t>(interleave_)) % channels_.size();
  const auto grant = channels_[channel].reserve(now + sc_to_ps(delay), trans.get_data_length());
  delay = ps_to_sc(grant.end - now);
  if (auto* timing = trans.get_extension<TransferTiming>()) timing->latency += latency_;
  trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

void MemoryTarget::reset(Picoseconds now) {
  for (auto& channel : channels_) channel.reset(now);
}

Bytes MemoryTarget::bytes_served() const {
  Bytes sum = 0;
  for (const auto& channel : channels_) sum += channel.bytes_moved();
  return sum;
}

void MemoryTarget::collect_stats(std::vector<Stat>& out) const {
  for (const auto& channel : channels_) channel.collect_stats(out);
}

}  // namespace hsim::sim
