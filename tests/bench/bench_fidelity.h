#pragma once

// The fidelity flags shared by the platform benchmarks, as hsim's commands take them. SystemC
// elaborates once per process, so each fidelity is its own run of the binary:
//   (none)           fast: transactions of at least 32 KiB (hsim's default);
//   --fidelity=board each DMA engine's own burst from the board;
//   --burst=N        N-byte bursts everywhere (64 is the finest: a cache line).
// The flags are removed from argv before Google Benchmark parses it.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "platform/platform_options.h"

namespace hsim::bench {

struct Fidelity {
  sim::PlatformOptions options;
  std::string label = "fast fidelity (>= 32 KiB transactions)";
};

inline Fidelity take_fidelity_flags(int& argc, char** argv) {
  Fidelity f;
  f.options.min_burst = sim::kFastTransaction;
  for (int i = 1; i < argc;) {
    if (std::strcmp(argv[i], "--fidelity=board") == 0) {
      f.options.min_burst.reset();
      f.label = "board fidelity (each engine's burst)";
    } else if (std::strncmp(argv[i], "--burst=", 8) == 0) {
      f.options.burst_override = std::atoll(argv[i] + 8);
      f.label = std::string(argv[i] + 8) + " B bursts";
    } else {
      ++i;
      continue;
    }
    for (int j = i; j + 1 < argc; ++j) argv[j] = argv[j + 1];
    --argc;
  }
  return f;
}

// The fidelity of this run, parsed by bench_main.cpp's main before Google Benchmark starts.
Fidelity& fidelity();

}  // namespace hsim::bench
