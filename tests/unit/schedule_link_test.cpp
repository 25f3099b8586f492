// Operator linking: exactly the intermediate's DRAM round trip disappears when it fits.
#include <gtest/gtest.h>

#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/schedule_runner.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim::sim;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;

namespace {

// int8 Conv 32 -> 32 channels on 28x28, then Relu: the intermediate is 32*28*28 = 25,088 bytes.
LoadedNetwork conv_relu() {
  OnnxModelBuilder b;
  b.input("x", {1, 32, 28, 28}, onnx::TensorProto::INT8)
      .weight("w", {32, 32, 3, 3}, onnx::TensorProto::INT8)
      .output("y");
  set_attr(b.node("Conv", {"x", "w"}, {"h"}, "conv"), "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.node("Relu", {"h"}, {"y"}, "relu");
  return load_onnx_bytes(b.bytes(), "conv_relu.onnx");
}

ScheduledTask on_npu(std::vector<std::string> ops) {
  ScheduledTask t;
  t.ops = std::move(ops);
  t.pu = "npu";
  return t;
}

BoardSpec board_with_sram(Bytes sram) {
  hsim::testing::TestBoard spec;
  spec.cpu_cores = 1;
  spec.npu_cores = 1;
  BoardSpec board = spec.build();
  for (auto& pu : board.devices[0].pus)
    if (pu.kind == PuKind::kNpu) pu.local_sram = sram;
  return board;
}

}  // namespace

TEST(ScheduleLink, LinkingRemovesExactlyTheIntermediateRoundTrip) {
  if (!Platform::can_elaborate()) GTEST_SKIP() << "needs a process of its own: run via ctest";
  const auto net = conv_relu();
  Platform platform(board_with_sram(1 << 20));
  ScheduleRunner runner(net.network, platform);
  const auto separate = runner.run({"t", {on_npu({"conv"}), on_npu({"relu"})}, 1}, "separate");
  const auto linked = runner.run({"t", {on_npu({"conv", "relu"})}, 1}, "linked");
  const Bytes intermediate = 32 * 28 * 28;
  // Conv's store of h and Relu's load of h are gone: two fewer copies of h through DRAM.
  EXPECT_EQ(separate.run.dram_bytes - linked.run.dram_bytes, 2 * intermediate);
  EXPECT_LT(linked.run.latency, separate.run.latency);
  ASSERT_EQ(linked.ops.size(), 2u);
  EXPECT_EQ(linked.ops[0].link, LinkOutcome::kLinked);
  EXPECT_EQ(linked.ops[0].stored, 0);
  EXPECT_EQ(linked.ops[1].loaded, 0);
}

TEST(ScheduleLink, AnIntermediateThatDoesNotFitSpills) {
  if (!Platform::can_elaborate()) GTEST_SKIP() << "needs a process of its own: run via ctest";
  const auto net = conv_relu();
  // 24 KiB of SRAM: smaller than the 25,088-byte intermediate, enough for the conv's tiles.
  Platform platform(board_with_sram(24 * 1024));
  ScheduleRunner runner(net.network, platform);
  const auto separate = runner.run({"t", {on_npu({"conv"}), on_npu({"relu"})}, 1}, "separate");
  const auto linked = runner.run({"t", {on_npu({"conv", "relu"})}, 1}, "linked");
  EXPECT_EQ(linked.ops[0].link, LinkOutcome::kSpilled);
  EXPECT_EQ(linked.run.dram_bytes, separate.run.dram_bytes);
}

TEST(ScheduleLink, AChainMustFeedEachOpToTheNext) {
  if (!Platform::can_elaborate()) GTEST_SKIP() << "needs a process of its own: run via ctest";
  OnnxModelBuilder b;
  b.input("x", {1, 8}).output("ya").output("yb");
  b.node("Relu", {"x"}, {"ya"}, "a");
  b.node("Sigmoid", {"x"}, {"yb"}, "b");
  const auto net = load_onnx_bytes(b.bytes(), "pair.onnx");
  Platform platform(board_with_sram(1 << 20));
  ScheduleRunner runner(net.network, platform);
  ScheduledTask chain = on_npu({"a", "b"});
  chain.pu = "cpu";
  try {
    runner.run({"t", {chain}, 1}, "bad.yaml");
    FAIL() << "not a chain";
  } catch (const hsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("does not read the output of 'a'"), std::string::npos)
        << e.what();
  }
}
