// `hsim explore` end to end on a shipped net: its outputs, its best against the baselines run
// independently in this process, byte-identical results for a seed, and a clean stop on Ctrl-C.
#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "baselines/baselines.h"
#include "board/board_file.h"
#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/schedule_file.h"
#include "schedule/schedule_runner.h"
#include "support/fresh_systemc.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

using namespace hsim;
using hsim::testing::read_text;
using hsim::testing::RunResult;
using hsim::testing::temp_path;
namespace fs = std::filesystem;

#define EXPECT_CONTAINS(text, part)                          \
  EXPECT_NE(std::string(text).find(part), std::string::npos) \
      << "expected \"" << (part) << "\" in: " << (text)

namespace {

const std::string kModels = HSIM_MODELS_DIR;
const std::string kNet = kModels + "/squeezenet1_1.onnx";
const std::string kBoard = kModels + "/../hw_configs/default.yaml";

RunResult explore(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"explore", "--hw", kBoard, "--net", kNet};
  args.insert(args.end(), extra.begin(), extra.end());
  return hsim::testing::run_program(HSIM_BINARY, args);
}

// Data rows of a CSV file (the header left out), split on commas (these files quote nothing).
std::vector<std::vector<std::string>> csv_rows(const std::string& path) {
  std::istringstream in(read_text(path));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST(ExploreCli, BestIsNoWorseThanEveryBaselineAndRerunsToTheSameLatency) {
  REQUIRE_FRESH_SYSTEMC();
  const std::string dir = temp_path("explore_run");
  const RunResult r = explore({"--evaluations", "300", "--seed", "3", "--out", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_CONTAINS(r.out, "ga search, latency objective");
  EXPECT_CONTAINS(r.out, "stopped: evaluation budget");
  for (const char* file :
       {"run.json", "board.yaml", "schedule.yaml", "search.csv", "pareto.csv", "summary.csv",
        "ops.csv", "pus.csv", "trace.json", "top/1.yaml", "top/5.yaml"})
    EXPECT_TRUE(fs::exists(fs::path(dir) / file)) << file;
  const nlohmann::json run = nlohmann::json::parse(read_text(dir + "/run.json"));
  const int64_t best = run.at("best").at("latency_ps").get<int64_t>();

  // The baselines, run here on a platform of the command's default fidelity.
  const sim::LoadedNetwork net = sim::load_onnx_file(kNet);
  const sim::BoardSpec board = sim::load_board_file(kBoard);
  sim::PlatformOptions fast;
  fast.min_burst = sim::kFastTransaction;
  sim::Platform platform(board, fast);
  sim::ScheduleRunner runner(net.network, platform);
  int64_t best_baseline = std::numeric_limits<int64_t>::max();
  for (const auto& [name, strategy] : explorer::baseline_strategies()) {
    sim::Schedule schedule;
    try {
      schedule = strategy.make(net.network, board);
    } catch (const InputError&) {
      continue;
    }
    best_baseline = std::min(best_baseline, runner.run(schedule, name).run.latency);
  }
  EXPECT_LE(best, best_baseline);

  // top/1.yaml is the best, and re-running it gives the latency the search recorded.
  EXPECT_EQ(read_text(dir + "/top/1.yaml"), read_text(dir + "/schedule.yaml"));
  EXPECT_EQ(runner.run(sim::load_schedule_file(dir + "/top/1.yaml"), "top/1.yaml").run.latency,
            best);
  const RunResult simulate = hsim::testing::run_program(
      HSIM_BINARY, {"simulate", "--hw", kBoard, "--net", kNet, "--schedule", dir + "/top/2.yaml"});
  EXPECT_EQ(simulate.exit_code, 0) << simulate.err;

  // search.csv: a row per generation; evaluations within the budget; the best never worsens and
  // ends at the run's best.
  const auto generations = csv_rows(dir + "/search.csv");
  ASSERT_GE(generations.size(), 2u);
  for (size_t g = 0; g < generations.size(); ++g) {
    EXPECT_EQ(generations[g][0], std::to_string(g));
    EXPECT_LE(std::stoll(generations[g][1]), 300);
    if (g > 0) {
      EXPECT_LE(std::stod(generations[g][4]), std::stod(generations[g - 1][4]));
    }
  }
  EXPECT_EQ(generations.back()[1], "300");
  EXPECT_EQ(generations.back()[6], std::to_string(best));
  const auto pareto = csv_rows(dir + "/pareto.csv");
  ASSERT_FALSE(pareto.empty());
  EXPECT_EQ(pareto.front()[0], std::to_string(best));  // the fastest point is the best
}

TEST(ExploreCli, ResultsAreByteIdenticalForASeedWhateverTheJobCount) {
  const std::string a = temp_path("explore_a"), b = temp_path("explore_b");
  ASSERT_EQ(explore({"--evaluations", "150", "--seed", "4", "--out", a}).exit_code, 0);
  // Three worker processes, each with its own platform, give what one process gives.
  const RunResult three = explore({"--evaluations", "150", "--seed", "4", "--jobs", "3", "--out", b});
  ASSERT_EQ(three.exit_code, 0) << three.err;
  for (const char* file : {"search.csv", "pareto.csv", "summary.csv", "schedule.yaml", "top/1.yaml",
                           "top/5.yaml", "ops.csv"})
    EXPECT_EQ(read_text(a + "/" + file), read_text(b + "/" + file)) << file;
}

TEST(ExploreCli, RandomControlAndOtherObjectives) {
  const std::string dir = temp_path("explore_random");
  const RunResult r = explore({"--strategy", "random", "--objective", "energy", "--evaluations",
                               "64", "--population", "16", "--top", "2", "--out", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_CONTAINS(r.out, "random search, energy objective");
  EXPECT_CONTAINS(r.out, "random #1");
  EXPECT_TRUE(fs::exists(dir + "/top/2.yaml"));
  EXPECT_FALSE(fs::exists(dir + "/top/3.yaml"));
  EXPECT_EQ(csv_rows(dir + "/search.csv").size(), 4u);  // 64 evaluations in batches of 16
}

TEST(ExploreCli, BadOptionsExitTwoOnOneLine) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--strategy", "annealing"}, {"--objective", "speed"}, {"--elites", "40"}}) {
    const RunResult r = explore(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
    EXPECT_EQ(hsim::testing::count_lines(r.err), 1u) << r.err;
    EXPECT_EQ(r.err.rfind("hsim: error: ", 0), 0u) << r.err;
  }
}

TEST(ExploreCli, CtrlCStopsAfterTheGenerationAndWritesTheBestSoFar) {
  const std::string dir = temp_path("explore_interrupted");
  // SIGINT after 8 s of a search that would run for 10 minutes. timeout signals hsim and then
  // its own process group, hsim included: the two must count as one request. (Regression: the
  // second was taken as "abandon" whenever the handler ran in between, exit 130 in 1 run of 6.)
  const RunResult r = hsim::testing::run_program(
      "timeout", {"-s", "INT", "--preserve-status", "8", HSIM_BINARY, "explore", "--hw", kBoard,
                  "--net", kNet, "--time", "600", "--out", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_CONTAINS(r.out, "stopped: interrupted");
  EXPECT_TRUE(fs::exists(dir + "/schedule.yaml"));
  EXPECT_TRUE(fs::exists(dir + "/top/1.yaml"));
  EXPECT_FALSE(csv_rows(dir + "/search.csv").empty());
}
