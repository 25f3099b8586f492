#include "platform/transfer_engine.h"

#include <algorithm>

#include "platform/sc_time_ps.h"

namespace hsim::sim {

namespace {
// Targets never touch payload data (hsim moves sizes, not values); TLM still wants a pointer.
unsigned char g_no_data[1];
}  // namespace

TransferEngine::TransferEngine(sc_core::sc_module_name name, int64_t channels,
                               BytesPerSecond bandwidth, Picoseconds setup_latency, Bytes burst)
    : sc_module(name), socket("socket"), setup_latency_(setup_latency), burst_(burst) {
  for (int64_t c = 0; c < channels; ++c) {
    auto channel = std::make_unique<Channel>();
    if (bandwidth > 0)
      channel->rate = std::make_unique<BandwidthResource>(
          std::string(this->name()) + ".ch" + std::to_string(c), bandwidth);
    channel->payload.set_data_ptr(g_no_data);
    channel->payload.set_streaming_width(0);
    channel->payload.set_byte_enable_ptr(nullptr);
    channel->payload.set_dmi_allowed(false);
    channel->payload.set_extension(&channel->timing);
    channels_.push_back(std::move(channel));
    sc_core::sc_spawn([this, c] { run_channel(static_cast<size_t>(c)); },
                      sc_core::sc_gen_unique_name("channel"));
  }
}

std::shared_ptr<TransferCompletion> TransferEngine::submit(Bytes bytes, uint64_t address,
                                                           bool write) {
  auto completion = std::make_shared<TransferCompletion>();
  // The channel with the least queued work takes it; ties go to the lowest index.
  auto load = [](const std::unique_ptr<Channel>& c) { return c->queue.size() + (c->busy ? 1 : 0); };
  auto& channel = **std::min_element(channels_.begin(), channels_.end(),
                                     [&](const auto& a, const auto& b) { return load(a) < load(b); });
  channel.queue.push_back({bytes, address, write, completion});
  channel.wake.notify(sc_core::SC_ZERO_TIME);
  return completion;
}

void TransferEngine::run_channel(size_t index) {
  Channel& channel = *channels_[index];
  while (true) {
    if (channel.queue.empty()) {
      sc_core::wait(channel.wake);
      continue;
    }
    channel.busy = true;
    Job job = std::move(channel.queue.front());
    channel.queue.pop_front();
    move(channel, index, job);
    job.completion->done = true;
    job.completion->finished = now_ps();
    job.completion->event.notify();
    channel.busy = false;
  }
}

void TransferEngine::move(Channel& channel, size_t index, const Job& job) {
  if (setup_latency_ > 0) sc_core::wait(ps_to_sc(setup_latency_));
  const Picoseconds started = now_ps();
  auto& payload = channel.payload;
  payload.set_command(job.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  Picoseconds latency = 0;
  for (Bytes offset = 0; offset < job.bytes; offset += burst_) {
    const Bytes size = std::min(burst_, job.bytes - offset);
    const Picoseconds now = now_ps();
    Picoseconds issue = now;
    Picoseconds own_end = now;
    if (channel.rate) {
      const auto grant = channel.rate->reserve(now, size);
      issue = grant.start;
      own_end = grant.end;
    }
    payload.set_address(job.address + static_cast<uint64_t>(offset));
    payload.set_data_length(static_cast<unsigned>(size));
    payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    channel.timing.latency = 0;
    sc_core::sc_time delay = ps_to_sc(issue - now);
    socket->b_transport(payload, delay);
    if (payload.get_response_status() != tlm::TLM_OK_RESPONSE)
      SC_REPORT_ERROR(name(), "transfer to an unmapped address");
    const Picoseconds end = std::max(now + sc_to_ps(delay), own_end);
    latency = channel.timing.latency;
    channel.bytes += size;
    ++channel.bursts;
    if (end > now) sc_core::wait(ps_to_sc(end - now));
  }
  if (latency > 0) sc_core::wait(ps_to_sc(latency));
  spans_.push_back({name(), static_cast<int64_t>(index), started, now_ps(), job.bytes, job.write});
}

void TransferEngine::reset(Picoseconds now) {
  spans_.clear();
  for (auto& channel : channels_) {
    if (channel->rate) channel->rate->reset(now);
    channel->bytes = 0;
    channel->bursts = 0;
  }
}

Bytes TransferEngine::bytes_moved() const {
  Bytes sum = 0;
  for (const auto& channel : channels_) sum += channel->bytes;
  return sum;
}

int64_t TransferEngine::transactions() const {
  int64_t sum = 0;
  for (const auto& channel : channels_) sum += channel->bursts;
  return sum;
}

void TransferEngine::collect_stats(std::vector<Stat>& out) const {
  const std::string prefix = name();
  out.push_back({prefix + ".bytes", static_cast<double>(bytes_moved()), "B", "bytes moved"});
  out.push_back({prefix + ".transactions", static_cast<double>(transactions()), "count",
                 "bursts issued"});
  for (const auto& channel : channels_)
    if (channel->rate) channel->rate->collect_stats(out);
}

}  // namespace hsim::sim
