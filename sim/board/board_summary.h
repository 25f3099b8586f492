#pragma once

// Derived figures of a board that help check it against a datasheet: peak arithmetic per PU
// (cores x clock x rate per cycle) and memory capacities, as readable lines.
#include <string>
#include <vector>

#include "board/board_spec.h"

namespace hsim::sim {

// Multiply-accumulates per second of all cores of a PU for one element type (0 if none;
// INT64_MAX if it would not fit).
int64_t peak_macs_per_second(const PuSpec& pu, DType type);

// One line per PU and element type, e.g.
//   "soc.npu  3 x 1 GHz x 1024 int8 MACs = 3.072 TMAC/s (6.144 TOPS)"
std::vector<std::string> peak_compute_lines(const BoardSpec& board);

}  // namespace hsim::sim
