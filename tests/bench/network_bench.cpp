// Wall time to simulate every kernel trace of ResNet-50 once on the default board: each op on
// the NPU where the NPU supports it, else on a CPU core; the two cores run their kernels back to
// back (no schedule dependencies: this measures the platform, not a schedule). Reported with the
// simulated latency at the fidelity bench_fidelity.h's flags select (run the binary once per
// fidelity), so the difference between fidelities is measured.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <systemc>  // declares sc_main extern "C"

#include "bench_fidelity.h"
#include "board/board_file.h"
#include "kernels/kernel_model.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"

namespace {

using namespace hsim::sim;

struct Workload {
  LoadedNetwork net;
  BoardSpec board;
  std::vector<KernelTrace> npu_traces;
  std::vector<KernelTrace> cpu_traces;
};

Workload& workload() {
  static Workload w = [] {
    Workload x{load_onnx_file(std::string(HSIM_SOURCE_DIR) + "/models/resnet50.onnx"),
               load_board_file(std::string(HSIM_SOURCE_DIR) + "/hw_configs/default.yaml"),
               {},
               {}};
    const DeviceSpec& soc = x.board.devices.front();
    const PuSpec* npu = nullptr;
    const PuSpec* cpu = nullptr;
    for (const PuSpec& pu : soc.pus) {
      if (pu.kind == PuKind::kNpu && !npu) npu = &pu;
      if (pu.kind == PuKind::kCpu && !cpu) cpu = &pu;
    }
    for (const Op& op : x.net.network.ops()) {
      const bool on_npu = npu && npu->supports(op.type);
      auto trace = build_kernel_trace(x.net.network, op, on_npu ? *npu : *cpu);
      trace.name = op.name;
      (on_npu ? x.npu_traces : x.cpu_traces).push_back(std::move(trace));
    }
    return x;
  }();
  return w;
}

Platform& platform() {
  static Platform instance = [] {
    return Platform(workload().board, hsim::bench::fidelity().options);
  }();
  return instance;
}

void resnet50_all_kernels(benchmark::State& state) {
  Workload& w = workload();
  Platform& p = platform();
  const size_t npu0 = *p.find_core("soc.npu0");
  const size_t cpu0 = *p.find_core("soc.cpu0");
  std::vector<CoreProgram> programs(2);
  programs[0].core = npu0;
  programs[1].core = cpu0;
  for (const auto& t : w.npu_traces) programs[0].kernels.push_back(&t);
  for (const auto& t : w.cpu_traces) programs[1].kernels.push_back(&t);
  RunResult last;
  for (auto _ : state) last = p.run(programs);
  state.counters["simulated_ms"] = static_cast<double>(last.latency) / 1e9;
  state.counters["npu_ms"] = static_cast<double>(last.core_finish[npu0]) / 1e9;
  state.counters["cpu_ms"] = static_cast<double>(last.core_finish[cpu0]) / 1e9;
  state.counters["dram_MB"] = static_cast<double>(last.dram_bytes) / 1e6;
  state.counters["kernels"] = static_cast<double>(w.npu_traces.size() + w.cpu_traces.size());
  state.SetLabel(hsim::bench::fidelity().label);
}
BENCHMARK(resnet50_all_kernels)->Unit(benchmark::kMillisecond);

}  // namespace
