// HEFT over a network's op DAG.
#include <gtest/gtest.h>

#include "baselines/heft.h"
#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim;
using hsim::testing::OnnxModelBuilder;

TEST(HeftBaseline, IndependentBranchesGoToDifferentCoresAndChainsStayTogether) {
  // x -> a -> c and x -> b: two equal CPU cores; a and b are independent and equally long, so
  // HEFT gives them a core each (finishing at w instead of 2w); c then follows a.
  OnnxModelBuilder b;
  b.input("x", {1, 512, 512}).output("yc").output("yb");
  b.node("Tanh", {"x"}, {"ya"}, "a");
  b.node("Tanh", {"x"}, {"yb"}, "b");
  b.node("Sigmoid", {"ya"}, {"yc"}, "c");
  const auto net = sim::load_onnx_bytes(b.bytes(), "branches.onnx");
  hsim::testing::TestBoard spec;
  spec.cpu_cores = 2;
  const auto board = spec.build();
  const auto costs = explorer::heft_costs(net.network, board);
  ASSERT_EQ(costs.processors.size(), 2u);
  EXPECT_EQ(costs.op_cost[0][0], costs.op_cost[0][1]);  // identical cores cost the same
  const auto schedule = explorer::heft_schedule(net.network, board);
  ASSERT_EQ(schedule.tasks.size(), 3u);
  std::map<std::string, int64_t> core;
  for (const auto& task : schedule.tasks) core[task.ops.front()] = task.cores.front();
  EXPECT_NE(core["a"], core["b"]);
  EXPECT_EQ(core["c"], core["a"]);
  // Highest upward rank first: a (a + c on its path) before b.
  EXPECT_EQ(schedule.tasks.front().ops.front(), "a");
}

TEST(HeftBaseline, OpsNoPuCanRunAreAnInputError) {
  OnnxModelBuilder b;
  b.input("x", {1, 8}).output("y");
  b.node("Relu", {"x"}, {"y"}, "r");
  const auto net = sim::load_onnx_bytes(b.bytes(), "relu.onnx");
  hsim::testing::TestBoard spec;
  auto board = spec.build();
  board.devices[0].pus[0].supported_ops = {"Conv"};
  EXPECT_THROW(explorer::heft_schedule(net.network, board), InputError);
}
