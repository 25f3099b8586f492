// The SystemC platform against closed forms. Each test elaborates its own platform, which
// SystemC allows once per process: ctest runs every test in its own process; run directly, all
// but the first platform test of a process skip themselves.
#include <gtest/gtest.h>

#include <cmath>

#include "platform/platform.h"
#include "support/fresh_systemc.h"
#include "support/test_boards.h"

using namespace hsim::sim;
using hsim::testing::compute;
using hsim::testing::kGBps;
using hsim::testing::kNs;
using hsim::testing::load;
using hsim::testing::store;
using hsim::testing::TestBoard;
using hsim::testing::wait_tag;

namespace {

KernelTrace trace_of(std::vector<TraceRecord> records, const std::string& name = "k") {
  KernelTrace t;
  t.name = name;
  t.records = std::move(records);
  return t;
}

double stat(const RunResult& result, const std::string& name) {
  for (const auto& s : result.stats)
    if (s.name == name) return s.value;
  ADD_FAILURE() << "no stat " << name;
  return -1;
}

// Per-burst rounding: each burst's duration is rounded up to a whole picosecond.
constexpr Picoseconds kRounding = 1000;

}  // namespace

TEST(PlatformTiming, LoneTransferTakesLatencyPlusSizeOverBandwidth) {
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.dram_bandwidth = 10 * kGBps;
  spec.dram_latency = 100 * kNs;
  spec.bus_latency = 20 * kNs;
  Platform platform(spec.build());
  const Bytes n = 1 << 20;
  const KernelTrace t = trace_of({load(n)});
  const RunResult r = platform.run({{0, {&t}}});
  // 1 MiB at 10 GB/s = 104,857.6 ns, plus DRAM and bus latency once.
  const Picoseconds expected = n * 1000 / 10 + 100 * kNs + 20 * kNs;
  EXPECT_NEAR(static_cast<double>(r.latency), static_cast<double>(expected), kRounding);
  EXPECT_EQ(r.dram_bytes, n);
}

TEST(PlatformTiming, DmaSetupLatencyAndSlowestHopBound) {
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.cpu_cores = 0;
  spec.npu_cores = 1;
  spec.dma_bandwidth = 4 * kGBps;  // the DMA channel is now the slowest hop
  spec.dma_setup = 500 * kNs;
  spec.dram_latency = 0;
  Platform platform(spec.build());
  const Bytes n = 400'000;
  const KernelTrace t = trace_of({load(n)});
  const RunResult r = platform.run({{0, {&t}}});
  EXPECT_NEAR(static_cast<double>(r.latency), 500.0 * kNs + n * 1000.0 / 4, kRounding);
}

TEST(PlatformTiming, ConcurrentInitiatorsShareBandwidthAndFinishTogether) {
  REQUIRE_FRESH_SYSTEMC();
  const int k = 4;
  TestBoard spec;
  spec.cpu_cores = k;
  spec.dram_latency = 0;
  Platform platform(spec.build());
  const Bytes n = 1 << 20;
  const KernelTrace t = trace_of({load(n)});
  std::vector<CoreProgram> programs;
  for (int c = 0; c < k; ++c) programs.push_back({static_cast<size_t>(c), {&t}});
  const RunResult r = platform.run(programs);
  // The k streams take turns burst by burst on the 10 GB/s DRAM (burst time T = 4096 B / 10 GB/s
  // = 409.6 ns): each gets 1/k of the bandwidth, and stream c's last burst is slot
  // k * (n / 4096 - 1) + c, so it finishes at (k (n/4096 - 1) + c + 1) T: all within k bursts of
  // k * n / bandwidth.
  const Picoseconds burst_time = 409'600;
  const int64_t bursts = n / 4096;
  for (int c = 0; c < k; ++c)
    EXPECT_EQ(r.core_finish[c], (k * (bursts - 1) + c + 1) * burst_time) << c;
  EXPECT_EQ(r.latency, k * n * 100);  // k * n bytes at 10 GB/s = 0.1 ns per byte
  EXPECT_EQ(r.dram_bytes, k * n);
}

TEST(PlatformTiming, ComputeOnlyTraceTakesCyclesOverClock) {
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.clock = 1'200'000'000;  // 1.2 GHz: 833.33 ps per cycle
  Platform platform(spec.build());
  const KernelTrace t = trace_of({compute(1'000'000), compute(2'000'000)});
  const KernelTrace u = trace_of({compute(600)});
  const RunResult r = platform.run({{0, {&t, &u}}});
  EXPECT_NEAR(static_cast<double>(r.latency), 3'000'600 / 1.2e9 * 1e12, 2);
  ASSERT_EQ(r.kernel_ends[0].size(), 2u);
  EXPECT_NEAR(static_cast<double>(r.kernel_ends[0][0]), 3e6 / 1.2e9 * 1e12, 1);
  EXPECT_EQ(r.dram_bytes, 0);
}

// Tiles of `tile` bytes, each needing `cycles`: load tile i+1 while computing tile i.
KernelTrace double_buffered(int tiles, Bytes tile, int64_t cycles) {
  std::vector<TraceRecord> records = {load(tile, true, "t0")};
  for (int i = 0; i < tiles; ++i) {
    records.push_back(wait_tag("t" + std::to_string(i)));
    if (i + 1 < tiles) records.push_back(load(tile, true, "t" + std::to_string(i + 1)));
    records.push_back(compute(cycles));
  }
  return trace_of(records);
}

