// The search strategies against a priced-by-formula evaluator (no simulation): budgets, memo,
// determinism per seed, stop requests, the kept candidates and the Pareto front.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <string>

#include "board/board_file.h"
#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "search/evaluation_memo.h"
#include "search/search.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim;
using explorer::Evaluation;
using explorer::SearchOptions;
using explorer::SearchResult;
using hsim::testing::OnnxModelBuilder;

namespace {

const std::string kModels = HSIM_MODELS_DIR;

// Latency: per task, its ops' count times a per-PU price divided by its cores, plus a fixed cost
// per task; energy: a different per-PU price. So placement, splits and links all matter, and
// latency and energy disagree. Records every schedule it was asked for.
class FormulaEvaluator : public explorer::Evaluator {
 public:
  std::vector<Evaluation> evaluate(const std::vector<sim::Schedule>& schedules) override {
    std::vector<Evaluation> out;
    for (const sim::Schedule& s : schedules) {
      seen.push_back(explorer::canonical_key(s));
      Evaluation e;
      e.feasible = true;
      for (const sim::ScheduledTask& task : s.tasks) {
        const int64_t ops = static_cast<int64_t>(task.ops.size());
        const int64_t price = task.pu == "npu" ? 3 : task.pu == "dsp" ? 5 : 11;
        e.latency +=
            1000 * ops * price / static_cast<int64_t>(task.cores.size()) + 700 + 37 * task.priority;
        e.energy += ops * (task.pu == "npu"   ? 9
                           : task.pu == "dsp" ? 4
                                              : 6) +
                    static_cast<int64_t>(task.cores.size());
      }
      if (s.tasks.size() % 17 == 0) {  // some candidates are infeasible, for the counts
        e = Evaluation{};
        e.reason = "op 'x' does not fit";
      }
      if (e.feasible) points.push_back({e.latency, e.energy});
      out.push_back(e);
    }
    return out;
  }
  std::vector<std::string> seen;
  std::vector<std::pair<int64_t, int64_t>> points;  // (latency, energy) of feasible ones
};

struct Fixture {
  sim::LoadedNetwork net = sim::load_onnx_file(kModels + "/squeezenet1_1.onnx");
  sim::BoardSpec board = sim::load_board_file(kModels + "/../hw_configs/default.yaml");
  explorer::SearchSpace space{net.network, board};
};

SearchResult run(const std::string& strategy, Fixture& f, explorer::Evaluator& evaluator,
                 const SearchOptions& options, explorer::SearchHooks hooks = {}) {
  const explorer::SearchContext context{f.space, evaluator, {}, std::move(hooks)};
  return explorer::search_strategies().at(strategy).run(context, options);
}

std::string fingerprint(const SearchResult& r) {
  std::string text = r.stop_reason + "\n";
  for (const auto& g : r.generations)
    text += std::to_string(g.evaluations) + " " + std::to_string(g.memo_hits) + " " +
            std::to_string(g.best) + " " + std::to_string(g.mean) + "\n";
  for (const auto& c : r.top) text += explorer::canonical_key(c.schedule);
  for (const auto& c : r.pareto) text += explorer::canonical_key(c.schedule);
  return text;
}

}  // namespace

TEST(SearchStrategies, AreRegisteredByName) {
  const auto& registry = explorer::search_strategies();
  EXPECT_EQ(registry.size(), 3u);
  EXPECT_TRUE(registry.count("ga"));
  EXPECT_TRUE(registry.count("tune"));
  EXPECT_TRUE(registry.count("random"));
}

TEST(SearchStrategies, EvaluationBudgetIsExactAndNothingIsEvaluatedTwice) {
  for (const char* strategy : {"ga", "tune", "random"}) {
    Fixture f;
    FormulaEvaluator evaluator;
    SearchOptions options;
    options.evaluations = 333;
    const SearchResult r = run(strategy, f, evaluator, options);
    EXPECT_EQ(r.stop_reason, "evaluation budget") << strategy;
    EXPECT_EQ(r.evaluations, 333) << strategy;
    EXPECT_EQ(evaluator.seen.size(), 333u) << strategy;
    EXPECT_EQ(std::set<std::string>(evaluator.seen.begin(), evaluator.seen.end()).size(), 333u)
        << strategy << ": the memo let a schedule through twice";
    EXPECT_EQ(r.generations.back().evaluations, 333);
    EXPECT_EQ(r.memo_hits, r.generations.back().memo_hits);
  }
}

