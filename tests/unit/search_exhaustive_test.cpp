// The genetic algorithm against exhaustive enumeration: on small graphs and boards with 2 and 3
// PUs the test lists every placement (every core, every split the op allows) and every set of
// links, simulates each on the platform, and takes the minimum latency; `ga` with a budget well
// below the number of schedules must find exactly that minimum. The enumeration is written here,
// apart from the search's codec, so the two can only agree by both being right.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/op_shards.h"
#include "search/evaluation_memo.h"
#include "search/search.h"
#include "search/sim_evaluator.h"
#include "support/fresh_systemc.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;

namespace {

// Where one op may run: a PU, its cores (several: split along `split`).
struct Option {
  std::string pu;
  std::vector<int64_t> cores;
  std::optional<sim::SplitAxis> split;
};

// Every way to run `op` on `board`'s first device: each core of each PU that supports it, and
// each split across all cores of a PU with two or more, along every axis the runtime can cut.
std::vector<Option> options_for(const sim::Network& net, const sim::Op& op,
                                const sim::BoardSpec& board) {
  std::vector<Option> options;
  for (const sim::PuSpec& pu : board.devices[0].pus) {
    if (!pu.supports(op.type)) continue;
    for (int64_t c = 0; c < pu.count; ++c) options.push_back({pu.name, {c}, std::nullopt});
    if (pu.count < 2) continue;
    std::vector<int64_t> all;
    for (int64_t c = 0; c < pu.count; ++c) all.push_back(c);
    for (sim::SplitAxis axis :
         {sim::SplitAxis::kOutputChannels, sim::SplitAxis::kOutputRows, sim::SplitAxis::kBatch})
      if (sim::split_unsupported_reason(net, op, axis).empty())
        options.push_back({pu.name, all, axis});
  }
  return options;
}

bool reads(const sim::Op& consumer, const sim::Op& producer) {
  for (sim::TensorId in : consumer.inputs)
    for (sim::TensorId out : producer.outputs)
      if (in == out) return true;
  return false;
}

// Whether tasks would wait on each other in a cycle (a chain [a, c] while c also reads b, which
// reads a). The runtime rejects such schedules; the enumeration skips them itself so that every
// schedule it counts is one the runtime accepts.
bool tasks_wait_in_a_cycle(const sim::Network& net, const sim::Schedule& schedule) {
  std::map<sim::OpId, size_t> task_of;
  for (size_t t = 0; t < schedule.tasks.size(); ++t)
    for (const std::string& op : schedule.tasks[t].ops) task_of[*net.find_op(op)] = t;
  std::vector<std::set<size_t>> deps(schedule.tasks.size());
  for (const auto& [op, t] : task_of)
    for (sim::TensorId in : net.op(op).inputs) {
      const sim::OpId producer = in == sim::kNoTensor ? sim::kNoOp : net.tensor(in).producer;
      if (producer != sim::kNoOp && task_of.at(producer) != t) deps[t].insert(task_of.at(producer));
    }
  std::vector<bool> done(deps.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t t = 0; t < deps.size(); ++t) {
      if (done[t]) continue;
      bool ready = true;
      for (size_t d : deps[t]) ready = ready && done[d];
      if (ready) done[t] = progress = true;
    }
  }
  return std::find(done.begin(), done.end(), false) != done.end();
}

struct Exhaustive {
  sim::Picoseconds best = std::numeric_limits<sim::Picoseconds>::max();
  int64_t schedules = 0;  // distinct schedules that ran
};

