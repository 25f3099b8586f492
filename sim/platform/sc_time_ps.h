#pragma once

#include <systemc>

#include "board/board_spec.h"
#include "common/mul_div.h"

namespace hsim::sim {

// SystemC's default time resolution is 1 ps, which hsim relies on: Platform checks it at
// elaboration. Conversions are then exact integer copies.
inline sc_core::sc_time ps_to_sc(Picoseconds ps) {
  return sc_core::sc_time::from_value(static_cast<sc_dt::uint64>(ps));
}
inline Picoseconds sc_to_ps(const sc_core::sc_time& t) { return static_cast<Picoseconds>(t.value()); }
inline Picoseconds now_ps() { return sc_to_ps(sc_core::sc_time_stamp()); }

// cycles at `clock` Hz, in ps, rounded to nearest.
inline Picoseconds cycles_to_ps(int64_t cycles, Hertz clock) {
  return mul_div_round(cycles, 1'000'000'000'000, clock);
}

}  // namespace hsim::sim