TEST(SearchStrategies, MemoHitsAreCounted) {
  // Two ops on a one-core CPU: 2 x 4 priorities x link or not = few schedules, so random
  // batches repeat themselves and every repeat is a hit.
  OnnxModelBuilder b;
  b.input("x", {1, 64}).output("y");
  b.node("Relu", {"x"}, {"h"}, "a");
  b.node("Sigmoid", {"h"}, {"y"}, "b");
  const auto net = sim::load_onnx_bytes(b.bytes(), "tiny.onnx");
  const auto board = hsim::testing::TestBoard{}.build();
  const explorer::SearchSpace space(net.network, board);
  FormulaEvaluator evaluator;
  SearchOptions options;
  options.generations = 9;
  options.population = 16;
  const explorer::SearchContext context{space, evaluator, {}, {}};
  const SearchResult r = explorer::search_strategies().at("random").run(context, options);
  EXPECT_EQ(r.stop_reason, "generations");
  EXPECT_EQ(r.evaluations + r.memo_hits, 10 * 16);
  EXPECT_EQ(static_cast<int64_t>(evaluator.seen.size()), r.evaluations);
  EXPECT_LE(r.evaluations, 2 * 4 * 4);
  EXPECT_GT(r.memo_hits, 100);
}

TEST(SearchStrategies, GaSendsOnlyNewSchedulesToTheEvaluator) {
  Fixture f;
  FormulaEvaluator evaluator;
  SearchOptions options;
  options.generations = 40;
  options.population = 16;
  const SearchResult r = run("ga", f, evaluator, options);
  EXPECT_GT(r.memo_hits, 0);
  EXPECT_LE(r.evaluations + r.memo_hits, 16 + 40 * (16 - options.elites) + 40);
  EXPECT_EQ(static_cast<int64_t>(evaluator.seen.size()), r.evaluations);
  EXPECT_EQ(std::set<std::string>(evaluator.seen.begin(), evaluator.seen.end()).size(),
            evaluator.seen.size());
}

TEST(SearchStrategies, SameSeedSameSearchOtherSeedOtherSearch) {
  for (const char* strategy : {"ga", "tune", "random"}) {
    Fixture f;
    SearchOptions options;
    options.evaluations = 400;
    options.seed = 5;
    FormulaEvaluator e1, e2, e3;
    const std::string first = fingerprint(run(strategy, f, e1, options));
    EXPECT_EQ(first, fingerprint(run(strategy, f, e2, options))) << strategy;
    EXPECT_EQ(e1.seen, e2.seen) << strategy;
    options.seed = 6;
    EXPECT_NE(first, fingerprint(run(strategy, f, e3, options))) << strategy;
  }
}

TEST(SearchStrategies, GaAndTuneImproveOnTheirSeedsAndKeepTheBestFirst) {
  for (const char* strategy : {"ga", "tune"}) {
    SCOPED_TRACE(strategy);
    Fixture f;
    FormulaEvaluator evaluator;
    SearchOptions options;
    options.evaluations = 600;
    options.top = 4;
    const SearchResult r = run(strategy, f, evaluator, options);
    ASSERT_EQ(r.top.size(), 4u);
    for (size_t i = 1; i < r.top.size(); ++i) EXPECT_LE(r.top[i - 1].score, r.top[i].score);
    // Best so far never gets worse, generation by generation.
    for (size_t g = 1; g < r.generations.size(); ++g)
      EXPECT_LE(r.generations[g].best, r.generations[g - 1].best);
    EXPECT_LT(r.generations.back().best, r.generations.front().best);
    EXPECT_EQ(r.top.front().score, r.generations.back().best);
  }
}

