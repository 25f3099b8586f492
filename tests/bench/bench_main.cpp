// The main of the platform benchmarks: SystemC's banner off, the fidelity flags
// (bench_fidelity.h) taken out of argv, then Google Benchmark.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <systemc>  // declares sc_main extern "C"

#include "bench_fidelity.h"

namespace hsim::bench {

Fidelity& fidelity() {
  static Fidelity instance;
  return instance;
}

}  // namespace hsim::bench

int sc_main(int, char*[]) {
  return 0;
}

int main(int argc, char** argv) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "DISABLE", 0);
  hsim::bench::fidelity() = hsim::bench::take_fidelity_flags(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
