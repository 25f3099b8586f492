#pragma once

#include <deque>
#include <string>
#include <memory>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <vector>

#include "platform/bandwidth_resource.h"
#include "platform/transfer_span.h"
#include "platform/transfer_timing.h"

namespace hsim::sim {

// The completion of one queued transfer: `done` turns true and `event` fires when the last byte
// has arrived.
struct TransferCompletion {
  bool done = false;
  Picoseconds finished = 0;
  sc_core::sc_event event;
};

// A DMA engine (or a core's own load/store port): `channels` independent channels, each taking
// queued transfers in order. A transfer pays the setup latency, then moves in bursts: a channel
// issues a burst, waits until every resource on the path has moved it (so concurrent initiators
// interleave burst by burst and share bandwidth evenly), then issues the next; the path's
// pipeline latency is paid once at the end. Closed form for a lone transfer of N bytes:
// setup + N / min(bandwidths on the path) + sum of path latencies (to within one burst's rounding).
class TransferEngine : public sc_core::sc_module, public StatsSource {
 public:
  tlm_utils::simple_initiator_socket<TransferEngine> socket;

  // bandwidth is per channel; 0 means the channel itself never limits.
  TransferEngine(sc_core::sc_module_name name, int64_t channels, BytesPerSecond bandwidth,
                 Picoseconds setup_latency, Bytes burst);

  std::shared_ptr<TransferCompletion> submit(Bytes bytes, uint64_t address, bool write);
  void reset(Picoseconds now);
  Bytes bytes_moved() const;
  // Every transfer of the current run, in completion order.
  const std::vector<TransferSpan>& spans() const { return spans_; }
  int64_t transactions() const;
  void collect_stats(std::vector<Stat>& out) const override;

 private:
  struct Job {
    Bytes bytes;
    uint64_t address;
    bool write;
    std::shared_ptr<TransferCompletion> completion;
  };
  struct Channel {
    std::deque<Job> queue;
    sc_core::sc_event wake;
    bool busy = false;
    std::unique_ptr<BandwidthResource> rate;  // null when unlimited
    tlm::tlm_generic_payload payload;
    TransferTiming timing;
    Bytes bytes = 0;
    int64_t bursts = 0;
    // The payload would delete its extensions; `timing` is a member, so detach it first.
    ~Channel() { payload.clear_extension(&timing); }
  };

  void run_channel(size_t index);
  void move(Channel& channel, size_t index, const Job& job);

  std::vector<std::unique_ptr<Channel>> channels_;
  std::vector<TransferSpan> spans_;
  Picoseconds setup_latency_;
  Bytes burst_;
};

}  // namespace hsim::sim
