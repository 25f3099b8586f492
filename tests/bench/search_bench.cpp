// The explorer's search on ResNet-50 and the default board: how many candidate schedules `ga`
// evaluates per second (each is decoded, looked up in the memo and, when new, simulated on the
// platform), and the wall time of a 10,000-evaluation search with its gain over the best
// baseline. The platform and runner live for the whole process (SystemC elaborates once), so the
// kernel-trace cache is warm after the first search, as it is in `hsim explore` after the first
// generations.
#include <benchmark/benchmark.h>

#include <limits>
#include <string>

#include "baselines/baselines.h"
#include "bench_fidelity.h"
#include "board/board_file.h"
#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "search/search.h"
#include "search/sim_evaluator.h"

namespace {

using namespace hsim;

struct Setup {
  sim::LoadedNetwork net;
  sim::BoardSpec board;
};

Setup& setup() {
  static Setup s{sim::load_onnx_file(std::string(HSIM_SOURCE_DIR) + "/models/resnet50.onnx"),
                 sim::load_board_file(std::string(HSIM_SOURCE_DIR) + "/hw_configs/default.yaml")};
  return s;
}

explorer::SimEvaluator& evaluator() {
  static sim::Platform platform(setup().board, bench::fidelity().options);
  static explorer::SimEvaluator instance(setup().net.network, platform);
  return instance;
}

struct Seeds {
  std::vector<sim::Schedule> schedules;
  double best_latency = std::numeric_limits<double>::infinity();
};

Seeds& seeds() {
  static Seeds s = [] {
    Seeds out;
    for (const auto& [name, strategy] : explorer::baseline_strategies()) {
      try {
        out.schedules.push_back(strategy.make(setup().net.network, setup().board));
      } catch (const InputError&) {
        continue;
      }
      const auto e = evaluator().evaluate_one(out.schedules.back());
      if (e.feasible) out.best_latency = std::min(out.best_latency, static_cast<double>(e.latency));
    }
    return out;
  }();
  return s;
}

void run_ga(benchmark::State& state) {
  const explorer::SearchSpace space(setup().net.network, setup().board);
  explorer::SearchOptions options;
  options.evaluations = state.range(0);
  const explorer::SearchContext context{space, evaluator(), seeds().schedules, {}};
  int64_t evaluations = 0;
  explorer::SearchResult last;
  uint64_t seed = 1;
  for (auto _ : state) {
    options.seed = seed++;
    last = explorer::search_strategies().at("ga").run(context, options);
    evaluations += last.evaluations;
  }
  state.counters["evaluations_per_s"] =
      benchmark::Counter(static_cast<double>(evaluations), benchmark::Counter::kIsRate);
  state.counters["best_ms"] = static_cast<double>(last.top.front().evaluation.latency) / 1e9;
  state.counters["best_baseline_ms"] = seeds().best_latency / 1e9;
  state.counters["gain"] =
      seeds().best_latency / static_cast<double>(last.top.front().evaluation.latency);
  state.SetLabel(bench::fidelity().label);
}
BENCHMARK(run_ga)->Arg(1000)->Unit(benchmark::kSecond)->Iterations(3);
BENCHMARK(run_ga)->Arg(10000)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
