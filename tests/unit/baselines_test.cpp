// Baseline strategies' placements on the default board.
#include <gtest/gtest.h>

#include "baselines/baselines.h"
#include "board/board_file.h"
#include "onnx/onnx_loader.h"

using namespace hsim;

namespace {

struct Fixture {
  sim::LoadedNetwork net =
      sim::load_onnx_file(std::string(HSIM_MODELS_DIR) + "/transformer_encoder.onnx");
  sim::BoardSpec board =
      sim::load_board_file(std::string(HSIM_MODELS_DIR) + "/../hw_configs/default.yaml");
};

}  // namespace

TEST(Baselines, CpuPutsEveryNonViewOpOnTheCpu) {
  Fixture f;
  const auto schedule = explorer::baseline_strategies().at("cpu").make(f.net.network, f.board);
  size_t non_views = 0;
  for (const auto& op : f.net.network.ops()) non_views += op.cost.is_view ? 0 : 1;
  ASSERT_EQ(schedule.tasks.size(), non_views);
  for (const auto& task : schedule.tasks) EXPECT_EQ(task.pu, "cpu");
}

TEST(Baselines, StaticUsesTheNpuWhereItCanAndTheCpuElsewhere) {
  Fixture f;
  const auto schedule = explorer::baseline_strategies().at("static").make(f.net.network, f.board);
  // The default board's NPU list has MatMul but neither Gather nor LayerNormalization nor
  // Softmax: those fall back to the fastest PU that runs them (the DSPs or the CPU).
  std::map<std::string, std::string> pu_of;
  for (const auto& task : schedule.tasks) pu_of[task.ops.front()] = task.pu;
  for (const auto& op : f.net.network.ops()) {
    if (op.cost.is_view) continue;
    if (op.type == "MatMul") {
      EXPECT_EQ(pu_of.at(op.name), "npu") << op.name;
    }
    if (op.type == "Softmax" || op.type == "Gather" || op.type == "LayerNormalization") {
      EXPECT_NE(pu_of.at(op.name), "npu") << op.name;
    }
  }
}

TEST(Baselines, CpuAllSplitsEveryProductAcrossAllCpuCores) {
  Fixture f;
  const auto schedule = explorer::baseline_strategies().at("cpu-all").make(f.net.network, f.board);
  int64_t cpu_cores = 0;
  for (const auto& pu : f.board.devices.front().pus)
    if (pu.name == "cpu") cpu_cores = pu.count;
  ASSERT_GE(cpu_cores, 2);
  size_t split = 0;
  for (const auto& task : schedule.tasks) {
    EXPECT_EQ(task.pu, "cpu");
    const auto& op = f.net.network.op(*f.net.network.find_op(task.ops.front()));
    if (op.type == "MatMul" && f.net.network.tensor(op.inputs.at(1)).is_fixed()) {
      // A product with a weight operand splits along its output channels over every core.
      EXPECT_EQ(task.split, sim::SplitAxis::kOutputChannels) << op.name;
      EXPECT_EQ(task.cores.size(), static_cast<size_t>(cpu_cores)) << op.name;
    }
    if (task.split) ++split;
    else EXPECT_EQ(task.cores, std::vector<int64_t>{0}) << op.name;
  }
  EXPECT_GT(split, 0u);
}
