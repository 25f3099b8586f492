#pragma once

#include <tlm>

#include "board/board_spec.h"

namespace hsim::sim {

// Rides on every hsim transaction. b_transport's `delay` means, on the way in, when the burst
// arrives at this component (offset from now) and, on the way out, when every resource on its
// path has finished moving it. Latencies are pipeline latencies: they delay when data arrives but
// do not occupy a resource, so each component adds its latency here instead of to `delay`, and
// the initiator adds it once at the end of a transfer.
struct TransferTiming : tlm::tlm_extension<TransferTiming> {
  Picoseconds latency = 0;

  tlm::tlm_extension_base* clone() const override { return new TransferTiming(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    latency = static_cast<const TransferTiming&>(other).latency;
  }
};

}  // namespace hsim::sim
