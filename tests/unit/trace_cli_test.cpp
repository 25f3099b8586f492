// `hsim trace` and `hsim run-trace` through the real binary.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "baselines/baselines.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

using hsim::testing::run_program;
using hsim::testing::temp_path;

namespace {

const std::string kBoard = std::string(HSIM_MODELS_DIR) + "/../hw_configs/default.yaml";

std::string write_text(const std::string& name, const std::string& text) {
  const std::string path = temp_path(name);
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST(TraceCli, UserTraceRunsWithClosedFormLatency) {
  // The default board's NPU runs at 1 GHz: 2,500,000 cycles take 2,500 us; the second kernel's
  // 500,000 cycles end it at 3,000 us.
  const std::string trace = write_text(
      "user.trace", "kernel first\ncompute cycles=2500000\nkernel second\ncompute cycles=500000\n");
  const auto r = run_program(HSIM_BINARY,
                             {"run-trace", "--hw", kBoard, "--trace", trace, "--core", "soc.npu0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Latency      3000.000 us"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2500.000"), std::string::npos) << r.out;
}

TEST(TraceCli, TracesOfANetworkRoundTripThroughTheSimulator) {
  const std::string out = temp_path("r18.trace");
  const std::string net = std::string(HSIM_MODELS_DIR) + "/resnet18.onnx";
  const auto written = run_program(
      HSIM_BINARY, {"trace", "--hw", kBoard, "--net", net, "--pu", "npu", "--out", out});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  const auto ran =
      run_program(HSIM_BINARY, {"run-trace", "--hw", kBoard, "--trace", out, "--core", "soc.npu0"});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  // One table row per op of ResNet-18 (49), numbered 0..48.
  EXPECT_NE(ran.out.find("\n48  "), std::string::npos);
  EXPECT_EQ(ran.out.find("\n49  "), std::string::npos);
}

TEST(TraceCli, BadInputsExitTwoWithOneLine) {
  const std::string bad = write_text("bad.trace", "kernel k\nload bytes=1 from=disk to=local\n");
  const std::vector<std::vector<std::string>> cases = {
      {"run-trace", "--hw", kBoard, "--trace", bad, "--core", "soc.npu0"},
      {"run-trace", "--hw", kBoard, "--trace", "/no/such.trace", "--core", "soc.npu0"},
      {"run-trace", "--hw", kBoard, "--trace", bad, "--core", "soc.gpu0"},
      {"trace", "--hw", kBoard, "--net", std::string(HSIM_MODELS_DIR) + "/transformer_encoder.onnx",
       "--pu", "npu"},
      {"trace", "--hw", kBoard, "--net", std::string(HSIM_MODELS_DIR) + "/resnet18.onnx", "--pu",
       "tpu"},
  };
  for (const auto& args : cases) {
    const auto r = run_program(HSIM_BINARY, args);
    EXPECT_EQ(r.exit_code, 2) << args[4];
    EXPECT_EQ(r.err.rfind("hsim: error: ", 0), 0u) << r.err;
    EXPECT_EQ(hsim::testing::count_lines(r.err), 1u) << r.err;
  }
}

TEST(SimulateCli, HandWrittenScheduleRunsAndWritesItsOutputs) {
  // Two branches on two CPU cores: the schedule file names each op's PU and core.
  hsim::testing::OnnxModelBuilder b;
  b.input("x", {1, 256, 256}).output("ya").output("yb");
  b.node("Sigmoid", {"x"}, {"ya"}, "a");
  b.node("Tanh", {"x"}, {"yb"}, "b");
  const std::string net = b.write("branches.onnx");
  const std::string schedule =
      write_text("s.yaml",
                 "strategy: user\ntasks:\n  - {ops: [a], pu: cpu, cores: [0]}\n"
                 "  - {ops: [b], pu: cpu, cores: [1]}\n");
  const std::string out = temp_path("run");
  const auto r = run_program(HSIM_BINARY, {"simulate", "--hw", kBoard, "--net", net, "--schedule",
                                           schedule, "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("soc.cpu0"), std::string::npos);
  EXPECT_NE(r.out.find("soc.cpu1"), std::string::npos);
  const std::string ops = hsim::testing::read_text(out + "/ops.csv");
  EXPECT_EQ(hsim::testing::count_lines(ops), 3u);  // header + two ops
  const auto bad =
      run_program(HSIM_BINARY, {"simulate", "--hw", kBoard, "--net", net, "--schedule",
                                write_text("bad.yaml", "tasks:\n  - {ops: [a], pu: cpu}\n")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("op 'b' (Tanh) is not scheduled"), std::string::npos) << bad.err;
  EXPECT_EQ(hsim::testing::count_lines(bad.err), 1u);
}

TEST(MainJobCli, RanksBaselinesAndSearchesAndWritesTheRunFolder) {
  const std::string out = temp_path("main_run");
  const std::string net = std::string(HSIM_MODELS_DIR) + "/squeezenet1_1.onnx";
  const auto r = run_program(
      HSIM_BINARY, {"--hw", kBoard, "--net", net, "--out", out, "--search-evaluations", "300"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Every baseline, then ga and tune seeded with them. The NPU of the default board (1.024
  // TMAC/s int8) beats one CPU core (17.6 GMAC/s fp32) by far, so cpu ranks last (1.00x).
  const size_t strategies = hsim::explorer::baseline_strategies().size() + 2;
  EXPECT_NE(r.out.find(std::to_string(strategies) + "  cpu "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1.00x"), std::string::npos);
  for (const char* file :
       {"run.json", "board.yaml", "schedule.yaml", "schedules/cpu.yaml", "schedules/static.yaml",
        "schedules/heft.yaml", "schedules/partition-dp.yaml", "schedules/ga.yaml",
        "schedules/tune.yaml", "summary.csv", "ops.csv", "pus.csv", "trace.json"})
    EXPECT_FALSE(hsim::testing::read_text(out + "/" + file).empty()) << file;
  // summary.csv: rank, strategy, latency_ps, ... ranked by latency; a search starts from the
  // baselines' schedules, so it is never behind the best of them.
  std::istringstream summary(hsim::testing::read_text(out + "/summary.csv"));
  std::string line;
  std::getline(summary, line);
  std::map<std::string, int64_t> latency;
  int64_t previous = 0;
  while (std::getline(summary, line)) {
    std::stringstream fields(line);
    std::string rank, strategy, ps;
    std::getline(fields, rank, ',');
    std::getline(fields, strategy, ',');
    std::getline(fields, ps, ',');
    latency[strategy] = std::stoll(ps);
    EXPECT_GE(latency[strategy], previous) << line;
    previous = latency[strategy];
  }
  ASSERT_EQ(latency.size(), strategies);
  for (const char* search : {"ga", "tune"})
    for (const char* baseline : {"cpu", "cpu-all", "static", "heft", "partition-dp"})
      EXPECT_LE(latency.at(search), latency.at(baseline)) << search << " vs " << baseline;
  // report.html is the search report: both searches, each with its generations and its
  // evaluations within the budget, above the run report's sections.
  const std::string page = hsim::testing::read_text(out + "/report.html");
  const std::string open = "<script type=\"application/json\" id=\"hsim-search-data\">";
  const size_t at = page.find(open);
  ASSERT_NE(at, std::string::npos);
  const size_t from = at + open.size();
  const auto data = nlohmann::json::parse(page.substr(from, page.find("</script>", from) - from));
  ASSERT_EQ(data["searches"].size(), 2u);
  EXPECT_EQ(data["searches"][0]["strategy"], "ga");
  EXPECT_EQ(data["searches"][1]["strategy"], "tune");
  for (const auto& search : data["searches"]) {
    EXPECT_LE(search["evaluations"].get<int64_t>(), 300);
    EXPECT_FALSE(search["generations"].empty());
  }
  EXPECT_NE(page.find("id=\"hsim-data\""), std::string::npos);
  // A schedule the main job wrote re-runs with hsim simulate to the latency it reported.
  const auto again = run_program(HSIM_BINARY, {"simulate", "--hw", kBoard, "--net", net,
                                               "--schedule", out + "/schedules/tune.yaml"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find(fmt::format("{:.3f} ms", static_cast<double>(latency.at("tune")) / 1e9)),
            std::string::npos)
      << again.out;
}

TEST(MainJobCli, OnlyTheStrategiesAskedForRun) {
  const std::string out = temp_path("main_static");
  const std::string net = std::string(HSIM_MODELS_DIR) + "/squeezenet1_1.onnx";
  const auto r =
      run_program(HSIM_BINARY, {"--hw", kBoard, "--net", net, "--out", out, "--strategy", "static",
                                "--strategy", "ga", "--search-evaluations", "100", "--jobs", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(hsim::testing::count_lines(hsim::testing::read_text(out + "/summary.csv")), 3u);
  EXPECT_FALSE(std::filesystem::exists(out + "/schedules/heft.yaml"));
}

TEST(MainJobCli, MissingInputsAndUnknownStrategyExitTwo) {
  const auto none = run_program(HSIM_BINARY, {});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(hsim::testing::count_lines(none.err), 1u) << none.err;
  const auto unknown = run_program(
      HSIM_BINARY, {"--hw", kBoard, "--net", std::string(HSIM_MODELS_DIR) + "/resnet18.onnx",
                    "--strategy", "magic", "--out", temp_path("x")});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown strategy"), std::string::npos) << unknown.err;
}
