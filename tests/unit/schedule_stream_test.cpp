// Pipelined streams (Schedule::inferences > 1) against closed forms of a two-stage pipeline.
#include <gtest/gtest.h>

#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/schedule_checks.h"
#include "schedule/schedule_runner.h"
#include "support/fresh_systemc.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim::sim;
using hsim::testing::kNs;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::TestBoard;

namespace {

// x -> Sigmoid "a" -> Tanh "b" -> y, fp32 1x1024x1024. On the board below (1 GHz, 16 ops per
// cycle) stage a takes A = 4 ops x 2^20 / 16 = 262,144 ns and stage b B = 5 x 2^20 / 16 =
// 327,680 ns of compute; their 4 MiB loads and stores at 1 TB/s add about 8.4 us each.
LoadedNetwork two_stage_chain() {
  OnnxModelBuilder b;
  b.input("x", {1, 1024, 1024}).output("y");
  b.node("Sigmoid", {"x"}, {"h"}, "a");
  b.node("Tanh", {"h"}, {"y"}, "b");
  return load_onnx_bytes(b.bytes(), "chain.onnx");
}

constexpr double kA = 262'144.0 * kNs;
constexpr double kB = 327'680.0 * kNs;

BoardSpec fast_memory_board() {
  TestBoard spec;
  spec.cpu_cores = 2;
  spec.dram_bandwidth = 1000 * hsim::testing::kGBps;
  spec.bus_bandwidth = 1000 * hsim::testing::kGBps;
  spec.dram_latency = 0;
  return spec.build();
}

Schedule stages_on_cores(int64_t core_a, int64_t core_b, int64_t inferences) {
  ScheduledTask a, b;
  a.ops = {"a"};
  a.pu = b.pu = "cpu";
  a.cores = {core_a};
  b.ops = {"b"};
  b.cores = {core_b};
  return {"test", {a, b}, inferences};
}

}  // namespace

TEST(ScheduleStream, TwoStagePipelineOverlapsInferences) {
  REQUIRE_FRESH_SYSTEMC();
  const LoadedNetwork net = two_stage_chain();
  Platform platform(fast_memory_board());
  ScheduleRunner runner(net.network, platform);
  // The stage times as the platform runs them alone (compute plus their own transfers), which
  // the compute figures above bound from below.
  const ScheduleResult lone = runner.run(stages_on_cores(0, 1, 1), "lone");
  ASSERT_EQ(lone.ops.size(), 2u);
  const double a = static_cast<double>(lone.ops[0].end - lone.ops[0].start);
  const double b = static_cast<double>(lone.ops[1].end - lone.ops[1].start);
  EXPECT_NEAR(a, kA, 0.05 * kA);
  EXPECT_NEAR(b, kB, 0.05 * kB);
  ASSERT_LT(a, b);

  constexpr int64_t kN = 4;
  const ScheduleResult r = runner.run(stages_on_cores(0, 1, kN), "pipelined");
  // The slower stage b sets the pace: makespan = a + N b; inference i runs from i a to
  // a + (i + 1) b, so its latency is a + b + i (b - a) and the mean is a + b + (N - 1)(b - a) / 2.
  // (Overlapping stages share memory bandwidth, hence the 1% slack.)
  const double makespan = a + kN * b;
  EXPECT_NEAR(static_cast<double>(r.run.latency), makespan, 0.01 * makespan);
  ASSERT_EQ(r.inferences.size(), static_cast<size_t>(kN));
  for (int64_t i = 0; i < kN; ++i) {
    const auto& span = r.inferences[static_cast<size_t>(i)];
    const double expected = a + b + static_cast<double>(i) * (b - a);
    EXPECT_NEAR(static_cast<double>(span.end - span.start), expected, 0.01 * expected) << i;
  }
  const double mean = a + b + (kN - 1) * (b - a) / 2;
  EXPECT_NEAR(static_cast<double>(r.latency_per_inference()), mean, 0.01 * mean);
  EXPECT_NEAR(r.throughput(), kN * 1e12 / static_cast<double>(r.run.latency), 1e-9);
  // Every op ran once per inference, inference by inference.
  ASSERT_EQ(r.ops.size(), static_cast<size_t>(2 * kN));
  for (size_t k = 0; k < r.ops.size(); ++k)
    EXPECT_EQ(r.ops[k].inference, static_cast<int64_t>(k / 2));
}

TEST(ScheduleStream, OneCoreRunsTheStreamBackToBack) {
  REQUIRE_FRESH_SYSTEMC();
  const LoadedNetwork net = two_stage_chain();
  Platform platform(fast_memory_board());
  ScheduleRunner runner(net.network, platform);
  const ScheduleResult one = runner.run(stages_on_cores(0, 0, 1), "one");
  const ScheduleResult three = runner.run(stages_on_cores(0, 0, 3), "three");
  // No overlap on one core: three inferences take exactly three times one, and each inference
  // takes what a lone one takes.
  EXPECT_EQ(three.run.latency, 3 * one.run.latency);
  EXPECT_EQ(three.latency_per_inference(), one.run.latency);
  EXPECT_EQ(one.latency_per_inference(), one.run.latency);
  EXPECT_EQ(three.run.dram_bytes, 3 * one.run.dram_bytes);  // every inference moves its data
}

TEST(ScheduleStream, ZeroInferencesIsAnError) {
  const LoadedNetwork net = two_stage_chain();
  try {
    check_schedule(stages_on_cores(0, 1, 0), net.network, fast_memory_board(), "s.yaml");
    FAIL() << "accepted";
  } catch (const hsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("inferences must be at least 1"), std::string::npos)
        << e.what();
  }
}
