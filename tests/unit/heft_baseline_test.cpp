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

TEST(HeftBaseline, ChargesTheConversionOfCrossingElementTypes) {
  // conv (int8 NPU) -> Relu, 200,704 elements. Alone, the Relu is faster on the CPU (16 fp32
  // vector ops per cycle: 12.5 us) than on this NPU (10 int8 ops per cycle: 20.1 us), but on the
  // CPU its input first crosses element types, one conversion per element at the CPU's rate
  // (another 12.5 us): 25 us > 20.1 us, so HEFT keeps it on the NPU. Memory is fast enough not
  // to matter.
  OnnxModelBuilder b;
  b.input("x", {1, 64, 56, 56}).output("y");
  b.weight("w1", {64, 64, 1, 1});
  b.node("Conv", {"x", "w1"}, {"c1"}, "conv1");
  b.node("Relu", {"c1"}, {"y"}, "relu");
  const auto net = sim::load_onnx_bytes(b.bytes(), "cr.onnx");
  hsim::testing::TestBoard spec;
  spec.npu_cores = 1;
  spec.dram_bandwidth = 1000 * hsim::testing::kGBps;
  auto board = spec.build();
  for (auto& pu : board.devices[0].pus)
    if (pu.name == "npu") pu.compute[sim::DType::kInt8].ops_per_cycle = 10;
  const auto costs = explorer::heft_costs(net.network, board);
  const auto schedule = explorer::heft_schedule(net.network, board);
  for (const auto& task : schedule.tasks) EXPECT_EQ(task.pu, "npu") << task.ops.front();
  // Without the conversion the CPU would win: its isolated cost is the lower one.
  const size_t relu = static_cast<size_t>(*net.network.find_op("relu"));
  EXPECT_LT(costs.op_cost[relu][0], costs.op_cost[relu][1]);  // processor 0: cpu, 1: npu
}
