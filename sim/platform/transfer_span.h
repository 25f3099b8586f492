#pragma once

#include <string>

#include "board/board_spec.h"

namespace hsim::sim {

// One transfer as it happened, for timelines: which channel moved it, when, and how much.
struct TransferSpan {
  std::string engine;  // the engine's full name, e.g. "soc.npu_dma"
  int64_t channel = 0;
  Picoseconds start = 0;  // after setup, when the first burst was issued
  Picoseconds end = 0;    // when the last byte arrived
  Bytes bytes = 0;
  bool write = false;
};

}  // namespace hsim::sim
