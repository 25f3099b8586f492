// The search report with more than one search (as a caller that runs several strategies would
// write it): ga and random on SqueezeNet, simulated in this process, into one page. One
// convergence line per search, the top candidates of both ranked together, each search's best
// in the comparison; rendered in headless Chromium when it is installed.
#include "reports/search_report.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "baselines/baselines.h"
#include "board/board_file.h"
#include "onnx/onnx_loader.h"
#include "search/search.h"
#include "search/sim_evaluator.h"
#include "support/fresh_systemc.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

namespace {

namespace fs = std::filesystem;
using namespace hsim;
using nlohmann::json;

const std::string kModels = HSIM_MODELS_DIR;

json embedded(const std::string& page, const std::string& id) {
  const std::string open = "<script type=\"application/json\" id=\"" + id + "\">";
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

TEST(SearchReport, TwoSearchesShareOnePage) {
  REQUIRE_FRESH_SYSTEMC();
  const sim::LoadedNetwork net = sim::load_onnx_file(kModels + "/squeezenet1_1.onnx");
  const sim::BoardSpec board = sim::load_board_file(kModels + "/../hw_configs/default.yaml");
  sim::Platform platform(board, {});
  explorer::SimEvaluator evaluator(net.network, platform);
  std::vector<std::pair<std::string, sim::Schedule>> baselines;
  std::vector<sim::Schedule> seeds;
  for (const auto& [name, baseline] : explorer::baseline_strategies()) {
    baselines.emplace_back(name, baseline.make(net.network, board));
    seeds.push_back(baselines.back().second);
  }
  const explorer::SearchSpace space(net.network, board);
  const explorer::SearchContext context{space, evaluator, seeds, {}};
  explorer::SearchOptions options;
  options.evaluations = 120;
  options.population = 12;
  options.top = 3;
  const explorer::SearchResult ga = explorer::search_strategies().at("ga").run(context, options);
  const explorer::SearchResult random =
      explorer::search_strategies().at("random").run(context, options);

  std::ostringstream out;
  reports::write_search_report({net.network, board, platform.cores(),
                                explorer::Objective::kLatency, {&ga, &random}, baselines,
                                {"models/squeezenet1_1.onnx", "test", "hsim test", "T"}},
                               evaluator.runner(), out);
  const std::string page = out.str();
  const json s = embedded(page, "hsim-search-data");
  const json run = embedded(page, "hsim-data");
  ASSERT_TRUE(s.is_object());
  ASSERT_EQ(s["searches"].size(), 2u);
  EXPECT_EQ(s["searches"][0]["strategy"], "ga");
  EXPECT_EQ(s["searches"][1]["strategy"], "random");
  EXPECT_EQ(s["searches"][0]["generations"]["rows"].size(), ga.generations.size());
  EXPECT_EQ(s["searches"][1]["generations"]["rows"].size(), random.generations.size());
  EXPECT_EQ(s["searches"][1]["sample"]["rows"].size(), random.sampled.size());

  // Both searches' top candidates, ranked together by latency; the first is the better #1.
  ASSERT_EQ(s["top"].size(), ga.top.size() + random.top.size());
  for (size_t k = 1; k < s["top"].size(); ++k)
    EXPECT_LE(s["top"][k - 1]["latency"], s["top"][k]["latency"]);
  const bool ga_best = ga.top.front().score <= random.top.front().score;
  EXPECT_EQ(s["top"][0]["label"], ga_best ? "ga #1" : "random #1");
  EXPECT_EQ(s["top"][0]["latency"],
            (ga_best ? ga : random).top.front().evaluation.latency);

  // The run sections: every baseline, and each search's best, the better drawn in detail.
  EXPECT_EQ(run["strategies"].size(), baselines.size() + 2);
  EXPECT_EQ(run["meta"]["strategy"], s["top"][0]["label"]);
  EXPECT_EQ(count(page, "data-hsim-timestamp"), 1u);

  const char* ci = std::getenv("CI");
  const std::string chromium = fs::exists("/usr/bin/chromium") ? "/usr/bin/chromium" : "";
  if (chromium.empty()) {
    if (ci) FAIL() << "chromium is missing; scripts/install_deps.sh installs it";
    return;
  }
  const std::string path = hsim::testing::write_file("two_searches.html", page);
  const std::string profile = hsim::testing::temp_path("chromium-profile");
  const auto r = hsim::testing::run_program(
      "timeout", {"90", chromium, "--headless", "--no-sandbox", "--disable-gpu",
                  "--user-data-dir=" + profile, "--window-size=1600,1200", "--enable-logging=stderr",
                  "--v=0", "--virtual-time-budget=5000", "--dump-dom", "file://" + path});
  fs::remove_all(profile);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("data-search-ready=\"1\""), std::string::npos) << r.out.substr(0, 3000);
  EXPECT_EQ(r.out.find("<pre id=\"hsim-errors\""), std::string::npos) << r.out.substr(0, 3000);
  EXPECT_EQ(r.err.find(":CONSOLE("), std::string::npos) << r.err;
  // One line of bests per search, a point per generation of either.
  EXPECT_EQ(count(r.out, "<path class=\"conv-best-line\""), 2u);
  EXPECT_EQ(count(r.out, "<circle class=\"conv-best\""), ga.generations.size() + random.generations.size());
  EXPECT_EQ(count(r.out, "<circle class=\"pareto\""), ga.pareto.size() + random.pareto.size());
  EXPECT_EQ(count(r.out, "class=\"top-card"), ga.top.size() + random.top.size());
}

}  // namespace
