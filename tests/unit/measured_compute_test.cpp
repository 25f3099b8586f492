// Measured profiles replacing the kernel models' compute time in the runtime.
#include "kernels/measured_compute.h"

#include <gtest/gtest.h>

#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "profile/op_signature.h"
#include "profile/profile_times.h"
#include "schedule/schedule_runner.h"
#include "support/fresh_systemc.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim::sim;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::TestBoard;

namespace {

KernelTrace trace_with(std::vector<int64_t> cycles) {
  KernelTrace t;
  for (int64_t c : cycles) {
    TraceRecord r;
    r.kind = RecordKind::kCompute;
    r.cycles = c;
    t.records.push_back(r);
    TraceRecord load;
    load.kind = RecordKind::kLoad;
    load.bytes = 64;
    t.records.push_back(load);
  }
  return t;
}

// x[1,256,1024] -> Sigmoid "a" -> Tanh "b": 2^18 elements each.
LoadedNetwork chain() {
  OnnxModelBuilder b;
  b.input("x", {1, 256, 1024}).output("y");
  b.node("Sigmoid", {"x"}, {"h"}, "a");
  b.node("Tanh", {"h"}, {"y"}, "b");
  return load_onnx_bytes(b.bytes(), "chain.onnx");
}

// x[1,256,1024] -> Sigmoid "a": one op.
LoadedNetwork single() {
  OnnxModelBuilder b;
  b.input("x", {1, 256, 1024}).output("y");
  b.node("Sigmoid", {"x"}, {"y"}, "a");
  return load_onnx_bytes(b.bytes(), "single.onnx");
}

// Memory far faster than anything computed, no latencies, 1 GHz: a cycle is a nanosecond and
// data movement costs next to nothing.
BoardSpec fast_memory_board(int64_t cores = 1) {
  TestBoard spec;
  spec.cpu_cores = cores;
  spec.dram_bandwidth = 100'000 * hsim::testing::kGBps;
  spec.bus_bandwidth = 100'000 * hsim::testing::kGBps;
  spec.dram_latency = 0;
  return spec.build();
}

ScheduledTask task(std::vector<std::string> ops) {
  ScheduledTask t;
  t.ops = std::move(ops);
  t.pu = "cpu";
  return t;
}

ProfileEntry entry(const std::string& signature, std::map<int, Picoseconds> times) {
  ProfileEntry e;
  e.signature = signature;
  e.times = std::move(times);
  return e;
}

}  // namespace

TEST(MeasuredCompute, RescalingKeepsSharesAndSumsExactly) {
  KernelTrace a = trace_with({100, 300}), b = trace_with({600});
  set_compute_cycles({&a, &b}, 1001);
  // Shares 0.1, 0.3, 0.6 of 1001 = 100.1, 300.3, 600.6: floors 100, 300, 600, the spare cycle to
  // the largest remainder (600.6).
  EXPECT_EQ(a.records[0].cycles, 100);
  EXPECT_EQ(a.records[2].cycles, 300);
  EXPECT_EQ(b.records[0].cycles, 601);
  EXPECT_EQ(a.total_bytes(RecordKind::kLoad), 128);  // data movement untouched
  KernelTrace empty;
  set_compute_cycles({&empty}, 42);
  EXPECT_EQ(empty.total_cycles(), 42);
}

TEST(MeasuredCompute, ASingleOpTakesExactlyItsMeasuredTime) {
  REQUIRE_FRESH_SYSTEMC();
  const LoadedNetwork net = single();
  Platform platform(fast_memory_board());
  ScheduleRunner runner(net.network, platform);
  MeasuredProfile profile;
  profile.entries = {entry(op_signature(net.network, net.network.op(0)), {{1, 123'456'000}})};
  const ProfileTimes times(profile);
  runner.set_measured_compute(&times);
  const ScheduleResult r = runner.run({"test", {task({"a"})}, 1}, "one op");
  ASSERT_EQ(r.ops.size(), 1u);
  // 123.456 us at 1 GHz is 123,456 cycles: the compute is exactly the measured time.
  EXPECT_EQ(r.ops[0].compute, 123'456'000);
  // The 1 MiB in and out at 100 TB/s add about 21 ns; nothing else is modelled.
  EXPECT_GE(r.run.latency, 123'456'000);
  EXPECT_LE(r.run.latency, 123'456'000 + 100'000);
}

TEST(MeasuredCompute, UnmeasuredOpsKeepTheModelAndChainsUseTheirGroupTime) {
  REQUIRE_FRESH_SYSTEMC();
  const LoadedNetwork net = chain();
  Platform platform(fast_memory_board());
  ScheduleRunner runner(net.network, platform);
  const ScheduleResult modelled = runner.run({"test", {task({"a"}), task({"b"})}, 1}, "model");
  MeasuredProfile profile;
  profile.entries = {entry(op_signature(net.network, net.network.op(0)), {{1, 5'000'000}}),
                     entry(group_signature(net.network, {0, 1}), {{1, 7'000'000}})};
  const ProfileTimes times(profile);
  runner.set_measured_compute(&times);
  const ScheduleResult apart = runner.run({"test", {task({"a"}), task({"b"})}, 1}, "apart");
  EXPECT_EQ(apart.ops[0].compute, 5'000'000);
  EXPECT_EQ(apart.ops[1].compute, modelled.ops[1].compute);  // Tanh is not in the profile
  const ScheduleResult linked = runner.run({"test", {task({"a", "b"})}, 1}, "linked");
  ASSERT_EQ(linked.ops.size(), 2u);
  EXPECT_EQ(linked.ops[0].compute + linked.ops[1].compute, 7'000'000);
}

TEST(MeasuredCompute, SplitShardsUseTheThreadCountOfTheSplit) {
  REQUIRE_FRESH_SYSTEMC();
  OnnxModelBuilder b;
  b.input("x", {1, 64, 32, 32}).weight("w", {64, 64, 1, 1}).output("y");
  b.node("Conv", {"x", "w"}, {"y"}, "conv");
  const LoadedNetwork net = load_onnx_bytes(b.bytes(), "conv.onnx");
  Platform platform(fast_memory_board(2));
  ScheduleRunner runner(net.network, platform);
  const std::string sig = op_signature(net.network, net.network.op(0));
  ScheduledTask split = task({"conv"});
  split.cores = {0, 1};
  split.split = SplitAxis::kOutputChannels;
  split.shares = {1, 3};
  {
    // With a 2-thread time of 6 us, each shard takes 2 x 6 us x its share: 3 and 9 us.
    MeasuredProfile profile;
    profile.entries = {entry(sig, {{1, 10'000'000}, {2, 6'000'000}})};
    const ProfileTimes times(profile);
    runner.set_measured_compute(&times);
    const ScheduleResult r = runner.run({"test", {split}, 1}, "split");
    ASSERT_EQ(r.ops.size(), 2u);
    EXPECT_EQ(r.ops[0].compute, 3'000'000);
    EXPECT_EQ(r.ops[1].compute, 9'000'000);
  }
  {
    // Without it, the 1-thread time by share: 2.5 and 7.5 us.
    MeasuredProfile profile;
    profile.entries = {entry(sig, {{1, 10'000'000}})};
    const ProfileTimes times(profile);
    runner.set_measured_compute(&times);
    const ScheduleResult r = runner.run({"test", {split}, 1}, "split");
    EXPECT_EQ(r.ops[0].compute, 2'500'000);
    EXPECT_EQ(r.ops[1].compute, 7'500'000);
  }
}
