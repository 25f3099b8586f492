// Many schedules on one elaborated platform: each result equals what a fresh process gives.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "baselines/baselines.h"
#include "board/board_file.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/schedule_file.h"
#include "schedule/schedule_runner.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

using namespace hsim;

TEST(ScheduleRunner, ResultsInALongLivedProcessEqualThoseOfAFreshOne) {
  if (!sim::Platform::can_elaborate()) GTEST_SKIP() << "needs a process of its own: run via ctest";
  const std::string board_path = std::string(HSIM_MODELS_DIR) + "/../hw_configs/default.yaml";
  const std::string net_path = std::string(HSIM_MODELS_DIR) + "/squeezenet1_1.onnx";
  const auto net = sim::load_onnx_file(net_path);
  const auto board = sim::load_board_file(board_path);
  const auto& strategies = explorer::baseline_strategies();
  const sim::Schedule fixed = strategies.at("static").make(net.network, board);
  const sim::Schedule other = strategies.at("cpu").make(net.network, board);

  sim::Platform platform(board);  // the board's own bursts: --fidelity board below
  sim::ScheduleRunner runner(net.network, platform);
  const auto first = runner.run(fixed, "static");
  (void)runner.run(other, "cpu");
  const auto later = runner.run(fixed, "static");

  // The same schedule in a fresh process, through the CLI.
  const std::string schedule_path = hsim::testing::temp_path("static.yaml");
  std::ofstream(schedule_path) << sim::schedule_yaml(fixed);
  const std::string out = hsim::testing::temp_path("fresh");
  const auto fresh = hsim::testing::run_program(
      HSIM_BINARY, {"simulate", "--hw", board_path, "--net", net_path, "--schedule", schedule_path,
                    "--fidelity", "board", "--out", out});
  ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
  std::istringstream csv(hsim::testing::read_text(out + "/ops.csv"));
  std::string line;
  std::getline(csv, line);  // header: op,type,core,dtype,start_ps,end_ps,...
  ASSERT_EQ(later.ops.size(), first.ops.size());
  for (size_t i = 0; i < later.ops.size(); ++i) {
    EXPECT_EQ(later.ops[i].start, first.ops[i].start) << i;
    EXPECT_EQ(later.ops[i].end, first.ops[i].end) << i;
    ASSERT_TRUE(std::getline(csv, line)) << i;
    std::vector<std::string> fields;
    std::stringstream row(line);
    for (std::string field; std::getline(row, field, ',');) fields.push_back(field);
    ASSERT_GE(fields.size(), 6u);
    EXPECT_EQ(std::stoll(fields[4]), later.ops[i].start) << line;
    EXPECT_EQ(std::stoll(fields[5]), later.ops[i].end) << line;
  }
  EXPECT_EQ(later.run.latency, first.run.latency);
  EXPECT_EQ(later.run.energy, first.run.energy);
}
