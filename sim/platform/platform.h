#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "board/board_spec.h"
#include "platform/platform_options.h"
#include "platform/stats.h"
#include "platform/transfer_span.h"
#include "trace/kernel_trace.h"

namespace hsim::sim {

struct CoreInfo {
  std::string name;  // "<device>.<pu><index>", e.g. "soc.npu0"
  size_t device = 0;
  size_t pu = 0;      // index into the device's pus
  int64_t index = 0;  // core within the PU
};

// Kernels one core runs back to back in one run.
struct CoreProgram {
  size_t core = 0;  // index into Platform::cores()
  std::vector<const KernelTrace*> kernels;
};

struct RunResult {
  Picoseconds latency = 0;               // from the run's start until the last core finished
  std::vector<Picoseconds> core_finish;  // per core of Platform::cores(), relative; 0 if idle
  std::vector<std::vector<Picoseconds>> kernel_ends;  // per core, per kernel of its program
  Bytes dram_bytes = 0;                               // served by all DRAMs
  Bytes link_bytes = 0;
  Femtojoules energy = 0;               // dynamic (compute + data movement) + static
  std::vector<Stat> stats;              // every component's statistics
  std::vector<TransferSpan> transfers;  // every DMA/port transfer, times relative to the start
};

// The SystemC/TLM-2.0 model of a board, elaborated once (SystemC allows no new modules after
// the first sc_start) and then run again and again: each run() resets all state, starts the
// given programs at the current simulated time and simulates until every core is done, so a run
// gives the same result wherever it falls in the process (DESIGN.md).
class Platform {
 public:
  explicit Platform(const BoardSpec& board, PlatformOptions options = {});
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  const BoardSpec& board() const;
  const std::vector<CoreInfo>& cores() const;
  std::optional<size_t> find_core(const std::string& name) const;

  RunResult run(const std::vector<CoreProgram>& programs);

  // False once this process has simulated: a new Platform can then no longer be elaborated.
  static bool can_elaborate();

 private:
  struct Modules;
  std::unique_ptr<Modules> modules_;
};

}  // namespace hsim::sim
