#pragma once

// Boards and traces built in code for platform tests, with round numbers so closed forms are
// easy to write down: 1 GB/s moves 1 byte per ns.
#include "board/board_spec.h"
#include "trace/kernel_trace.h"

namespace hsim::testing {

inline constexpr sim::BytesPerSecond kGBps = 1'000'000'000;
inline constexpr sim::Picoseconds kNs = 1000;

// One device "soc": `cpu_cores` CPU cores with their own ports, `npu_cores` NPU cores fed by one
// DMA engine with `dma_channels` channels; DRAM of `dram_bandwidth`, one channel unless set.
struct TestBoard {
  int64_t cpu_cores = 1;
  int64_t npu_cores = 0;
  int64_t dma_channels = 1;
  sim::BytesPerSecond dram_bandwidth = 10 * kGBps;
  int64_t dram_channels = 1;
  sim::Picoseconds dram_latency = 100 * kNs;
  sim::BytesPerSecond bus_bandwidth = 100 * kGBps;
  sim::Picoseconds bus_latency = 0;
  sim::BytesPerSecond dma_bandwidth = 50 * kGBps;
  sim::Picoseconds dma_setup = 0;
  sim::Bytes burst = 4096;
  sim::Hertz clock = 1'000'000'000;
  int devices = 1;  // >1: copies "dev0", "dev1"... linked in a chain
  sim::BytesPerSecond link_bandwidth = 125'000'000;
  sim::Picoseconds link_latency = 50'000 * kNs;

  sim::BoardSpec build() const;
};

sim::TraceRecord load(sim::Bytes bytes, bool async = false, const std::string& tag = "");
sim::TraceRecord store(sim::Bytes bytes, bool async = false, const std::string& tag = "");
sim::TraceRecord compute(int64_t cycles);
sim::TraceRecord wait_tag(const std::string& tag);

}  // namespace hsim::testing
