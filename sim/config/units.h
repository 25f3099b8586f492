#pragma once

// Written-out physical quantities ("1.2 GHz", "25.6 GB/s", "512 KiB", "80 ns", "0.35 pJ") and
// hsim's integral base units for them (those of board/board_spec.h): Hz, B/s, B, ps, fJ, uW.
//
// Prefixes: k, K, M, G are powers of 1000; Ki, Mi, Gi are powers of 1024; a bit is 1/8 byte.
// So 1 KB = 1 kB = 1000 B and 1 KiB = 1024 B.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hsim::config {

enum class Quantity { kFrequency, kBandwidth, kSize, kTime, kEnergy, kPower };

// One unit: its value in base units is numerator / denominator (a bit/s is 1/8 B/s).
struct Unit {
  std::string_view symbol;
  int64_t numerator = 1;
  int64_t denominator = 1;
  bool binary = false;  // a power-of-1024 prefix
  bool printed = true;  // format_quantity may choose it (not the synonyms KB, bit/s, ...)
};

struct QuantityInfo {
  Quantity quantity;
  std::string_view name;     // "bandwidth"
  std::string_view example;  // "25.6 GB/s"
  bool positive;             // sizes, clocks and bandwidths must be > 0; the rest >= 0
  std::vector<Unit> units;   // the first is the base unit
};

const QuantityInfo& quantity_info(Quantity quantity);
const std::vector<Quantity>& all_quantities();

// Parses "<number> <unit>": a plain decimal number (digits, optionally a point and more digits),
// optional spaces, and one of the quantity's units, exactly as listed (case matters: mW is not
// MW). The result is the value in base units rounded to the nearest integer. Throws ValueError
// if the text has another form, names another unit, is negative, is zero where the quantity
// must be positive, does not fit in 64 bits, or if rounding changes it by more than 0.1%.
int64_t parse_quantity(Quantity quantity, std::string_view text);

// The shortest exact text for a value in base units, in the largest decimal or binary unit not
// above it ("2.4 GHz", "512 KiB", "19.2 GB/s", "350 fJ"); parse_quantity reads it back exactly.
std::string format_quantity(Quantity quantity, int64_t value);

// "B/s, kB/s, KB/s, ..." for messages and documentation.
std::string unit_list(Quantity quantity);

}  // namespace hsim::config
