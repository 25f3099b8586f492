#include "platform/bandwidth_resource.h"

#include <algorithm>

#include "common/mul_div.h"

namespace hsim::sim {

BandwidthResource::BandwidthResource(std::string name, BytesPerSecond bandwidth)
    : name_(std::move(name)), bandwidth_(bandwidth) {}

Picoseconds BandwidthResource::transfer_time(Bytes bytes) const {
  return mul_div_ceil(bytes, 1'000'000'000'000, bandwidth_);
}

BandwidthResource::Grant BandwidthResource::reserve(Picoseconds arrival, Bytes bytes) {
  const Picoseconds start = std::max(arrival, free_at_);
  const Picoseconds duration = transfer_time(bytes);
  free_at_ = start + duration;
  busy_ += duration;
  queueing_ += start - arrival;
  bytes_ += bytes;
  ++transactions_;
  return {start, free_at_};
}

void BandwidthResource::reset(Picoseconds now) {
  free_at_ = now;
  busy_ = queueing_ = 0;
  bytes_ = 0;
  transactions_ = 0;
}

void BandwidthResource::collect_stats(std::vector<Stat>& out) const {
  out.push_back({name_ + ".bytes", static_cast<double>(bytes_), "B", "bytes moved"});
  out.push_back({name_ + ".transactions", static_cast<double>(transactions_), "count",
                 "bursts served"});
  out.push_back({name_ + ".busy", static_cast<double>(busy_), "ps", "time spent moving data"});
  out.push_back({name_ + ".queueing", static_cast<double>(queueing_), "ps",
                 "summed wait of requests for the resource"});
}

}  // namespace hsim::sim
