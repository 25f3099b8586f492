// sweep.html as `hsim sweep` writes it: the embedded rows against results.csv, the same bytes
// (but the timestamp line) for the same sweep, and the page rendered in headless Chromium
// without script errors, with one table row per job, one chart per axis and the lines and points
// counted from results.csv independently of the page's script.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/onnx_model_builder.h"
#include "support/process_runner.h"
#include "sweep/sweep_runner.h"

namespace {

namespace fs = std::filesystem;
using hsim::testing::read_text;
using nlohmann::json;

const std::string kRoot = std::string(HSIM_MODELS_DIR) + "/..";

// 1 board x 2 nets x 2 strategies x 3 x 2 axis values = 24 jobs; a DRAM of 0 GB/s is refused by
// the board check, so the 8 jobs with it fail.
const char* const kSweep =
    "boards: [hw_configs/default.yaml]\n"
    "nets: [models/squeezenet1_1.onnx, models/transformer_encoder.onnx]\n"
    "strategies: [static, heft]\n"
    "axes:\n  devices.soc.dram.bandwidth: [12.8 GB/s, 25.6 GB/s, 0 GB/s]\n"
    "  devices.soc.dram.latency: [80 ns, 120 ns]\n";

std::string write_sweep() {
  const std::string path =
      kRoot + "/" + fs::path(hsim::testing::temp_path("sr.yaml")).filename().string();
  std::ofstream(path) << kSweep;
  return path;
}

void run_sweep(const std::string& sweep, const std::string& out) {
  const auto r =
      hsim::testing::run_program(HSIM_BINARY, {"sweep", sweep, "--out", out, "--jobs", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

json embedded_data(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"hsim-data\">";
  const size_t at = page.find(open);
  if (at == std::string::npos) return json();
  const size_t from = at + open.size();
  return json::parse(page.substr(from, page.find("</script>", from) - from));
}

std::string without_timestamp(const std::string& page) {
  std::istringstream in(page);
  std::string line, out;
  while (std::getline(in, line))
    if (line.find("data-hsim-timestamp") == std::string::npos) out += line + '\n';
  return out;
}

std::string attribute(const std::string& html, const std::string& id, const std::string& name) {
  const size_t at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const size_t open = html.rfind('<', at), close = html.find('>', at);
  const std::string tag = html.substr(open, close - open);
  const size_t value = tag.find(" " + name + "=\"");
  if (value == std::string::npos) return "";
  const size_t from = value + name.size() + 3;
  return tag.substr(from, tag.find('"', from) - from);
}

TEST(SweepReportCli, EmbedsEveryRowInTheSweepsOrderAndIsReproducible) {
  const std::string sweep = write_sweep();
  const std::string out = hsim::testing::temp_path("sweep");
  run_sweep(sweep, out);
  const std::string first = read_text(out + "/sweep.html");
  const auto csv = hsim::explorer::parse_csv(read_text(out + "/results.csv"));
  ASSERT_EQ(csv.size(), 25u);
  const json data = embedded_data(first);
  ASSERT_TRUE(data.is_object());
  EXPECT_EQ(data["columns"], json(csv.front()));
  ASSERT_EQ(data["rows"].size(), 24u);
  // Every results.csv row is there once, in the sweep's order (the last axis fastest), whatever
  // order the two job slots finished them in.
  std::set<std::vector<std::string>> csv_rows(csv.begin() + 1, csv.end());
  std::set<std::vector<std::string>> page_rows;
  for (const auto& row : data["rows"]) page_rows.insert(row.get<std::vector<std::string>>());
  EXPECT_EQ(page_rows, csv_rows);
  EXPECT_EQ(data["rows"][0][6], "80 ns");
  EXPECT_EQ(data["rows"][1][6], "120 ns");
  EXPECT_EQ(data["rows"][0][5], "12.8 GB/s");
  EXPECT_EQ(data["rows"][2][5], "25.6 GB/s");
  EXPECT_EQ(count(first, "data-hsim-timestamp"), 1u);

  // The same sweep again, into the same folder: the same page but for the timestamp line.
  fs::remove_all(out);
  run_sweep(sweep, out);
  EXPECT_EQ(without_timestamp(read_text(out + "/sweep.html")), without_timestamp(first));
  // A resumed sweep with nothing left to do rewrites the page from results.csv alone.
  fs::remove(out + "/sweep.html");
  const auto resumed = hsim::testing::run_program(
      HSIM_BINARY, {"sweep", sweep, "--out", out, "--jobs", "2", "--resume"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(embedded_data(read_text(out + "/sweep.html"))["rows"], data["rows"]);
  fs::remove(sweep);
}

std::string find_chromium() {
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (fs::exists(path)) return path;
  return "";
}

TEST(SweepReportBrowser, RendersWithoutErrorsAChartPerAxisAndARowPerJob) {
  const std::string chromium = find_chromium();
  if (chromium.empty()) {
    if (std::getenv("CI")) FAIL() << "chromium is missing; scripts/install_deps.sh installs it";
    GTEST_SKIP() << "chromium not installed (scripts/install_deps.sh installs it)";
  }
  const std::string sweep = write_sweep();
  const std::string out = hsim::testing::temp_path("sweep");
  run_sweep(sweep, out);
  fs::remove(sweep);
  const std::string profile = hsim::testing::temp_path("chromium-profile");
  const auto r = hsim::testing::run_program(
      "timeout",
      {"90", chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
       "--disable-background-networking", "--disable-component-update", "--no-first-run",
       "--window-size=1600,1200", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
       "--dump-dom", "file://" + fs::absolute(out + "/sweep.html").string()});
  fs::remove_all(profile);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& dom = r.out;
  EXPECT_EQ(attribute(dom, "hsim-status", "data-ready"), "1") << dom.substr(0, 2000);
  EXPECT_EQ(dom.find("<pre id=\"hsim-errors\""), std::string::npos) << dom.substr(0, 4000);
  EXPECT_EQ(attribute(dom, "hsim-status", "data-errors"), "");
  EXPECT_EQ(r.err.find(":CONSOLE("), std::string::npos) << r.err;

  // Expected counts, from results.csv. Columns: job board net strategy seed bandwidth latency
  // status ... error.
  const auto csv = hsim::explorer::parse_csv(read_text(out + "/results.csv"));
  size_t failed = 0;
  // Per axis column: (net, strategy, value) -> jobs of that point that succeeded and failed.
  std::map<size_t, std::map<std::vector<std::string>, std::pair<int, int>>> points;
  for (size_t i = 1; i < csv.size(); ++i) {
    const auto& row = csv[i];
    const bool ok = row[7] == "ok";
    failed += !ok;
    for (size_t axis : {5u, 6u}) {
      auto& [good, bad] = points[axis][{row[2], row[3], row[axis]}];
      (ok ? good : bad)++;
    }
  }
  EXPECT_EQ(failed, 8u) << "every job at 0 GB/s fails";
  size_t expected_points = 0, hollow = 0;
  std::set<std::vector<std::string>> series;
  for (const auto& [axis, by_point] : points)
    for (const auto& [key, jobs] : by_point)
      if (jobs.first > 0) {
        ++expected_points;
        hollow += jobs.second > 0;
        series.insert({std::to_string(axis), key[0], key[1]});
      }
  // Bandwidth: 2 nets x 2 strategies x 2 working values (at 0 GB/s every job failed: no point);
  // latency: 2 x 2 x 2 points, each of one good job and one failed (hollow). 4 lines per chart.
  EXPECT_EQ(expected_points, 16u);
  EXPECT_EQ(hollow, 8u);
  EXPECT_EQ(series.size(), 8u);
  EXPECT_EQ(count(dom, "<div class=\"chart\""), 2u);
  EXPECT_EQ(count(dom, "<path class=\"series\""), series.size());
  EXPECT_EQ(count(dom, "<circle class=\"pt\""), expected_points);
  EXPECT_EQ(count(dom, "<circle class=\"pt\"") - count(dom, "data-failed=\"0\""), hollow);
  EXPECT_EQ(count(dom, "<tr data-row="), csv.size() - 1);
  EXPECT_EQ(count(dom, "class=\"error\">"), failed);
  EXPECT_EQ(count(dom, "<span class=\"message\">"), failed);
  EXPECT_EQ(attribute(dom, "hsim-status", "data-points"), std::to_string(expected_points));
}

}  // namespace
