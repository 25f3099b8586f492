// Operator split across cores: closed-form scaling while compute-bound, none once DRAM saturates.
#include <gtest/gtest.h>

#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/op_shards.h"
#include "schedule/schedule_runner.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim::sim;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;
using hsim::testing::TestBoard;

namespace {

// Conv 64 -> 128 channels, 3x3, pad 1, on 28x28 (fp32): 28*28*128*64*9 = 57,802,752 MACs.
LoadedNetwork conv_net() {
  OnnxModelBuilder b;
  b.input("x", {1, 64, 28, 28}).weight("w", {128, 64, 3, 3}).weight("bias", {128}).output("y");
  auto& conv = b.node("Conv", {"x", "w", "bias"}, {"y"}, "conv");
  set_attr(conv, "pads", std::vector<int64_t>{1, 1, 1, 1});
  return load_onnx_bytes(b.bytes(), "conv.onnx");
}

Schedule split_over(int64_t cores) {
  ScheduledTask task;
  task.ops = {"conv"};
  task.pu = "cpu";
  task.cores.clear();
  for (int64_t c = 0; c < cores; ++c) task.cores.push_back(c);
  if (cores > 1) task.split = SplitAxis::kOutputChannels;
  return {"test", {task}, 1};
}

}  // namespace

TEST(OpShards, ChannelsSplitExactlyByShares) {
  EXPECT_EQ(split_channels(128, {1, 1, 1, 1}), (std::vector<int64_t>{32, 32, 32, 32}));
  EXPECT_EQ(split_channels(10, {1, 1, 1}), (std::vector<int64_t>{4, 3, 3}));
  EXPECT_EQ(split_channels(100, {3, 1}), (std::vector<int64_t>{75, 25}));
  const auto net = conv_net();
  const Network part =
      shard_network(net.network, net.network.ops().front(), SplitAxis::kOutputChannels, 0, 32);
  // The shard computes a quarter of the output channels from the whole input.
  EXPECT_EQ(part.ops().front().cost.macs, 57'802'752 / 4);
  EXPECT_EQ(part.tensor(part.ops().front().outputs[0]).shape,
            (std::vector<int64_t>{1, 32, 28, 28}));
}

TEST(ScheduleSplit, ComputeBoundConvScalesWithCores) {
  if (!Platform::can_elaborate()) GTEST_SKIP() << "needs a process of its own: run via ctest";
  TestBoard spec;
  spec.cpu_cores = 4;
  spec.dram_bandwidth = 1000 * hsim::testing::kGBps;
  spec.bus_bandwidth = 1000 * hsim::testing::kGBps;
  spec.dram_latency = 0;
  Platform platform(spec.build());
  const auto net = conv_net();
  ScheduleRunner runner(net.network, platform);
  const auto one = runner.run(split_over(1), "one");
  const auto four = runner.run(split_over(4), "four");
  // 16 MACs per cycle at 1 GHz: 3,612,672 ns on one core, a quarter on each of four.
  const double single = 57'802'752.0 / 16 * 1000;
  EXPECT_NEAR(static_cast<double>(one.run.latency), single, 0.02 * single);
  EXPECT_NEAR(static_cast<double>(four.run.latency), single / 4, 0.02 * single / 4);
  ASSERT_EQ(four.ops.size(), 4u);
  EXPECT_EQ(four.ops[3].shard, 3u);
  EXPECT_EQ(four.ops[3].shards, 4u);
}

TEST(ScheduleSplit, SplitStopsScalingWhenDramSaturates) {
  if (!Platform::can_elaborate()) GTEST_SKIP() << "needs a process of its own: run via ctest";
  TestBoard spec;
  spec.cpu_cores = 4;
  spec.dram_bandwidth = hsim::testing::kGBps / 4;  // 0.25 GB/s: 4 ns per byte
  spec.dram_latency = 0;
  Platform platform(spec.build());
  const auto net = conv_net();
  ScheduleRunner runner(net.network, platform);
  const auto one = runner.run(split_over(1), "one");
  const auto four = runner.run(split_over(4), "four");
  // Every shard reads the whole 200,704-byte input, so four shards move more bytes than one:
  // single core: input 200,704 + weights 294,912 + bias 512 + output 401,408 = 897,536 bytes;
  // four shards: 4 x 200,704 + the same weights, bias and output = 1,499,648 bytes.
  EXPECT_EQ(one.run.dram_bytes, 897'536);
  EXPECT_EQ(four.run.dram_bytes, 1'499'648);
  // Both are DRAM bound (3.6 ms of compute vs 3.6 ms and 6.0 ms of transfers): no speed-up.
  EXPECT_GE(static_cast<double>(four.run.latency), 0.95 * static_cast<double>(one.run.latency));
}