// Every placement, and for each every set of links (an op linked with one op reading its output
// on the same single core, each op linked from at most one), simulated; schedules whose links
// make tasks wait on each other are skipped (the runtime rejects them).
Exhaustive enumerate(const sim::Network& net, const sim::BoardSpec& board,
                     sim::ScheduleRunner& runner) {
  std::vector<const sim::Op*> ops;
  for (const sim::Op& op : net.ops())
    if (!op.cost.is_view) ops.push_back(&op);
  std::vector<std::vector<Option>> options;
  for (const sim::Op* op : ops) options.push_back(options_for(net, *op, board));
  Exhaustive result;
  std::vector<size_t> choice(ops.size());
  std::vector<int> next(ops.size(), -1);
  std::vector<bool> linked(ops.size(), false);
  auto run_links = [&]() {
    sim::Schedule schedule{"exhaustive", {}, 1};
    for (size_t i = 0; i < ops.size(); ++i) {
      if (linked[i]) continue;
      sim::ScheduledTask task;
      const Option& o = options[i][choice[i]];
      task.pu = o.pu;
      task.cores = o.cores;
      task.split = o.split;
      for (int k = static_cast<int>(i); k >= 0; k = next[static_cast<size_t>(k)])
        task.ops.push_back(ops[static_cast<size_t>(k)]->name);
      schedule.tasks.push_back(task);
    }
    if (tasks_wait_in_a_cycle(net, schedule)) return;
    result.best = std::min(result.best, runner.run(schedule, "exhaustive").run.latency);
    ++result.schedules;
  };
  std::function<void(size_t)> links = [&](size_t i) {
    if (i == ops.size()) return run_links();
    next[i] = -1;
    links(i + 1);
    const Option& here = options[i][choice[i]];
    if (here.cores.size() > 1) return;
    for (size_t j = i + 1; j < ops.size(); ++j) {
      const Option& there = options[j][choice[j]];
      if (linked[j] || !reads(*ops[j], *ops[i]) || there.pu != here.pu || there.cores != here.cores)
        continue;
      next[i] = static_cast<int>(j);
      linked[j] = true;
      links(i + 1);
      linked[j] = false;
      next[i] = -1;
    }
  };
  std::function<void(size_t)> place = [&](size_t i) {
    if (i == ops.size()) return links(0);
    for (choice[i] = 0; choice[i] < options[i].size(); ++choice[i]) place(i + 1);
  };
  place(0);
  return result;
}

explorer::SearchResult search(const std::string& strategy, const sim::Network& net,
                              const sim::BoardSpec& board, explorer::Evaluator& evaluator,
                              int64_t evaluations, uint64_t seed) {
  // Priorities, unequal shares and kernel choices are left out of the space, as they are of the
  // enumeration.
  const explorer::SearchSpace space(net, board, {true, false, true, 1, false});
  explorer::SearchOptions options;
  options.evaluations = evaluations;
  options.population = 24;
  options.seed = seed;
  const explorer::SearchContext context{space, evaluator, {}, {}};
  return explorer::search_strategies().at(strategy).run(context, options);
}

