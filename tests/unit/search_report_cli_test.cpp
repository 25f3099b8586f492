// report.html as `hsim explore` writes it: the embedded search data against the run folder's
// other files and against properties it must have (the Pareto front dominates the sample, the
// sample is evenly spread), byte-for-byte reproducibility, size on ResNet-50, and the page
// rendered in headless Chromium (no script errors; one convergence point per generation, one
// scatter point per sampled candidate, one per Pareto point, one column per top candidate).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

namespace {

namespace fs = std::filesystem;
using hsim::testing::read_text;
using hsim::testing::temp_path;
using nlohmann::json;

const std::string kModels = HSIM_MODELS_DIR;
const std::string kBoard = kModels + "/../hw_configs/default.yaml";
const std::string kSqueezeNet = kModels + "/squeezenet1_1.onnx";

// `hsim explore` on `net` into `dir`.
void explore(const std::string& net, const std::string& dir, std::vector<std::string> extra) {
  std::vector<std::string> args = {"explore", "--hw", kBoard, "--net", net, "--out", dir};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = hsim::testing::run_program(HSIM_BINARY, args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

json embedded(const std::string& page, const std::string& id) {
  const std::string open = "<script type=\"application/json\" id=\"" + id + "\">";
  const size_t at = page.find(open);
  if (at == std::string::npos) return json();
  const size_t from = at + open.size();
  return json::parse(page.substr(from, page.find("</script>", from) - from));
}

// {"fields": [...], "rows": [...]} as objects.
std::vector<json> objects(const json& table) {
  std::vector<json> out;
  for (const auto& row : table["rows"]) {
    json o;
    for (size_t i = 0; i < table["fields"].size(); ++i)
      o[table["fields"][i].get<std::string>()] = row[i];
    out.push_back(o);
  }
  return out;
}

// Data rows of a CSV file that quotes nothing, split on commas.
std::vector<std::vector<std::string>> csv(const std::string& path) {
  std::istringstream in(read_text(path));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

size_t top_files(const std::string& dir) {
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(dir + "/top")) n += entry.path().extension() == ".yaml";
  return n;
}

TEST(SearchReportCli, EmbeddedDataMatchesTheRunFolder) {
  const std::string dir = temp_path("explore_report");
  explore(kSqueezeNet, dir, {"--evaluations", "400", "--population", "16", "--top", "4"});
  const std::string page = read_text(dir + "/report.html");
  const json s = embedded(page, "hsim-search-data");
  const json run = embedded(page, "hsim-data");
  ASSERT_TRUE(s.is_object());
  ASSERT_TRUE(run.is_object());
  ASSERT_EQ(s["searches"].size(), 1u);
  const json& search = s["searches"][0];
  EXPECT_EQ(search["strategy"], "ga");
  EXPECT_EQ(search["evaluations"], 400);

  // Generations as search.csv has them: evaluations so far and the best latency.
  const auto generations = objects(search["generations"]);
  const auto search_csv = csv(dir + "/search.csv");
  ASSERT_EQ(generations.size(), search_csv.size());
  for (size_t g = 0; g < generations.size(); ++g) {
    EXPECT_EQ(std::to_string(generations[g]["evaluations"].get<int64_t>()), search_csv[g][1]);
    EXPECT_EQ(std::to_string(generations[g]["best_latency"].get<int64_t>()), search_csv[g][6]);
  }

  // The Pareto front as pareto.csv has it.
  const auto pareto = objects(search["pareto"]);
  const auto pareto_csv = csv(dir + "/pareto.csv");
  ASSERT_EQ(pareto.size(), pareto_csv.size());
  for (size_t i = 0; i < pareto.size(); ++i) {
    EXPECT_EQ(std::to_string(pareto[i]["latency"].get<int64_t>()), pareto_csv[i][0]);
    EXPECT_EQ(std::to_string(pareto[i]["energy"].get<int64_t>()), pareto_csv[i][1]);
  }

  // The sample: 400 evaluations fit in 1000 places, so every feasible one is there, in order,
  // and each is matched or beaten on both axes by a point of the front.
  const auto sample = objects(search["sample"]);
  int64_t infeasible = 0;
  for (const auto& reason : search["infeasible"]["rows"]) infeasible += reason[1].get<int64_t>();
  ASSERT_EQ(static_cast<int64_t>(sample.size()), 400 - infeasible);
  for (size_t i = 0; i < sample.size(); ++i) {
    if (i) {
      EXPECT_LT(sample[i - 1]["evaluation"], sample[i]["evaluation"]);
    }
    bool covered = false;
    for (const auto& p : pareto)
      covered = covered || (p["latency"] <= sample[i]["latency"] && p["energy"] <= sample[i]["energy"]);
    EXPECT_TRUE(covered) << sample[i];
  }

  // One card per top/ file; each card's latency is that schedule's row in summary.csv, and the
  // first one's Gantt chart has a bar per row of ops.csv (the best's full run).
  ASSERT_EQ(s["top"].size(), top_files(dir));
  ASSERT_EQ(s["top"].size(), 4u);
  std::map<std::string, std::string> summary_latency;
  for (const auto& row : csv(dir + "/summary.csv")) summary_latency[row[1]] = row[2];
  for (const auto& card : s["top"]) {
    EXPECT_EQ(std::to_string(card["latency"].get<int64_t>()),
              summary_latency[card["label"].get<std::string>()])
        << card["label"];
    // Run again in full, each reproduces the latency the search measured.
    EXPECT_EQ(card["makespan"], card["latency"]) << card["label"];
    int64_t ops = 0;
    for (const auto& pu : card["pus"]) ops += pu[1].get<int64_t>();
    EXPECT_EQ(static_cast<size_t>(ops), s["placement"]["ops"].size()) << card["label"];
  }
  EXPECT_EQ(s["top"][0]["bars"]["rows"].size(), csv(dir + "/ops.csv").size());
  EXPECT_EQ(s["top"][0]["moved"], 0);
  EXPECT_EQ(s["top"][0]["retuned"], 0);

  // Every baseline that ran is in the comparison, with the best found, drawn in detail.
  EXPECT_EQ(run["meta"]["strategy"], "ga #1");
  EXPECT_EQ(run["strategies"].size(), s["baselines"]["rows"].size() + 1);
  EXPECT_EQ(run["timings"]["rows"].size(), csv(dir + "/ops.csv").size());
  // No wall times: the page names no evaluations per second.
  EXPECT_EQ(page.find("evaluations/s"), std::string::npos);
}

// Lines of a page without its timestamp line, with the parts of the command line that differ
// between runs (the run folder, --jobs) cut.
std::string stable_part(const std::string& page, const std::vector<std::string>& cut) {
  std::istringstream in(page);
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.find("data-hsim-timestamp") != std::string::npos) continue;
    for (const auto& part : cut)
      for (size_t at; (at = line.find(part)) != std::string::npos;) line.erase(at, part.size());
    out += line + '\n';
  }
  return out;
}

TEST(SearchReportCli, SameSearchGivesTheSameBytesApartFromTheTimestamp) {
  const std::string a = temp_path("explore_report_a"), b = temp_path("explore_report_b");
  explore(kSqueezeNet, a, {"--evaluations", "200", "--seed", "3"});
  explore(kSqueezeNet, a + "2", {"--evaluations", "200", "--seed", "3"});
  const std::string first = read_text(a + "/report.html"), second = read_text(a + "2/report.html");
  EXPECT_EQ(count(first, "data-hsim-timestamp"), 1u);
  EXPECT_EQ(stable_part(first, {"--out " + a}), stable_part(second, {"--out " + a + "2"}));
  // Worker processes change nothing but the command line.
  explore(kSqueezeNet, b, {"--evaluations", "200", "--seed", "3", "--jobs", "2"});
  EXPECT_EQ(stable_part(first, {"--out " + a}),
            stable_part(read_text(b + "/report.html"), {"--out " + b, " --jobs 2"}));
}

TEST(SearchReportCli, ResNet50ReportIsUnder2MB) {
  const std::string dir = temp_path("explore_report_resnet");
  // 1000 evaluations fill the sample to its largest (1000 places, stride 1).
  explore(kModels + "/resnet50.onnx", dir, {"--evaluations", "1000"});
  const auto size = fs::file_size(dir + "/report.html");
  RecordProperty("report_bytes", static_cast<int>(size));
  EXPECT_LT(size, 2u * 1024 * 1024);
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

TEST(SearchReportBrowser, RendersWithoutErrorsAndDrawsWhatTheSearchFound) {
  const std::string chromium = find_chromium();
  if (chromium.empty()) {
    if (std::getenv("CI")) FAIL() << "chromium is missing; scripts/install_deps.sh installs it";
    GTEST_SKIP() << "chromium not installed (scripts/install_deps.sh installs it)";
  }
  const std::string dir = temp_path("explore_report_browser");
  explore(kSqueezeNet, dir, {"--evaluations", "300", "--population", "16", "--top", "3"});
  const std::string profile = temp_path("chromium-profile");
  const auto r = hsim::testing::run_program(
      "timeout",
      {"90", chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
       "--window-size=1600,1200", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
       "--dump-dom", "file://" + fs::absolute(dir + "/report.html").string()});
  fs::remove_all(profile);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& dom = r.out;
  EXPECT_EQ(attribute(dom, "hsim-status", "data-search-ready"), "1") << dom.substr(0, 2000);
  EXPECT_EQ(attribute(dom, "hsim-status", "data-ready"), "1");
  EXPECT_EQ(dom.find("<pre id=\"hsim-errors\""), std::string::npos) << dom.substr(0, 4000);
  EXPECT_EQ(attribute(dom, "hsim-status", "data-errors"), "");
  EXPECT_EQ(r.err.find(":CONSOLE("), std::string::npos) << r.err;

  // Expected counts from the run folder's files, the sample's size from the embedded data.
  const size_t generations = csv(dir + "/search.csv").size();  // each with a feasible best
  const size_t pareto = csv(dir + "/pareto.csv").size();
  const size_t sample = embedded(read_text(dir + "/report.html"), "hsim-search-data")["searches"][0]
                            ["sample"]["rows"]
                                .size();
  EXPECT_EQ(count(dom, "<circle class=\"conv-best\""), generations);
  EXPECT_EQ(count(dom, "<circle class=\"sample\""), sample);
  EXPECT_EQ(count(dom, "<circle class=\"pareto\""), pareto);
  EXPECT_EQ(count(dom, "class=\"top-card"), top_files(dir));
  EXPECT_EQ(top_files(dir), 3u);
  EXPECT_EQ(attribute(dom, "hsim-status", "data-convergence-points"), std::to_string(generations));
  EXPECT_EQ(attribute(dom, "hsim-status", "data-top-columns"), "3");
  // The best's run below: one Gantt bar per row of its ops.csv.
  EXPECT_EQ(count(dom, "<rect class=\"op\""), csv(dir + "/ops.csv").size());
}

}  // namespace
