#pragma once

#include <cstdint>

namespace hsim {

// a * b / c on 64-bit integers through a 128-bit intermediate, so that e.g. bytes x 10^12 /
// bandwidth cannot overflow. Requires c > 0 and non-negative a, b.
__extension__ using Int128 = __int128;

inline int64_t mul_div_ceil(int64_t a, int64_t b, int64_t c) {
  const Int128 product = static_cast<Int128>(a) * b;
  return static_cast<int64_t>((product + c - 1) / c);
}

inline int64_t mul_div_round(int64_t a, int64_t b, int64_t c) {
  const Int128 product = static_cast<Int128>(a) * b;
  return static_cast<int64_t>((product + c / 2) / c);
}

}  // namespace hsim
