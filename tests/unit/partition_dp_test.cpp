// The partition-dp baseline: its DP against brute force, and branch spreading on a fork.
#include "baselines/partition_dp.h"

#include <gtest/gtest.h>

#include <random>

#include "onnx/onnx_loader.h"
#include "schedule/schedule_checks.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim;
using explorer::ChainCosts;
using explorer::kMaxGroup;
using explorer::partition_chain;
using hsim::testing::OnnxModelBuilder;

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