// x -> conv1 -> relu1 -> conv2 -> relu2 -> add <- sig <- relu1, relu1 -> tanh, add * tanh -> y:
// eight ops; the NPU runs Conv, Relu and Add, the CPU everything, each task pays a dispatch.
sim::LoadedNetwork eight_ops() {
  OnnxModelBuilder b;
  b.input("x", {1, 16, 32, 32})
      .weight("w1", {16, 16, 3, 3})
      .weight("w2", {16, 16, 3, 3})
      .output("y");
  set_attr(b.node("Conv", {"x", "w1"}, {"c1"}, "conv1"), "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.node("Relu", {"c1"}, {"r1"}, "relu1");
  b.node("Sigmoid", {"r1"}, {"s"}, "sig");
  set_attr(b.node("Conv", {"r1", "w2"}, {"c2"}, "conv2"), "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.node("Relu", {"c2"}, {"r2"}, "relu2");
  b.node("Tanh", {"r1"}, {"t"}, "tanh");
  b.node("Add", {"r2", "s"}, {"a"}, "add");
  b.node("Mul", {"a", "t"}, {"y"}, "mul");
  return sim::load_onnx_bytes(b.bytes(), "eight.onnx");
}

sim::BoardSpec cpu_npu_board() {
  hsim::testing::TestBoard spec;
  spec.cpu_cores = 1;
  spec.npu_cores = 1;
  sim::BoardSpec board = spec.build();
  board.devices[0].pus[0].dispatch_overhead = 2'000 * hsim::testing::kNs;
  board.devices[0].pus[1].dispatch_overhead = 5'000 * hsim::testing::kNs;
  board.devices[0].pus[1].supported_ops = {"Conv", "Relu", "Add"};
  return board;
}

// conv1 -> relu -> conv2 -> add <- sig <- conv1: five ops on a 2-core CPU (convolutions can be
// split across both), an NPU (Conv, Relu, Add) and a vector DSP.
sim::LoadedNetwork five_ops() {
  OnnxModelBuilder b;
  b.input("x", {1, 32, 16, 16})
      .weight("w1", {32, 32, 3, 3})
      .weight("w2", {32, 32, 1, 1})
      .output("y");
  set_attr(b.node("Conv", {"x", "w1"}, {"c1"}, "conv1"), "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.node("Relu", {"c1"}, {"r"}, "relu");
  b.node("Conv", {"r", "w2"}, {"c2"}, "conv2");
  b.node("Sigmoid", {"c1"}, {"s"}, "sig");
  b.node("Add", {"c2", "s"}, {"y"}, "add");
  return sim::load_onnx_bytes(b.bytes(), "five.onnx");
}

sim::BoardSpec cpu_npu_dsp_board() {
  hsim::testing::TestBoard spec;
  spec.cpu_cores = 2;
  spec.npu_cores = 1;
  sim::BoardSpec board = spec.build();
  sim::DeviceSpec& soc = board.devices[0];
  soc.pus[0].dispatch_overhead = 1'000 * hsim::testing::kNs;
  soc.pus[1].dispatch_overhead = 8'000 * hsim::testing::kNs;
  soc.pus[1].supported_ops = {"Conv", "Relu", "Add"};
  sim::PuSpec dsp;
  dsp.name = "dsp";
  dsp.kind = sim::PuKind::kDsp;
  dsp.count = 1;
  dsp.clock = 1'000'000'000;
  dsp.compute[sim::DType::kFloat32] = {64, 64};
  dsp.local_sram = 256 * 1024;
  dsp.dma = "dma";
  dsp.dispatch_overhead = 3'000 * hsim::testing::kNs;
  soc.pus.push_back(dsp);
  return board;
}

void expect_to_find_the_optimum(const std::string& strategy, const sim::LoadedNetwork& net,
                                const sim::BoardSpec& board, int64_t budget) {
  sim::Platform platform(board);
  explorer::SimEvaluator evaluator(net.network, platform);
  const Exhaustive exhaustive = enumerate(net.network, board, evaluator.runner());
  ASSERT_GT(exhaustive.schedules, 2 * budget) << "the budget should not cover the space";
  for (uint64_t seed : {1, 2, 3, 4, 5}) {
    const explorer::SearchResult r = search(strategy, net.network, board, evaluator, budget, seed);
    ASSERT_FALSE(r.top.empty());
    EXPECT_LE(r.evaluations, budget);
    EXPECT_EQ(r.top.front().evaluation.latency, exhaustive.best)
        << "seed " << seed << ": " << exhaustive.schedules << " schedules enumerated";
    // The winner, re-run on its own, takes the latency the search recorded.
    EXPECT_EQ(evaluator.runner().run(r.top.front().schedule, "best").run.latency, exhaustive.best);
  }
}

}  // namespace

TEST(SearchExhaustive, GaFindsTheOptimumOnEightOpsOverCpuAndNpu) {
  REQUIRE_FRESH_SYSTEMC();
  expect_to_find_the_optimum("ga", eight_ops(), cpu_npu_board(), 250);
}

TEST(SearchExhaustive, TuneFindsTheOptimumOnEightOpsOverCpuAndNpu) {
  REQUIRE_FRESH_SYSTEMC();
  expect_to_find_the_optimum("tune", eight_ops(), cpu_npu_board(), 250);
}

TEST(SearchExhaustive, TuneFindsTheOptimumOnFiveOpsOverCpuNpuAndDsp) {
  REQUIRE_FRESH_SYSTEMC();
  expect_to_find_the_optimum("tune", five_ops(), cpu_npu_dsp_board(), 600);
}

TEST(SearchExhaustive, GaFindsTheOptimumOnFiveOpsOverCpuNpuAndDsp) {
  REQUIRE_FRESH_SYSTEMC();
  expect_to_find_the_optimum("ga", five_ops(), cpu_npu_dsp_board(), 600);
}

TEST(SearchExhaustive, RandomSearchIsDeterministicPerSeed) {
  REQUIRE_FRESH_SYSTEMC();
  const auto net = five_ops();
  const auto board = cpu_npu_dsp_board();
  sim::Platform platform(board);
  explorer::SimEvaluator evaluator(net.network, platform);
  auto fingerprint = [&](uint64_t seed) {
    const auto r = search("random", net.network, board, evaluator, 200, seed);
    std::string text;
    for (const auto& g : r.generations)
      text += std::to_string(g.evaluations) + " " + std::to_string(g.best) + "\n";
    for (const auto& c : r.top)
      text += std::to_string(c.evaluation.latency) + explorer::canonical_key(c.schedule);
    return text;
  };
  const std::string first = fingerprint(9);
  EXPECT_EQ(first, fingerprint(9));
  EXPECT_NE(first, fingerprint(10));
}
