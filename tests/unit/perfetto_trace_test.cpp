// The Perfetto trace and pus.csv of a run folder, checked structurally against ops.csv.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

using nlohmann::json;

TEST(PerfettoTrace, OneEventPerOpOnNamedNonOverlappingTracks) {
  const std::string out = hsim::testing::temp_path("run");
  const std::string board = std::string(HSIM_MODELS_DIR) + "/../hw_configs/default.yaml";
  const std::string net = std::string(HSIM_MODELS_DIR) + "/resnet18.onnx";
  const auto r = hsim::testing::run_program(
      HSIM_BINARY, {"--hw", board, "--net", net, "--strategy", "static", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json trace = json::parse(hsim::testing::read_text(out + "/trace.json"));
  ASSERT_TRUE(trace.contains("traceEvents"));

  std::map<std::pair<int, int>, std::string> thread_names;
  std::map<std::pair<int, int>, std::vector<std::pair<double, double>>> spans;
  std::map<std::string, std::pair<double, double>> op_events;
  for (const auto& e : trace["traceEvents"]) {
    const std::string ph = e["ph"];
    if (ph == "M" && e["name"] == "thread_name")
      thread_names[{e["pid"], e["tid"]}] = e["args"]["name"];
    if (ph == "X") {
      spans[{e["pid"], e["tid"]}].push_back({e["ts"], e["dur"]});
      EXPECT_GE(e["dur"].get<double>(), 0.0);
      if (e["cat"] != "transfer") op_events[e["name"]] = {e["ts"], e["dur"]};
    }
    if (ph == "C") {
      EXPECT_GE(e["args"]["GB/s"].get<double>(), 0.0);
    }
  }
  // Every track with events is named, and its events do not overlap (Perfetto nests events on
  // one thread, so overlapping ones would be drawn wrongly).
  for (auto& [track, list] : spans) {
    EXPECT_TRUE(thread_names.count(track)) << track.first << "/" << track.second;
    std::sort(list.begin(), list.end());
    for (size_t i = 1; i < list.size(); ++i)
      EXPECT_LE(list[i - 1].first + list[i - 1].second, list[i].first + 1e-6);
  }
  // The ops match ops.csv: same names, start and end in us = ps / 1e6.
  std::istringstream csv(hsim::testing::read_text(out + "/ops.csv"));
  std::string line;
  std::getline(csv, line);
  size_t rows = 0;
  while (std::getline(csv, line)) {
    std::vector<std::string> f;
    std::stringstream row(line);
    for (std::string field; std::getline(row, field, ',');) f.push_back(field);
    ASSERT_TRUE(op_events.count(f[0])) << f[0];
    EXPECT_NEAR(op_events[f[0]].first, std::stod(f[4]) / 1e6, 1e-6);
    EXPECT_NEAR(op_events[f[0]].first + op_events[f[0]].second, std::stod(f[5]) / 1e6, 1e-6);
    ++rows;
  }
  EXPECT_EQ(rows, op_events.size());
  EXPECT_EQ(rows, 48u);  // ResNet-18's 49 ops less its one view (Flatten)
  // pus.csv: the NPU ran, and its utilisation is compute time over latency, within [0, 1].
  const std::string pus = hsim::testing::read_text(out + "/pus.csv");
  EXPECT_NE(pus.find("soc.npu0,"), std::string::npos) << pus;
}
