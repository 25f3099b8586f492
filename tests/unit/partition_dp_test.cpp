// The partition-dp baseline: its DP against brute force, and branch spreading on a fork.
#include "baselines/partition_dp.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "baselines/op_dag.h"
#include "board/board_file.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/schedule_checks.h"
#include "schedule/schedule_file.h"
#include "schedule/schedule_runner.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"
#include "support/test_boards.h"

using namespace hsim;
using explorer::ChainCosts;
using explorer::kMaxGroup;
using explorer::partition_chain;
using hsim::testing::OnnxModelBuilder;

#define REQUIRE_FRESH_SYSTEMC()        \
  if (!sim::Platform::can_elaborate()) \
  GTEST_SKIP() << "needs a process of its own (SystemC elaborates once): run via ctest"

namespace {

// Every partition of [0, n) into groups of at most kMaxGroup ops, each on one of m PUs, priced
// with the same cost functions: the optimum the DP must find.
double brute_force(const ChainCosts& c) {
  double best = std::numeric_limits<double>::infinity();
  // cover(i, previous PU, cost so far)
  std::function<void(size_t, size_t, double)> cover = [&](size_t i, size_t prev, double cost) {
    if (i == c.length) {
      best = std::min(best, cost);
      return;
    }
    for (size_t end = i + 1; end <= std::min(c.length, i + kMaxGroup); ++end)
      for (size_t p = 0; p < c.pus; ++p) {
        const double enter = i == 0 ? c.start(p) : c.cross(i, prev, p);
        cover(end, p, cost + enter + c.group(i, end, p));
      }
  };
  cover(0, 0, 0);
  return best;
}

}  // namespace

TEST(PartitionDp, FindsTheBruteForceOptimumOnRandomChains) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    const size_t n = 1 + rng() % 6, m = 1 + rng() % 3;
    // Random group costs with fusion discounts, some impossible groups, random crossing costs.
    std::vector<double> group(n * (n + 1) * m), cross(n * m * m), start(m);
    for (double& g : group)
      g = rng() % 9 == 0 ? std::numeric_limits<double>::infinity()
                         : static_cast<double>(1 + rng() % 50);
    for (double& x : cross) x = static_cast<double>(rng() % 20);
    for (double& s : start) s = static_cast<double>(rng() % 10);
    ChainCosts c;
    c.length = n;
    c.pus = m;
    c.group = [&](size_t first, size_t end, size_t pu) {
      return group[(first * (n + 1) + end) * m + pu];
    };
    c.cross = [&](size_t position, size_t from, size_t to) {
      return from == to ? 0.0 : cross[(position * m + from) * m + to];
    };
    c.start = [&](size_t pu) { return start[pu]; };
    const double expected = brute_force(c);
    if (expected == std::numeric_limits<double>::infinity()) {
      EXPECT_THROW(partition_chain(c), std::invalid_argument);
      continue;
    }
    const auto got = partition_chain(c);
    EXPECT_DOUBLE_EQ(got.cost, expected) << "trial " << trial;
    // The groups it returns cover the chain and add up to its cost.
    double sum = 0;
    size_t next = 0, prev = 0;
    for (const auto& g : got.groups) {
      ASSERT_EQ(g.first, next);
      ASSERT_LE(g.end - g.first, kMaxGroup);
      sum += (g.first == 0 ? c.start(g.pu) : c.cross(g.first, prev, g.pu)) +
             c.group(g.first, g.end, g.pu);
      next = g.end;
      prev = g.pu;
    }
    EXPECT_EQ(next, n);
    EXPECT_DOUBLE_EQ(sum, got.cost);
  }
}

TEST(PartitionDp, SpreadsTheBranchesOfAForkOverCores) {
  // x -> a; a -> b1 and a -> b2, equal compute-bound branches, joined by Add. On two CPU cores
  // the branches run one per core.
  OnnxModelBuilder b;
  b.input("x", {1, 1024, 1024}).output("y");
  b.node("Relu", {"x"}, {"h"}, "a");
  b.node("Tanh", {"h"}, {"t1"}, "b1");
  b.node("Tanh", {"h"}, {"t2"}, "b2");
  b.node("Add", {"t1", "t2"}, {"y"}, "join");
  const auto net = sim::load_onnx_bytes(b.bytes(), "fork.onnx");
  hsim::testing::TestBoard spec;
  spec.cpu_cores = 2;
  spec.dram_bandwidth = 1000 * hsim::testing::kGBps;
  const auto board = spec.build();
  const auto schedule = explorer::partition_dp_schedule(net.network, board);
  std::map<std::string, int64_t> core;
  for (const auto& task : schedule.tasks)
    for (const auto& op : task.ops) core[op] = task.cores.front();
  EXPECT_NE(core.at("b1"), core.at("b2"));
  EXPECT_NO_THROW(sim::check_schedule(schedule, net.network, board, "partition-dp"));
}

