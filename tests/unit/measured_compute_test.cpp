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
  // The test board's DRAM: 10 GB/s, 100 ns; a 1 GHz core. Sigmoid reads and writes 1 MiB:
  // 2 x 1,048,576 B at 10 GB/s = 209.7 us of data movement the model keeps.
  Platform platform(TestBoard{}.build());
  ScheduleRunner runner(net.network, platform);
  MeasuredProfile profile;
  profile.entries = {entry(op_signature(net.network, net.network.op(0)), {{1, 500'000'000}})};
  const ProfileTimes times(profile);
  runner.set_measured_compute(&times);
  const ScheduleResult r = runner.run({"test", {task({"a"})}, 1}, "one op");
  ASSERT_EQ(r.ops.size(), 1u);
  // Alone, the op takes the measured 500 us to within a cycle (1 ns) ...
  EXPECT_NEAR(static_cast<double>(r.run.latency), 500'000'000.0, 1000.0);
  // ... of which the compute is what the modelled data movement leaves: at most 500 - 209.7 us
  // (less where double buffering overlaps the two).
  EXPECT_GT(r.ops[0].compute, 0);
  EXPECT_LE(r.ops[0].compute, 500'000'000 - 209'715'200 + 1000);
}

TEST(MeasuredCompute, AnOpTheModelMovesDataLongerForKeepsTheModelsTime) {
  REQUIRE_FRESH_SYSTEMC();
  const LoadedNetwork net = single();
  Platform platform(TestBoard{}.build());
  ScheduleRunner runner(net.network, platform);
  MeasuredProfile profile;  // 10 us measured, but 209.7 us of modelled transfers
  profile.entries = {entry(op_signature(net.network, net.network.op(0)), {{1, 10'000'000}})};
  const ProfileTimes times(profile);
  runner.set_measured_compute(&times);
  const ScheduleResult r = runner.run({"test", {task({"a"})}, 1}, "one op");
  EXPECT_EQ(r.ops[0].compute, 0);
  EXPECT_GT(r.run.latency, 209'715'200);
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
  // With memory this fast, the data movement is a few ns: the measured times are the ops' times.
  const ScheduleResult apart = runner.run({"test", {task({"a"}), task({"b"})}, 1}, "apart");
  EXPECT_NEAR(static_cast<double>(apart.ops[0].end - apart.ops[0].start), 5'000'000.0, 1000.0);
  EXPECT_EQ(apart.ops[1].compute, modelled.ops[1].compute);  // Tanh is not in the profile
  const ScheduleResult linked = runner.run({"test", {task({"a", "b"})}, 1}, "linked");
  ASSERT_EQ(linked.ops.size(), 2u);
  EXPECT_NEAR(static_cast<double>(linked.run.latency), 7'000'000.0, 1000.0);
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
    // With a 2-thread time of 6 us, each shard takes 2 x 6 us x its share: 3 and 9 us (the
    // memory is fast enough that its data movement, shared by the two, is a few ns).
    MeasuredProfile profile;
    profile.entries = {entry(sig, {{1, 10'000'000}, {2, 6'000'000}})};
    const ProfileTimes times(profile);
    runner.set_measured_compute(&times);
    const ScheduleResult r = runner.run({"test", {split}, 1}, "split");
    ASSERT_EQ(r.ops.size(), 2u);
    EXPECT_NEAR(static_cast<double>(r.ops[0].end - r.ops[0].start), 3'000'000.0, 10'000.0);
    EXPECT_NEAR(static_cast<double>(r.ops[1].end - r.ops[1].start), 9'000'000.0, 10'000.0);
  }
  {
    // Without it, the 1-thread time by share: 2.5 and 7.5 us.
    MeasuredProfile profile;
    profile.entries = {entry(sig, {{1, 10'000'000}})};
    const ProfileTimes times(profile);
    runner.set_measured_compute(&times);
    const ScheduleResult r = runner.run({"test", {split}, 1}, "split");
    EXPECT_NEAR(static_cast<double>(r.ops[0].end - r.ops[0].start), 2'500'000.0, 10'000.0);
    EXPECT_NEAR(static_cast<double>(r.ops[1].end - r.ops[1].start), 7'500'000.0, 10'000.0);
  }
}
