#pragma once

// How finely a Platform simulates transfers (its fidelity). Timing rules are the same at every
// fidelity; what changes is the size of the transactions concurrent transfers interleave in:
// smaller transactions share bandwidth more smoothly and cost more simulation time.
#include <algorithm>
#include <cstdint>
#include <optional>

#include "board/board_spec.h"

namespace hsim::sim {

struct PlatformOptions {
  // Burst size of cores' own load/store ports; DMA engines use their own burst from the board.
  Bytes port_burst = 4096;
  // Every engine moves data in at least this many bytes per transaction (the fast fidelity
  // hsim's commands use by default: kFastTransaction).
  std::optional<Bytes> min_burst;
  // Every engine moves data in exactly this many bytes per transaction (64: the finest, a cache
  // line); takes precedence over min_burst.
  std::optional<Bytes> burst_override;

  // The transaction size of an engine whose board burst is `board_burst`.
  Bytes burst_for(Bytes board_burst) const {
    if (burst_override) return *burst_override;
    return std::max(board_burst, min_burst.value_or(0));
  }
  // DRAM and SRAM channel interleaving granularity: one transaction's size, because a memory
  // target serves each transaction from the channel its address maps to (finer interleaving
  // would leave channels idle under larger transactions).
  Bytes interleave() const { return burst_for(port_burst); }
};

// Transaction size of the fast fidelity: within 1% of 64-byte bursts on the shipped nets' schedules
// (+0.2% to +0.7%, README, Performance) with about 8x fewer transactions than 4 KiB bursts.
constexpr Bytes kFastTransaction = 32 * 1024;

}  // namespace hsim::sim
