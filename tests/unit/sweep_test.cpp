// Sweeps: job expansion, file errors, and a killed sweep resumed to the same results.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/error.h"
#include "support/input_error.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"
#include "sweep/sweep_runner.h"

using namespace hsim::explorer;
namespace fs = std::filesystem;

namespace {

const std::string kRoot = std::string(HSIM_MODELS_DIR) + "/..";

std::string sweep_yaml() {
  return "boards: [hw_configs/default.yaml, hw_configs/rk3588.yaml]\n"
         "nets: [models/squeezenet1_1.onnx, models/transformer_encoder.onnx]\n"
         "strategies: [static, heft]\n"
         "axes:\n  devices.soc.dram.bandwidth: [12.8 GB/s, 25.6 GB/s]\n"
         "  devices.soc.dram.latency: [80 ns, 120 ns]\n"
         "exclude:\n  - {board: hw_configs/rk3588.yaml, strategy: static}\n";
}

std::string write_sweep() {
  const std::string path =
      kRoot + "/" + fs::path(hsim::testing::temp_path("s.yaml")).filename().string();
  std::ofstream(path) << sweep_yaml();
  return path;
}

// results.csv rows without the header, sorted (jobs may finish in any order).
std::vector<std::string> sorted_rows(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) rows.push_back(line);
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace

TEST(Sweep, ExpandsTheCartesianProductMinusExclusions) {
  const SweepSpec spec = parse_sweep_text(sweep_yaml(), "s.yaml", kRoot);
  const auto jobs = expand_jobs(spec);
  // 2 boards x 2 nets x 2 strategies x 2 x 2 axis values = 32, minus rk3588's static: 8.
  EXPECT_EQ(jobs.size(), 24u);
  EXPECT_EQ(jobs.front().axis_values, (std::vector<std::string>{"12.8 GB/s", "80 ns"}));
  EXPECT_EQ(jobs[1].axis_values, (std::vector<std::string>{"12.8 GB/s", "120 ns"}));
  for (const auto& job : jobs)
    EXPECT_FALSE(job.board.find("rk3588") != std::string::npos && job.strategy == "static");
}

TEST(Sweep, IncludeRulesKeepMatchingJobsAndExcludeRulesDropThem) {
  const std::string head =
      "boards: [hw_configs/default.yaml, hw_configs/rk3588.yaml]\n"
      "nets: [models/squeezenet1_1.onnx, models/resnet18.onnx]\n"
      "strategies: [static, heft, partition-dp]\n"
      "axes:\n  devices.soc.dram.bandwidth: [12.8 GB/s, 25.6 GB/s]\n";
  // Either every heft job, or the static jobs at 25.6 GB/s; without resnet18 on rk3588.
  const SweepSpec spec = parse_sweep_text(
      head +
          "include:\n  - {strategy: heft}\n"
          "  - {strategy: [static], devices.soc.dram.bandwidth: 25.6 GB/s}\n"
          "exclude:\n  - {board: hw_configs/rk3588.yaml, net: [models/resnet18.onnx]}\n",
      "s.yaml", kRoot);
  const auto jobs = expand_jobs(spec);
  // Kept before the exclusion: heft 2 boards x 2 nets x 2 bandwidths = 8, static 2 x 2 x 1 = 4;
  // of those 12, rk3588 with resnet18 is a quarter of each group (2 + 1).
  EXPECT_EQ(jobs.size(), 9u);
  for (const auto& job : jobs) {
    EXPECT_NE(job.strategy, "partition-dp");
    if (job.strategy == "static") {
      EXPECT_EQ(job.axis_values[0], "25.6 GB/s");
    }
    EXPECT_FALSE(job.board.find("rk3588") != std::string::npos &&
                 job.net.find("resnet18") != std::string::npos);
  }
  // A rule value the sweep does not have is a typo, not a filter that matches nothing.
  try {
    parse_sweep_text(head + "include:\n  - {strategy: hfet}\n", "s.yaml", kRoot);
    ADD_FAILURE() << "accepted a strategy the sweep does not run";
  } catch (const hsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("hfet"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("s.yaml:7"), std::string::npos) << e.what();
  }
}

TEST(Sweep, BadFilesNameTheFileAndKey) {
  auto error_of = [](const std::string& yaml) {
    return hsim::testing::input_error_of([&] { parse_sweep_text(yaml, "s.yaml", kRoot); });
  };
  EXPECT_NE(error_of("boards: [nope.yaml]\nnets: [models/resnet50.onnx]\nstrategies: [cpu]\n")
                .find("no such file"),
            std::string::npos);
  EXPECT_NE(error_of("boards: [hw_configs/default.yaml]\nnets: [models/resnet50.onnx]\n"
                     "strategies: [cpu]\ncolour: red\n")
                .find("colour"),
            std::string::npos);
  EXPECT_NE(error_of("boards: [hw_configs/default.yaml]\nnets: [models/resnet50.onnx]\n")
                .find("strategies"),
            std::string::npos);
}

TEST(Sweep, ParsesQuotedCsv) {
  const auto rows = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\n1,2,3");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2", "3"}));
}

TEST(SweepCli, AKilledSweepResumesToTheSameResults) {
  const std::string sweep = write_sweep();
  const std::string whole = hsim::testing::temp_path("whole");
  const auto full =
      hsim::testing::run_program(HSIM_BINARY, {"sweep", sweep, "--out", whole, "--jobs", "2"});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  ASSERT_EQ(sorted_rows(whole + "/results.csv").size(), 24u);

  // The same sweep, killed once a few rows are in, then resumed.
  const std::string cut = hsim::testing::temp_path("cut");
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    execl(HSIM_BINARY, HSIM_BINARY, "sweep", sweep.c_str(), "--out", cut.c_str(), "--jobs", "1",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 600 && sorted_rows(cut + "/results.csv").size() < 3; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  const size_t before = sorted_rows(cut + "/results.csv").size();
  EXPECT_GE(before, 3u);
  EXPECT_LT(before, 24u) << "the sweep finished before it was killed";
  // Without --resume an existing results.csv is not overwritten.
  const auto refused = hsim::testing::run_program(HSIM_BINARY, {"sweep", sweep, "--out", cut});
  EXPECT_EQ(refused.exit_code, 2);
  const auto resumed = hsim::testing::run_program(
      HSIM_BINARY, {"sweep", sweep, "--out", cut, "--jobs", "2", "--resume"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(sorted_rows(cut + "/results.csv"), sorted_rows(whole + "/results.csv"));
  fs::remove(sweep);
}
