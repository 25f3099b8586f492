#pragma once

// The search's one source of randomness. Draws are made from the engine's raw 64-bit output, not
// through <random>'s distributions (whose algorithms differ between standard libraries), so a
// seed gives the same search everywhere.
#include <cstdint>
#include <random>

namespace hsim::explorer {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n). Precondition: n > 0. Rejection sampling: no modulo bias.
  uint64_t below(uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x = engine_();
    while (x >= limit) x = engine_();
    return x % n;
  }

  // True with probability p (53 bits of resolution).
  bool chance(double p) { return static_cast<double>(engine_() >> 11) * 0x1.0p-53 < p; }

 private:
  std::mt19937_64 engine_;
};

}  // namespace hsim::explorer
