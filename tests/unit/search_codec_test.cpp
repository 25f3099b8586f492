// The explorer's genome codec and variation operators, without simulation: baseline schedules
// survive encode/decode unchanged, every genome the operators make decodes to a schedule the
// checks accept, and repairs are counted by reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "baselines/baselines.h"
#include "board/board_file.h"
#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "schedule/op_shards.h"
#include "schedule/schedule_checks.h"
#include "search/evaluation_memo.h"
#include "search/genome_codec.h"
#include "search/variation.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim;
using explorer::Gene;
using explorer::Genome;
using explorer::RepairCounts;
using explorer::SearchSpace;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;

namespace {

const std::string kModels = HSIM_MODELS_DIR;

sim::BoardSpec shipped_board(const std::string& name) {
  return sim::load_board_file(kModels + "/../hw_configs/" + name + ".yaml");
}

// Tasks in the network order of their first op: the runtime orders tasks itself, so a schedule's
// meaning does not depend on the order it lists them in.
std::vector<sim::ScheduledTask> sorted_tasks(const sim::Network& net, const sim::Schedule& s) {
  std::vector<sim::ScheduledTask> tasks = s.tasks;
  std::sort(tasks.begin(), tasks.end(), [&](const auto& a, const auto& b) {
    return *net.find_op(a.ops.front()) < *net.find_op(b.ops.front());
  });
  return tasks;
}

// Tasks as sorted_tasks gives them, with the device named even where the schedule leaves it to
// default to the board's first.
std::vector<sim::ScheduledTask> resolved_tasks(const sim::Network& net, const sim::BoardSpec& board,
                                               const sim::Schedule& s) {
  std::vector<sim::ScheduledTask> tasks = sorted_tasks(net, s);
  for (auto& task : tasks)
    if (task.device.empty()) task.device = board.devices.front().name;
  return tasks;
}

void expect_same_tasks(const sim::Network& net, const sim::BoardSpec& board,
                       const sim::Schedule& expected, const sim::Schedule& actual,
                       const std::string& label) {
  const auto a = resolved_tasks(net, board, expected);
  const auto b = resolved_tasks(net, board, actual);
  ASSERT_EQ(a.size(), b.size()) << label;
  for (size_t t = 0; t < a.size(); ++t) {
    EXPECT_EQ(a[t].ops, b[t].ops) << label << " task " << t;
    EXPECT_EQ(a[t].device, b[t].device) << label << " " << a[t].ops.front();
    EXPECT_EQ(a[t].pu, b[t].pu) << label << " " << a[t].ops.front();
    EXPECT_EQ(a[t].cores, b[t].cores) << label << " " << a[t].ops.front();
    EXPECT_EQ(a[t].split, b[t].split) << label << " " << a[t].ops.front();
    EXPECT_EQ(a[t].shares, b[t].shares) << label << " " << a[t].ops.front();
    EXPECT_EQ(a[t].priority, b[t].priority) << label << " " << a[t].ops.front();
    EXPECT_EQ(a[t].dtype, b[t].dtype) << label << " " << a[t].ops.front();
  }
}

// x -> conv (Conv) -> relu (Relu) -> sig (Sigmoid) -> y on a board whose NPU runs only Conv and
// Relu, with a 2-core CPU.
struct SmallCase {
  sim::LoadedNetwork net;
  sim::BoardSpec board;
};

SmallCase small_case() {
  OnnxModelBuilder b;
  b.input("x", {1, 8, 16, 16}).weight("w", {8, 8, 3, 3}).output("y");
  set_attr(b.node("Conv", {"x", "w"}, {"h"}, "conv"), "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.node("Relu", {"h"}, {"r"}, "relu");
  b.node("Sigmoid", {"r"}, {"y"}, "sig");
  hsim::testing::TestBoard spec;
  spec.cpu_cores = 2;
  spec.npu_cores = 1;
  SmallCase c{sim::load_onnx_bytes(b.bytes(), "small.onnx"), spec.build()};
  c.board.devices[0].pus[1].supported_ops = {"Conv", "Relu"};
  return c;
}

}  // namespace

TEST(SearchCodec, BaselineSchedulesSurviveEncodeAndDecode) {
  // Residual joins, inception branches, attention; one device and four networked ones.
  for (const char* model : {"resnet50", "googlenet", "transformer_encoder"})
    for (const char* board_name : {"default", "c6678_cluster"}) {
      const auto net = sim::load_onnx_file(kModels + "/" + model + ".onnx");
      const auto board = shipped_board(board_name);
      const SearchSpace space(net.network, board);
      for (const auto& [name, strategy] : explorer::baseline_strategies()) {
        sim::Schedule schedule;
        try {
          schedule = strategy.make(net.network, board);
        } catch (const InputError&) {
          continue;  // does not apply to this board
        }
        const std::string label = std::string(model) + " on " + board_name + ", " + name;
        RepairCounts dropped, repairs;
        const Genome genome = explorer::encode(space, schedule, &dropped);
        const sim::Schedule decoded = explorer::decode(space, genome, name, &repairs);
        EXPECT_TRUE(dropped.empty()) << label;
        EXPECT_TRUE(repairs.empty()) << label << ": " << repairs.begin()->first;
        expect_same_tasks(net.network, board, schedule, decoded, label);
        EXPECT_EQ(explorer::encode(space, decoded), genome) << label;
      }
    }
}

TEST(SearchCodec, ChainsAndSplitsSurviveEncodeAndDecode) {
  const SmallCase c = small_case();
  const SearchSpace space(c.net.network, c.board);
  sim::Schedule schedule{"user", {}, 1};
  sim::ScheduledTask chain;
  chain.ops = {"conv", "relu"};
  chain.pu = "npu";
  chain.dtype = sim::DType::kInt8;
  chain.priority = 2;
  sim::ScheduledTask sig;
  sig.ops = {"sig"};
  sig.pu = "cpu";
  sig.cores = {1};
  sig.dtype = sim::DType::kFloat32;
  schedule.tasks = {chain, sig};
  RepairCounts repairs;
  expect_same_tasks(c.net.network, c.board, schedule,
                    explorer::decode(space, explorer::encode(space, schedule), "user", &repairs),
                    "chain");
  EXPECT_TRUE(repairs.empty());

  sim::ScheduledTask split;
  split.ops = {"conv"};
  split.pu = "cpu";
  split.cores = {0, 1};
  split.split = sim::SplitAxis::kOutputChannels;
  split.shares = {3, 1};
  split.dtype = sim::DType::kFloat32;
  sim::ScheduledTask relu = sig;
  relu.ops = {"relu"};
  schedule.tasks = {split, relu, sig};
  expect_same_tasks(c.net.network, c.board, schedule,
                    explorer::decode(space, explorer::encode(space, schedule), "user", &repairs),
                    "split");
  EXPECT_TRUE(repairs.empty());
}

TEST(SearchCodec, RepairsAreCountedByReason) {
  const SmallCase c = small_case();
  const SearchSpace space(c.net.network, c.board);
  ASSERT_EQ(space.size(), 3u);
  const uint32_t cpu = *space.place_of("", "cpu"), npu = *space.place_of("", "npu");
  Genome genome(3);
  genome[0].place = npu;  // conv on the NPU, linked with relu...
  genome[0].link = 0;
  genome[1].place = cpu;  // ...which sits on the CPU: the link cannot hold
  genome[1].cores = {0, 1};
  genome[1].split = sim::SplitAxis::kBatch;  // and a batch of one cannot be split
  genome[2].place = npu;                     // the NPU has no Sigmoid
  genome[2].cores = {5};
  RepairCounts repairs;
  const sim::Schedule s = explorer::decode(space, genome, "t", &repairs);
  EXPECT_EQ(repairs,
            (RepairCounts{{"op moved to a PU that can run it", 1},
                          {"split dropped: the op cannot be split that way", 1},
                          {"link dropped: the ops run on different cores or element types", 1}}));
  EXPECT_NO_THROW(sim::check_schedule(s, c.net.network, c.board, "decoded"));
  ASSERT_EQ(s.tasks.size(), 3u);
  EXPECT_EQ(s.tasks[0].pu, "npu");
  EXPECT_EQ(s.tasks[1].pu, "cpu");
  EXPECT_EQ(s.tasks[1].cores, std::vector<int64_t>{0});
  EXPECT_EQ(s.tasks[2].pu, "cpu");  // moved to the only PU that runs Sigmoid, core 0
  EXPECT_EQ(s.tasks[2].cores, std::vector<int64_t>{0});
}

TEST(SearchCodec, LinksThatWouldMakeTasksWaitOnEachOtherAreDropped) {
  // p -> a -> add and p -> c -> add: linking p, a and add into one task would leave c waiting
  // for that task and that task waiting for c.
  OnnxModelBuilder b;
  b.input("x", {1, 64}).output("y");
  b.node("Relu", {"x"}, {"p_out"}, "p");
  b.node("Sigmoid", {"p_out"}, {"a_out"}, "a");
  b.node("Tanh", {"p_out"}, {"c_out"}, "c");
  b.node("Add", {"a_out", "c_out"}, {"y"}, "add");
  const auto net = sim::load_onnx_bytes(b.bytes(), "diamond.onnx");
  const auto board = hsim::testing::TestBoard{}.build();
  const SearchSpace space(net.network, board);
  Genome genome(4);
  auto link = [&](size_t from, size_t to) {
    const auto& targets = space.gene(from).link_targets;
    const auto at = std::find(targets.begin(), targets.end(), to);
    ASSERT_NE(at, targets.end());
    genome[from].link = static_cast<int32_t>(at - targets.begin());
  };
  link(0, 1);  // p -> a
  link(1, 3);  // a -> add: closes the cycle through c
  RepairCounts repairs;
  const sim::Schedule s = explorer::decode(space, genome, "t", &repairs);
  EXPECT_EQ(repairs, (RepairCounts{{"link dropped: it would make tasks wait on each other", 1}}));
  ASSERT_EQ(s.tasks.size(), 3u);
  EXPECT_EQ(s.tasks[0].ops, (std::vector<std::string>{"p", "a"}));
  EXPECT_EQ(s.tasks[1].ops, std::vector<std::string>{"c"});
  EXPECT_EQ(s.tasks[2].ops, std::vector<std::string>{"add"});
}

TEST(SearchCodec, EveryGenomeTheOperatorsMakeDecodesToACheckedSchedule) {
  for (const char* model : {"googlenet", "transformer_encoder", "mobilenet_v2"})
    for (const char* board_name : {"default", "c6678_cluster"}) {
      const auto net = sim::load_onnx_file(kModels + "/" + model + ".onnx");
      const auto board = shipped_board(board_name);
      const SearchSpace space(net.network, board);
      explorer::Rng rng(7);
      std::vector<Genome> pool;
      for (int i = 0; i < 8; ++i) pool.push_back(explorer::random_genome(space, rng));
      for (int i = 0; i < 200; ++i) {
        Genome child =
            explorer::crossover(pool[rng.below(pool.size())], pool[rng.below(pool.size())], rng);
        for (int m = 0; m < 3; ++m) explorer::mutate(space, child, rng);
        const sim::Schedule s = explorer::decode(space, child, "t");
        ASSERT_NO_THROW(sim::check_schedule(s, net.network, board, "decoded"))
            << model << " on " << board_name;
        // Decoding is a projection: what a decoded schedule encodes to needs no repair.
        RepairCounts again;
        const sim::Schedule twice =
            explorer::decode(space, explorer::encode(space, s), "t", &again);
        EXPECT_TRUE(again.empty()) << again.begin()->first;
        EXPECT_EQ(explorer::canonical_key(twice), explorer::canonical_key(s));
        pool[rng.below(pool.size())] = std::move(child);
      }
    }
}

TEST(SearchCodec, OperatorsAreDeterministicPerSeed) {
  const auto net = sim::load_onnx_file(kModels + "/googlenet.onnx");
  const auto board = shipped_board("default");
  const SearchSpace space(net.network, board);
  auto run = [&](uint64_t seed) {
    explorer::Rng rng(seed);
    Genome a = explorer::random_genome(space, rng), b = explorer::random_genome(space, rng);
    Genome child = explorer::crossover(a, b, rng);
    for (int m = 0; m < 20; ++m) explorer::mutate(space, child, rng);
    return explorer::canonical_key(explorer::decode(space, child, "t"));
  };
  EXPECT_EQ(run(11), run(11));
  EXPECT_NE(run(11), run(12));
}

TEST(SearchCodec, SpaceOffersOnlyLegalChoices) {
  const SmallCase c = small_case();
  const SearchSpace space(c.net.network, c.board);
  const uint32_t cpu = *space.place_of("", "cpu"), npu = *space.place_of("", "npu");
  // Conv and Relu run on both; Sigmoid only on the CPU. Only Conv can be split, on the CPU.
  EXPECT_EQ(space.gene(0).places, (std::vector<uint32_t>{cpu, npu}));
  EXPECT_EQ(space.gene(2).places, std::vector<uint32_t>{cpu});
  EXPECT_EQ(space.gene(0).split_places, std::vector<uint32_t>{cpu});
  // Axes: those the runtime can cut the op along into two or more parts (a batch of 1 is not).
  for (size_t g = 0; g < space.size(); ++g) {
    const sim::Op& op = c.net.network.op(space.gene(g).op);
    std::vector<sim::SplitAxis> axes;
    for (auto axis :
         {sim::SplitAxis::kOutputChannels, sim::SplitAxis::kOutputRows, sim::SplitAxis::kBatch})
      if (sim::split_unsupported_reason(c.net.network, op, axis).empty()) axes.push_back(axis);
    EXPECT_EQ(space.gene(g).split_axes, axes) << op.name;
    EXPECT_EQ(std::count(axes.begin(), axes.end(), sim::SplitAxis::kBatch), 0);
  }
  EXPECT_FALSE(space.gene(0).split_axes.empty());
  EXPECT_EQ(space.gene(0).link_targets, std::vector<uint32_t>{1});
  EXPECT_EQ(space.gene(1).link_targets, std::vector<uint32_t>{2});
  EXPECT_EQ(space.gene(0).dtype[npu], sim::DType::kInt8);
  EXPECT_EQ(space.gene(0).dtype[cpu], sim::DType::kFloat32);
  const SearchSpace closed(c.net.network, c.board, {false, false, false, 1});
  EXPECT_TRUE(closed.splittable().empty());
  EXPECT_TRUE(closed.linkable().empty());
}