TEST(PartitionDp, LinksAChainIntoGroups) {
  // Conv -> Relu -> Conv -> Relu on the NPU: linking saves the intermediates' DRAM round trips,
  // so the DP groups them rather than running four tasks.
  OnnxModelBuilder b;
  b.input("x", {1, 64, 28, 28}).output("y");
  b.weight("w1", {64, 64, 3, 3}).weight("w2", {64, 64, 3, 3});
  auto& c1 = b.node("Conv", {"x", "w1"}, {"c1"}, "conv1");
  hsim::testing::set_attr(c1, "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.node("Relu", {"c1"}, {"r1"}, "relu1");
  auto& c2 = b.node("Conv", {"r1", "w2"}, {"c2"}, "conv2");
  hsim::testing::set_attr(c2, "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.node("Relu", {"c2"}, {"y"}, "relu2");
  const auto net = sim::load_onnx_bytes(b.bytes(), "chain.onnx");
  hsim::testing::TestBoard spec;
  spec.npu_cores = 1;
  const auto board = spec.build();
  const auto schedule = explorer::partition_dp_schedule(net.network, board);
  EXPECT_LT(schedule.tasks.size(), 4u);
  for (const auto& task : schedule.tasks) EXPECT_EQ(task.pu, "npu");
  EXPECT_NO_THROW(sim::check_schedule(schedule, net.network, board, "partition-dp"));
}

namespace {

onnx::NodeProto& conv3x3(OnnxModelBuilder& b, const std::string& in, const std::string& weight,
                         const std::string& out, const std::string& name) {
  auto& node = b.node("Conv", {in, weight}, {out}, name);
  hsim::testing::set_attr(node, "pads", std::vector<int64_t>{1, 1, 1, 1});
  return node;
}

}  // namespace

TEST(PartitionDp, ChainsEndAtForksAndRunThroughResidualJoins) {
  // Two residual blocks. Block 1: c0 forks to c1 -> r1 -> c2 and to the skip; its Add also reads
  // c0, which the chain c1... already waits for, so the chain runs on through add1 -> r2.
  // Block 2: r2 forks to d1 -> q1 -> d2 and to a downsample conv ds; add2 would make the d1
  // chain wait for ds as well, so both chains end and add2 -> r3 is a chain of its own.
  OnnxModelBuilder b;
  b.input("x", {1, 8, 8, 8}).output("y");
  for (const char* w : {"w0", "w1", "w2", "w3", "w4", "w5"}) b.weight(w, {8, 8, 3, 3});
  conv3x3(b, "x", "w0", "h0", "c0");
  conv3x3(b, "h0", "w1", "h1", "c1");
  b.node("Relu", {"h1"}, {"g1"}, "r1");
  conv3x3(b, "g1", "w2", "h2", "c2");
  b.node("Add", {"h2", "h0"}, {"s1"}, "add1");
  b.node("Relu", {"s1"}, {"o1"}, "r2");
  conv3x3(b, "o1", "w3", "h3", "d1");
  b.node("Relu", {"h3"}, {"g3"}, "q1");
  conv3x3(b, "g3", "w4", "h4", "d2");
  conv3x3(b, "o1", "w5", "h5", "ds");
  b.node("Add", {"h4", "h5"}, {"s2"}, "add2");
  b.node("Relu", {"s2"}, {"y"}, "r3");
  const auto net = sim::load_onnx_bytes(b.bytes(), "residual.onnx");
  const auto succs = explorer::op_successors(net.network);
  const auto chains = explorer::dag_chains(net.network, succs, explorer::op_predecessors(succs));
  std::vector<std::vector<std::string>> names;
  for (const auto& chain : chains) {
    names.emplace_back();
    for (size_t op : chain) names.back().push_back(net.network.ops()[op].name);
  }
  const std::vector<std::vector<std::string>> expected = {
      {"c0"}, {"c1", "r1", "c2", "add1", "r2"}, {"d1", "q1", "d2"}, {"ds"}, {"add2", "r3"}};
  EXPECT_EQ(names, expected);
}

TEST(PartitionDp, SpreadsTwoBranchesOverTheCpuAndTheNpuAndThatPays) {
  REQUIRE_FRESH_SYSTEMC();
  // a forks into two equal branches (3x3 conv, 256 channels, 14x14: 115.6 M MACs each), joined
  // by Add. The CPU is made as fast as the NPU (1024 MACs per cycle at 1 GHz): once one branch
  // is placed on one of them, the other finishes sooner on the other PU than queued behind it
  // (~113 us of compute each, against ~1 us of element-type conversions).
  OnnxModelBuilder b;
  b.input("x", {1, 256, 14, 14}).output("y");
  for (const char* w : {"wa", "w1", "w2"}) b.weight(w, {256, 256, 3, 3});
  conv3x3(b, "x", "wa", "h", "a");
  conv3x3(b, "h", "w1", "t1", "b1");
  conv3x3(b, "h", "w2", "t2", "b2");
  b.node("Add", {"t1", "t2"}, {"y"}, "join");
  const auto net = sim::load_onnx_bytes(b.bytes(), "fork.onnx");
  hsim::testing::TestBoard spec;
  spec.npu_cores = 1;
  spec.dram_bandwidth = 100 * hsim::testing::kGBps;
  auto board = spec.build();
  for (auto& pu : board.devices[0].pus)
    if (pu.name == "cpu") pu.compute[sim::DType::kFloat32] = {1024, 64};
  const auto schedule = explorer::partition_dp_schedule(net.network, board);
  ASSERT_NO_THROW(sim::check_schedule(schedule, net.network, board, "partition-dp"));
  std::map<std::string, std::string> pu;
  for (const auto& task : schedule.tasks)
    for (const auto& op : task.ops) pu[op] = task.pu;
  EXPECT_NE(pu.at("b1"), pu.at("b2"));
  // In simulation the spread beats the same schedule with both branches on the NPU.
  sim::Schedule together = schedule;
  for (auto& task : together.tasks)
    if (task.pu == "cpu") {
      task.pu = "npu";
      task.dtype = sim::DType::kInt8;
    }
  sim::Platform platform(board);
  sim::ScheduleRunner runner(net.network, platform);
  const auto spread = runner.run(schedule, "spread").run.latency;
  const auto queued = runner.run(together, "together").run.latency;
  EXPECT_LT(static_cast<double>(spread), 0.75 * static_cast<double>(queued));
}

TEST(PartitionDp, SchedulesEveryShippedNetOnEveryBoardAndRoundTripsItsFile) {
  const std::filesystem::path root = std::filesystem::path(HSIM_MODELS_DIR).parent_path();
  for (const auto& board_file : std::filesystem::directory_iterator(root / "hw_configs")) {
    if (board_file.path().extension() != ".yaml") continue;
    const sim::BoardSpec board = sim::load_board_file(board_file.path().string());
    for (const auto& model : std::filesystem::directory_iterator(HSIM_MODELS_DIR)) {
      if (model.path().extension() != ".onnx") continue;
      const std::string where = board.name + " x " + model.path().filename().string();
      const auto net = sim::load_onnx_file(model.path().string());
      const auto schedule = explorer::partition_dp_schedule(net.network, board);
      EXPECT_EQ(schedule.strategy, "partition-dp");
      ASSERT_NO_THROW(sim::check_schedule(schedule, net.network, board, where)) << where;
      const auto again = sim::parse_schedule_text(sim::schedule_yaml(schedule), where);
      ASSERT_EQ(again.tasks.size(), schedule.tasks.size()) << where;
      for (size_t t = 0; t < schedule.tasks.size(); ++t) {
        const auto& x = schedule.tasks[t];
        const auto& y = again.tasks[t];
        EXPECT_TRUE(x.ops == y.ops && x.pu == y.pu && x.cores == y.cores && x.dtype == y.dtype &&
                    x.priority == y.priority)
            << where << " task " << t;
      }
    }
  }
}

TEST(PartitionDp, MainJobRunsItAndSimulateReplaysItsScheduleFile) {
  // A small net on the default board: conv -> relu -> two branches -> concat -> pool.
  OnnxModelBuilder b;
  b.input("x", {1, 32, 28, 28}).output("y");
  for (const char* w : {"w0", "w1", "w2"}) b.weight(w, {32, 32, 3, 3});
  conv3x3(b, "x", "w0", "h", "c0");
  b.node("Relu", {"h"}, {"r"}, "relu");
  conv3x3(b, "r", "w1", "t1", "b1");
  conv3x3(b, "r", "w2", "t2", "b2");
  hsim::testing::set_attr(b.node("Concat", {"t1", "t2"}, {"cat"}, "cat"), "axis", int64_t{1});
  b.node("GlobalAveragePool", {"cat"}, {"y"}, "pool");
  const std::string net = b.write("small.onnx");
  const std::string board = std::string(HSIM_MODELS_DIR) + "/../hw_configs/default.yaml";
  const std::string out = hsim::testing::temp_path("pdp_main");
  const auto run = hsim::testing::run_program(
      HSIM_BINARY, {"--hw", board, "--net", net, "--strategy", "partition-dp", "--out", out});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("1  partition-dp"), std::string::npos) << run.out;
  const std::string replay = hsim::testing::temp_path("pdp_replay");
  const auto again = hsim::testing::run_program(
      HSIM_BINARY, {"simulate", "--hw", board, "--net", net, "--schedule",
                    out + "/schedules/partition-dp.yaml", "--out", replay});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  // The same op timeline, to the picosecond.
  const std::string ops = hsim::testing::read_text(out + "/ops.csv");
  EXPECT_GT(hsim::testing::count_lines(ops), 1u);
  EXPECT_EQ(hsim::testing::read_text(replay + "/ops.csv"), ops);
}
