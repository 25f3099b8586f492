// Wall time to evaluate one schedule of ResNet-50 on the default board: what the explorer pays
// per candidate. One evaluation is ScheduleRunner::run: checking the schedule, building every
// task's kernel trace, linking, and simulating the whole network on the elaborated platform.
// Reported per baseline schedule (static: one PU; heft: NPU, DSPs and CPUs at once) with the
// simulated latency, at the fidelity bench_fidelity.h's flags select (run the binary once per
// fidelity: SystemC elaborates once per process).
#include <benchmark/benchmark.h>

#include <string>
#include <systemc>  // declares sc_main extern "C"

#include "baselines/baselines.h"
#include "bench_fidelity.h"
#include "board/board_file.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/schedule_runner.h"

namespace {

using namespace hsim::sim;

struct Setup {
  LoadedNetwork net;
  BoardSpec board;
};

Setup& setup() {
  static Setup s{load_onnx_file(std::string(HSIM_SOURCE_DIR) + "/models/resnet50.onnx"),
                 load_board_file(std::string(HSIM_SOURCE_DIR) + "/hw_configs/default.yaml")};
  return s;
}

Platform& platform() {
  static Platform instance = [] {
    return Platform(setup().board, hsim::bench::fidelity().options);
  }();
  return instance;
}

void evaluate_schedule(benchmark::State& state, const std::string& strategy) {
  Setup& s = setup();
  const Schedule schedule =
      hsim::explorer::baseline_strategies().at(strategy).make(s.net.network, s.board);
  ScheduleRunner runner(s.net.network, platform());
  ScheduleResult last;
  for (auto _ : state) last = runner.run(schedule, strategy);
  state.counters["simulated_ms"] = static_cast<double>(last.run.latency) / 1e9;
  state.counters["evaluations_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["tasks"] = static_cast<double>(schedule.tasks.size());
  state.SetLabel(hsim::bench::fidelity().label);
}
BENCHMARK_CAPTURE(evaluate_schedule, static, std::string("static"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(evaluate_schedule, heft, std::string("heft"))->Unit(benchmark::kMillisecond);

}  // namespace