TEST(SearchStrategies, InfeasibleCandidatesAreCountedByReasonKind) {
  Fixture f;
  FormulaEvaluator evaluator;
  SearchOptions options;
  options.evaluations = 500;
  const SearchResult r = run("random", f, evaluator, options);
  int64_t infeasible = 0;
  for (const auto& key : evaluator.seen) {
    const auto tasks = std::count(key.begin(), key.end(), '\n') - 1;  // minus the header line
    infeasible += tasks % 17 == 0;
  }
  ASSERT_GT(infeasible, 0);
  EXPECT_EQ(r.infeasible, (explorer::RepairCounts{{"op '…' does not fit", infeasible}}));
}

TEST(SearchStrategies, StopRequestEndsTheSearchAfterTheCurrentGeneration) {
  Fixture f;
  FormulaEvaluator evaluator;
  SearchOptions options;
  options.evaluations = 100000;
  int generations_seen = 0;
  explorer::SearchHooks hooks;
  hooks.on_generation = [&](const explorer::GenerationStats&) { ++generations_seen; };
  hooks.stop_requested = [&] { return generations_seen >= 3; };
  const SearchResult r = run("ga", f, evaluator, options, hooks);
  EXPECT_EQ(r.stop_reason, "interrupted");
  EXPECT_EQ(r.generations.size(), 3u);
  EXPECT_FALSE(r.top.empty());
}

TEST(SearchStrategies, ParetoFrontHoldsExactlyTheNonDominatedCandidates) {
  Fixture f;
  FormulaEvaluator evaluator;
  SearchOptions options;
  options.evaluations = 300;
  const SearchResult r = run("random", f, evaluator, options);
  // The front recomputed from every feasible evaluation, by brute force.
  std::set<std::pair<int64_t, int64_t>> expected;
  for (const auto& [l, e] : evaluator.points) {
    bool dominated = false;
    for (const auto& [l2, e2] : evaluator.points)
      dominated = dominated || (l2 <= l && e2 <= e && (l2 < l || e2 < e));
    if (!dominated) expected.insert({l, e});
  }
  std::vector<std::pair<int64_t, int64_t>> got;
  for (const auto& c : r.pareto) got.push_back({c.evaluation.latency, c.evaluation.energy});
  const std::vector<std::pair<int64_t, int64_t>> want(expected.begin(), expected.end());
  EXPECT_EQ(got, want);
  EXPECT_GT(got.size(), 1u);
}

TEST(SearchStrategies, ParetoFrontKeepsNonDominatedPoints) {
  explorer::ParetoFront front;
  auto offer = [&](int64_t latency, int64_t energy) {
    explorer::Candidate c;
    c.evaluation.feasible = true;
    c.evaluation.latency = latency;
    c.evaluation.energy = energy;
    front.offer(c);
  };
  offer(10, 10);
  offer(5, 20);
  offer(20, 5);
  offer(12, 12);  // dominated by (10, 10)
  offer(10, 10);  // a duplicate
  offer(4, 30);
  offer(5, 19);  // dominates (5, 20)
  std::vector<std::pair<int64_t, int64_t>> got;
  for (const auto& c : front.front()) got.push_back({c.evaluation.latency, c.evaluation.energy});
  EXPECT_EQ(got, (std::vector<std::pair<int64_t, int64_t>>{{4, 30}, {5, 19}, {10, 10}, {20, 5}}));
}

TEST(SearchStrategies, BadOptionsAreInputErrors) {
  Fixture f;
  FormulaEvaluator evaluator;
  SearchOptions options;  // no budget
  EXPECT_THROW(run("ga", f, evaluator, options), InputError);
  options.evaluations = 10;
  options.elites = options.population;
  EXPECT_THROW(run("ga", f, evaluator, options), InputError);
}

TEST(SearchStrategies, ReasonKindsBlankNamesAndNumbersButNotDigitsOfWords) {
  EXPECT_EQ(explorer::reason_kind("op 'conv_7' (Conv) on PU 'npu': the tiling override needs "
                                  "295744 bytes of local SRAM, the PU has 262144"),
            "op '…' (Conv) on PU '…': the tiling override needs … bytes of local SRAM, the PU "
            "has …");
  EXPECT_EQ(explorer::reason_kind("no int8 rate on core 3 (1.5 GHz)"),
            "no int8 rate on core … (… GHz)");
}
