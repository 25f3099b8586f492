// Simulation speed of the SystemC platform. SystemC elaborates once per process, so one
// platform is built up front and every benchmark runs workloads on it.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <systemc>

#include "platform/platform.h"
#include "support/test_boards.h"

namespace {

using namespace hsim::sim;

Platform& platform() {
  static Platform instance = [] {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "DISABLE", 0);
    hsim::testing::TestBoard spec;
    spec.cpu_cores = 4;
    spec.npu_cores = 1;
    spec.dram_channels = 2;
    return Platform(spec.build());
  }();
  return instance;
}

KernelTrace stream(int64_t bytes) {
  KernelTrace t;
  t.name = "stream";
  t.records = {hsim::testing::load(bytes)};
  return t;
}

// Transactions (4 KiB bursts, each crossing interconnect and DRAM) simulated per wall second.
void transactions_per_second(benchmark::State& state) {
  const int initiators = static_cast<int>(state.range(0));
  const KernelTrace t = stream(64 << 20);
  std::vector<CoreProgram> programs;
  for (int c = 0; c < initiators; ++c) programs.push_back({static_cast<size_t>(c), {&t}});
  int64_t transactions = 0;
  for (auto _ : state) {
    const RunResult r = platform().run(programs);
    benchmark::DoNotOptimize(r.latency);
    transactions += initiators * ((64 << 20) / 4096);
  }
  state.counters["transactions/s"] =
      benchmark::Counter(static_cast<double>(transactions), benchmark::Counter::kIsRate);
}
BENCHMARK(transactions_per_second)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond);

}  // namespace

// libsystemc references sc_main; benchmark_main's main() is the entry point here and never
// calls it.
int sc_main(int, char*[]) { return 0; }
