// The explorer's search on ResNet-50 and the default board: how many candidate schedules `ga`
// evaluates per second (each is decoded, looked up in the memo and, when new, simulated on the
// platform) in this process and with two worker processes (`--jobs 2`), and the wall time of a
// 10,000-evaluation search with its gain over the best baseline. Rates are per wall second: the
// workers' CPU time is not this process's. The platform and runner live for the whole process
// (SystemC elaborates once), so the kernel-trace cache is warm after the first search, as it is in
// `hsim explore` after the first generations.
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
#include "search/worker_pool.h"

namespace {

using namespace hsim;

constexpr int kWorkers = 2;

struct Setup {
  sim::LoadedNetwork net;
  sim::BoardSpec board;
  // Forked here, before this process elaborates its own platform (worker_pool.h).
  std::unique_ptr<explorer::WorkerPoolEvaluator> pool;
};

Setup& setup() {
  static Setup s{sim::load_onnx_file(std::string(HSIM_SOURCE_DIR) + "/models/resnet50.onnx"),
                 sim::load_board_file(std::string(HSIM_SOURCE_DIR) + "/hw_configs/default.yaml"),
                 nullptr};
  if (!s.pool)
    s.pool = std::make_unique<explorer::WorkerPoolEvaluator>(kWorkers, [] {
      return explorer::make_platform_evaluator(s.net.network, s.board, bench::fidelity().options);
    });
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

// Arguments: the evaluation budget, and 1 (this process) or kWorkers (the worker pool).
void run_ga(benchmark::State& state) {
  Setup& s = setup();
  const explorer::SearchSpace space(s.net.network, s.board);
  explorer::SearchOptions options;
  options.evaluations = state.range(0);
  explorer::Evaluator& chosen =
      state.range(1) == 1 ? static_cast<explorer::Evaluator&>(evaluator()) : *s.pool;
  const explorer::SearchContext context{space, chosen, seeds().schedules, {}};
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
  state.SetLabel(bench::fidelity().label + (state.range(1) == 1 ? "" : " 2 worker processes"));
}
BENCHMARK(run_ga)
    ->Args({1000, 1})
    ->Args({1000, kWorkers})
    ->Unit(benchmark::kSecond)
    ->Iterations(3)
    ->UseRealTime();
BENCHMARK(run_ga)
    ->Args({10000, 1})
    ->Args({10000, kWorkers})
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
