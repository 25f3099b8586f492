// report.html as the real hsim binary writes it for ResNet-50 on the default board: size, the
// embedded data against the run folder's CSV files, byte-for-byte reproducibility, and the page
// rendered in headless Chromium (no script errors; one Gantt bar per scheduled op, one lane per
// core that ran ops and per DMA/port channel that moved data, one bar per strategy).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

namespace {

namespace fs = std::filesystem;
using hsim::testing::count_lines;
using hsim::testing::read_text;
using nlohmann::json;

const std::string kModels = HSIM_MODELS_DIR;
const std::string kBoard = kModels + "/../hw_configs/default.yaml";
const std::vector<std::string> kStrategies = {"cpu", "cpu-all", "static", "heft"};

// The main job on ResNet-50 and the default board into `dir`.
void run_main_job(const std::string& dir) {
  std::vector<std::string> args = {"--hw",  kBoard, "--net", kModels + "/resnet50.onnx",
                                   "--out", dir};
  for (const auto& s : kStrategies) args.insert(args.end(), {"--strategy", s});
  const auto r = hsim::testing::run_program(HSIM_BINARY, args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

json embedded_data(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"hsim-data\">";
  const size_t at = page.find(open);
  if (at == std::string::npos) return json();
  const size_t from = at + open.size();
  return json::parse(page.substr(from, page.find("</script>", from) - from));
}

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

size_t csv_rows(const std::string& path) {
  return count_lines(read_text(path)) - 1;
}

// Tracks Perfetto names: one per core that ran ops and one per channel that moved data.
size_t trace_tracks(const std::string& path) {
  size_t tracks = 0;
  const json trace = json::parse(read_text(path));
  for (const auto& e : trace["traceEvents"]) tracks += e["ph"] == "M" && e["name"] == "thread_name";
  return tracks;
}

TEST(HtmlReportCli, ResNet50ReportIsUnder2MBWithOneRowPerScheduledOp) {
  const std::string dir = hsim::testing::temp_path("run");
  run_main_job(dir);
  const std::string path = dir + "/report.html";
  ASSERT_TRUE(fs::exists(path));
  const auto size = fs::file_size(path);
  RecordProperty("report_bytes", static_cast<int>(size));
  EXPECT_LT(size, 2u * 1024 * 1024);
  const json data = embedded_data(read_text(path));
  ASSERT_TRUE(data.is_object());
  EXPECT_EQ(data["timings"]["rows"].size(), csv_rows(dir + "/ops.csv"));
  EXPECT_EQ(data["strategies"].size(), kStrategies.size());
  EXPECT_EQ(data["lanes"].size(), trace_tracks(dir + "/trace.json"));
  size_t core_lanes = 0;
  for (const auto& lane : data["lanes"]) core_lanes += lane["kind"] == "core";
  EXPECT_EQ(core_lanes, csv_rows(dir + "/pus.csv"));
  // Every op starts once its inputs are ready and computes within its duration.
  for (const auto& row : data["timings"]["rows"]) {
    const auto& f = data["timings"]["fields"];
    json t;
    for (size_t i = 0; i < f.size(); ++i) t[f[i].get<std::string>()] = row[i];
    EXPECT_LE(t["ready"].get<int64_t>(), t["start"].get<int64_t>()) << row;
    EXPECT_LE(t["core_free"].get<int64_t>(), t["start"].get<int64_t>()) << row;
    EXPECT_LE(t["compute"].get<int64_t>(),
              t["end"].get<int64_t>() - t["start"].get<int64_t>() + 1000)
        << row;
  }
  // Energy parts add up to the best strategy's energy in summary.csv (row 1, column 7).
  std::istringstream summary(read_text(dir + "/summary.csv"));
  std::string header, best;
  std::getline(summary, header);
  std::getline(summary, best);
  std::vector<std::string> cells;
  std::stringstream cell_stream(best);
  for (std::string cell; std::getline(cell_stream, cell, ',');) cells.push_back(cell);
  int64_t energy = 0;
  for (const auto& part : data["energy"]["rows"]) energy += part[1].get<int64_t>();
  EXPECT_EQ(std::to_string(energy), cells.at(6));
}

TEST(HtmlReportCli, SameRunGivesTheSameBytesApartFromTheTimestamp) {
  const std::string dir = hsim::testing::temp_path("run");
  run_main_job(dir);
  const std::string first = read_text(dir + "/report.html");
  run_main_job(dir);
  const std::string second = read_text(dir + "/report.html");
  auto strip = [](const std::string& page) {
    std::istringstream in(page);
    std::string line, out;
    while (std::getline(in, line))
      if (line.find("data-hsim-timestamp") == std::string::npos) out += line + '\n';
    return out;
  };
  EXPECT_EQ(count(first, "data-hsim-timestamp"), 1u);
  EXPECT_EQ(strip(first), strip(second));
}

TEST(HtmlReportCli, SimulateWritesAReportOfItsSchedule) {
  const std::string run = hsim::testing::temp_path("run");
  run_main_job(run);
  const std::string dir = hsim::testing::temp_path("simulate");
  const auto r = hsim::testing::run_program(
      HSIM_BINARY, {"simulate", "--hw", kBoard, "--net", kModels + "/resnet50.onnx", "--schedule",
                    run + "/schedule.yaml", "--out", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json data = embedded_data(read_text(dir + "/report.html"));
  ASSERT_TRUE(data.is_object());
  EXPECT_EQ(data["strategies"].size(), 1u);
  EXPECT_EQ(data["timings"]["rows"].size(), csv_rows(dir + "/ops.csv"));
  EXPECT_NE(data["meta"]["command"].get<std::string>().find("simulate"), std::string::npos);
}

std::string find_chromium() {
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (fs::exists(path)) return path;
  return "";
}

// The value of attribute `name` on the element with id `id` in serialized HTML, or "".
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

TEST(HtmlReportBrowser, ResNet50RendersWithoutErrorsOneBarPerOpOneLanePerCoreAndChannel) {
  const std::string chromium = find_chromium();
  if (chromium.empty()) {
    if (std::getenv("CI")) FAIL() << "chromium is missing; scripts/install_deps.sh installs it";
    GTEST_SKIP() << "chromium not installed (scripts/install_deps.sh installs it)";
  }
  const std::string dir = hsim::testing::temp_path("run");
  run_main_job(dir);
  const std::string profile = hsim::testing::temp_path("chromium-profile");
  const auto r = hsim::testing::run_program(
      "timeout",
      {"90", chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
       "--window-size=1600,1200", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
       "--dump-dom", "file://" + fs::absolute(dir + "/report.html").string()});
  fs::remove_all(profile);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& dom = r.out;
  // The script ran to its end, nothing reported an error, nothing logged to the console.
  EXPECT_EQ(attribute(dom, "hsim-status", "data-ready"), "1") << dom.substr(0, 2000);
  EXPECT_EQ(dom.find("<pre id=\"hsim-errors\""), std::string::npos) << dom.substr(0, 4000);
  EXPECT_EQ(attribute(dom, "hsim-status", "data-errors"), "");
  EXPECT_EQ(r.err.find(":CONSOLE("), std::string::npos) << r.err;
  // Counted in the rendered DOM, expected from the run folder's other files.
  const size_t ops = csv_rows(dir + "/ops.csv");
  const size_t cores = csv_rows(dir + "/pus.csv");
  const size_t tracks = trace_tracks(dir + "/trace.json");
  EXPECT_EQ(count(dom, "<rect class=\"op\""), ops);
  EXPECT_EQ(count(dom, "<g class=\"lane core\""), cores);
  EXPECT_EQ(count(dom, "<g class=\"lane channel\""), tracks - cores);
  EXPECT_GT(tracks, cores) << "the default board's NPU moves data through DMA channels";
  EXPECT_EQ(count(dom, "class=\"bar\""), kStrategies.size());
  EXPECT_EQ(count(dom, "<tr data-i="), ops);
  EXPECT_EQ(attribute(dom, "hsim-status", "data-bars"), std::to_string(ops));
}

}  // namespace