TEST(PlatformTiming, DoubleBufferingHidesTransfersOfComputeBoundKernels) {
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.cpu_cores = 0;
  spec.npu_cores = 1;
  spec.dram_latency = 0;
  Platform platform(spec.build());
  // Tile load: 64 KiB at 10 GB/s = 6,553.6 ns; compute: 20,000 cycles at 1 GHz = 20,000 ns.
  const int tiles = 16;
  const KernelTrace t = double_buffered(tiles, 64 * 1024, 20'000);
  const RunResult r = platform.run({{0, {&t}}});
  const double expected = 65536 * 1000.0 / 10 + tiles * 20'000.0 * kNs;
  EXPECT_NEAR(static_cast<double>(r.latency), expected, tiles * kRounding);
}

TEST(PlatformTiming, DoubleBufferedMemoryBoundKernelRunsAtDramSpeed) {
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.cpu_cores = 0;
  spec.npu_cores = 1;
  spec.dram_latency = 0;
  Platform platform(spec.build());
  // Compute per tile (1,000 ns) is far below the tile load (6,553.6 ns): the DRAM streams
  // without gaps and the last compute follows the last load.
  const int tiles = 16;
  const KernelTrace t = double_buffered(tiles, 64 * 1024, 1'000);
  const RunResult r = platform.run({{0, {&t}}});
  const double expected = tiles * 65536 * 1000.0 / 10 + 1'000.0 * kNs;
  EXPECT_NEAR(static_cast<double>(r.latency), expected, tiles * kRounding);
}

TEST(PlatformTiming, BytesAreConservedFromDmaToMemory) {
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.cpu_cores = 2;
  spec.npu_cores = 2;
  spec.dma_channels = 3;
  spec.dram_channels = 4;
  Platform platform(spec.build());
  const KernelTrace a = trace_of({load(300'001), compute(10), store(77'777)});
  const KernelTrace b = trace_of({load(5, true, "x"), store(123'456), wait_tag("x")});
  const RunResult r = platform.run({{0, {&a, &b}}, {1, {&b}}, {2, {&a}}, {3, {&a, &a}}});
  const double moved =
      stat(r, "soc.dma.bytes") + stat(r, "soc.cpu0_port.bytes") + stat(r, "soc.cpu1_port.bytes");
  double served = 0;
  for (int c = 0; c < 4; ++c) served += stat(r, "soc.dram.ch" + std::to_string(c) + ".bytes");
  const double expected = 4 * (300'001 + 77'777) + 2 * (5 + 123'456);
  EXPECT_EQ(moved, expected);
  EXPECT_EQ(served, expected);
  EXPECT_EQ(stat(r, "soc.interconnect.bus.bytes"), expected);
  EXPECT_EQ(r.dram_bytes, static_cast<Bytes>(expected));
}

TEST(PlatformTiming, LinkTransferCostsLinkLatencyPlusSizeOverLinkBandwidth) {
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.devices = 2;
  spec.dram_latency = 0;
  Platform platform(spec.build());
  TraceRecord remote = load(1'000'000);
  remote.from = MemoryLevel::kLink;
  const KernelTrace t = trace_of({remote});
  const auto core = platform.find_core("dev0.cpu0");
  ASSERT_TRUE(core);
  const RunResult r = platform.run({{*core, {&t}}});
  // 1 MB over 125 MB/s (1 GbE) = 8 ms, plus 50 us latency; the remote DRAM is far faster.
  EXPECT_NEAR(static_cast<double>(r.latency), 8e9 + 50'000.0 * kNs, kRounding);
  EXPECT_EQ(r.link_bytes, 1'000'000);
}

TEST(PlatformTiming, RepeatedRunsInOneProcessGiveIdenticalResults) {
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.cpu_cores = 2;
  spec.npu_cores = 1;
  Platform platform(spec.build());
  const KernelTrace a = double_buffered(8, 100'000, 3'000);
  const KernelTrace b = trace_of({load(2'000'000), compute(5'000), store(1'000'000)});
  const std::vector<CoreProgram> programs = {{0, {&b}}, {1, {&b, &b}}, {2, {&a}}};
  const RunResult first = platform.run(programs);
  const RunResult other = platform.run({{0, {&a}}});
  const RunResult again = platform.run(programs);
  EXPECT_GT(first.latency, 0);
  EXPECT_NE(other.latency, first.latency);
  EXPECT_EQ(again.latency, first.latency);
  EXPECT_EQ(again.core_finish, first.core_finish);
  EXPECT_EQ(again.energy, first.energy);
  ASSERT_EQ(again.stats.size(), first.stats.size());
  for (size_t i = 0; i < first.stats.size(); ++i)
    EXPECT_EQ(again.stats[i].value, first.stats[i].value) << first.stats[i].name;
}

TEST(PlatformTiming, SignalAndWaitOrderCoresAcrossThePlatform) {
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.cpu_cores = 2;
  Platform platform(spec.build());
  TraceRecord signal;
  signal.kind = RecordKind::kSignal;
  signal.event = "ready";
  TraceRecord wait;
  wait.kind = RecordKind::kWait;
  wait.event = "ready";
  const KernelTrace producer = trace_of({compute(10'000), signal});
  const KernelTrace consumer = trace_of({wait, compute(5'000)});
  const RunResult r = platform.run({{0, {&producer}}, {1, {&consumer}}});
  EXPECT_EQ(r.core_finish[0], 10'000 * kNs);
  EXPECT_EQ(r.core_finish[1], 15'000 * kNs);
  EXPECT_EQ(r.kernel_ends[1], std::vector<Picoseconds>{15'000 * kNs});
}
