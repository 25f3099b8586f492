#pragma once

#include <string>
#include <vector>

#include "board/board_spec.h"
#include "platform/stats.h"

namespace hsim::sim {

// A shared resource that moves bytes at a fixed bandwidth, one transfer at a time, in order of
// request (the loosely-timed contention model of DESIGN.md): a request arriving at `arrival`
// starts when the resource is free, occupies it for bytes / bandwidth, and the wait before the
// start is queueing delay. Concurrent initiators that request burst by burst therefore share it
// evenly. Plain C++ so it can be tested and reasoned about without SystemC.
class BandwidthResource : public StatsSource {
 public:
  struct Grant {
    Picoseconds start = 0;
    Picoseconds end = 0;
  };

  BandwidthResource(std::string name, BytesPerSecond bandwidth);

  Grant reserve(Picoseconds arrival, Bytes bytes);
  // Forget all reservations and statistics; the next run starts at `now`.
  void reset(Picoseconds now);

  Picoseconds transfer_time(Bytes bytes) const;
  const std::string& name() const { return name_; }
  Bytes bytes_moved() const { return bytes_; }
  Picoseconds busy_time() const { return busy_; }
  int64_t transactions() const { return transactions_; }
  void collect_stats(std::vector<Stat>& out) const override;

 private:
  std::string name_;
  BytesPerSecond bandwidth_;
  Picoseconds free_at_ = 0;
  Picoseconds busy_ = 0;
  Picoseconds queueing_ = 0;
  Bytes bytes_ = 0;
  int64_t transactions_ = 0;
};

}  // namespace hsim::sim
