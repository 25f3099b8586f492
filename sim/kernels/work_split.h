#pragma once

// Integer splits that keep totals exact when work is cut into pieces.
#include <cstdint>

namespace hsim::sim {

inline int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

// floor(total * part / whole) without overflow; 0 when whole is 0.
inline int64_t scaled_floor(int64_t total, int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  __extension__ using Wide = __int128;
  return static_cast<int64_t>(static_cast<Wide>(total) * part / whole);
}

// Piece i of n when `total` is cut into n nearly equal integer pieces; the pieces sum to total.
inline int64_t even_share(int64_t total, int64_t n, int64_t i) {
  return scaled_floor(total, i + 1, n) - scaled_floor(total, i, n);
}

// Cycles of the piece of work (done_before, done_after] at `rate` per cycle, counted so that the
// pieces of a whole sum to exactly ceil(whole / rate): ceil(after / rate) - ceil(before / rate).
inline int64_t telescoped_cycles(int64_t done_before, int64_t done_after, int64_t rate) {
  if (rate <= 0) return 0;
  return ceil_div(done_after, rate) - ceil_div(done_before, rate);
}

}  // namespace hsim::sim
