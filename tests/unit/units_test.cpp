// Written-out quantities: each unit family, decimals, the 0.1% rounding limit, bad strings, and
// the resolved-form formatter reading back exactly. Expected values are the unit definitions
// (powers of 1000 and 1024, 8 bits per byte) worked by hand.
#include "config/units.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include "config/value_error.h"

namespace {

using hsim::config::format_quantity;
using hsim::config::parse_quantity;
using hsim::config::Quantity;
using hsim::config::ValueError;

constexpr int64_t kKilo = 1000;
constexpr int64_t kMega = kKilo * kKilo;
constexpr int64_t kGiga = kMega * kKilo;

// The ValueError text for `text`, or "" if it parsed.
std::string error_of(Quantity quantity, const std::string& text) {
  try {
    parse_quantity(quantity, text);
  } catch (const ValueError& e) {
    return e.what();
  }
  return "";
}

#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text)

TEST(Units, Frequency) {
  EXPECT_EQ(parse_quantity(Quantity::kFrequency, "1 Hz"), 1);
  EXPECT_EQ(parse_quantity(Quantity::kFrequency, "32.768 kHz"), 32'768);
  EXPECT_EQ(parse_quantity(Quantity::kFrequency, "800 MHz"), 800 * kMega);
  EXPECT_EQ(parse_quantity(Quantity::kFrequency, "1.2 GHz"), 1'200'000'000);
  EXPECT_EQ(parse_quantity(Quantity::kFrequency, "1.25GHz"), 1'250'000'000);  // space optional
}

TEST(Units, BandwidthDecimalBinaryAndBits) {
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "25.6 GB/s"), 25'600'000'000);
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "12 B/s"), 12);
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "3 kB/s"), 3000);
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "3 KB/s"), 3000);  // K is decimal too
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "125 MB/s"), 125 * kMega);
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "1 KiB/s"), 1024);
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "1 MiB/s"), 1024 * 1024);
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "2 GiB/s"), 2LL * 1024 * 1024 * 1024);
  // A bit is 1/8 byte: 1 Gbit/s = 125 MB/s (Gigabit Ethernet), 100 Mbit/s = 12.5 MB/s.
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "1 Gbit/s"), 125 * kMega);
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "100 Mbit/s"), 12'500'000);
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "1 kbit/s"), 125);
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "1 Kbit/s"), 125);
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "16 bit/s"), 2);
}

TEST(Units, Size) {
  EXPECT_EQ(parse_quantity(Quantity::kSize, "64 B"), 64);
  EXPECT_EQ(parse_quantity(Quantity::kSize, "2 kB"), 2000);
  EXPECT_EQ(parse_quantity(Quantity::kSize, "2 KB"), 2000);
  EXPECT_EQ(parse_quantity(Quantity::kSize, "4 MB"), 4 * kMega);
  EXPECT_EQ(parse_quantity(Quantity::kSize, "8 GB"), 8 * kGiga);
  EXPECT_EQ(parse_quantity(Quantity::kSize, "512 KiB"), 512 * 1024);
  EXPECT_EQ(parse_quantity(Quantity::kSize, "1.5 KiB"), 1536);
  EXPECT_EQ(parse_quantity(Quantity::kSize, "4 MiB"), 4 * 1024 * 1024);
  EXPECT_EQ(parse_quantity(Quantity::kSize, "8 GiB"), 8LL * 1024 * 1024 * 1024);
}

TEST(Units, TimeInPicoseconds) {
  EXPECT_EQ(parse_quantity(Quantity::kTime, "7 ps"), 7);
  EXPECT_EQ(parse_quantity(Quantity::kTime, "80 ns"), 80'000);
  EXPECT_EQ(parse_quantity(Quantity::kTime, "1.5 us"), 1'500'000);
  EXPECT_EQ(parse_quantity(Quantity::kTime, "50 us"), 50'000'000);
  EXPECT_EQ(parse_quantity(Quantity::kTime, "2 ms"), 2'000'000'000);
  EXPECT_EQ(parse_quantity(Quantity::kTime, "3 s"), 3'000'000'000'000);
  EXPECT_EQ(parse_quantity(Quantity::kTime, "0 ns"), 0);  // a time may be zero
}

TEST(Units, EnergyInFemtojoules) {
  EXPECT_EQ(parse_quantity(Quantity::kEnergy, "0.35 pJ"), 350);
  EXPECT_EQ(parse_quantity(Quantity::kEnergy, "12 fJ"), 12);
  EXPECT_EQ(parse_quantity(Quantity::kEnergy, "4 nJ"), 4'000'000);
  EXPECT_EQ(parse_quantity(Quantity::kEnergy, "1 uJ"), kGiga);
  EXPECT_EQ(parse_quantity(Quantity::kEnergy, "1 mJ"), kGiga * kKilo);
  EXPECT_EQ(parse_quantity(Quantity::kEnergy, "2 J"), 2 * kGiga * kMega);
  EXPECT_EQ(parse_quantity(Quantity::kEnergy, "0 pJ"), 0);
}

TEST(Units, PowerInMicrowatts) {
  EXPECT_EQ(parse_quantity(Quantity::kPower, "3 uW"), 3);
  EXPECT_EQ(parse_quantity(Quantity::kPower, "500 mW"), 500'000);
  EXPECT_EQ(parse_quantity(Quantity::kPower, "1.5 W"), 1'500'000);
}

TEST(Units, RoundsToNearestWithinOneInAThousand) {
  // 500.5 Hz -> 501 Hz: off by 0.5 / 500.5 = 0.0999%, accepted.
  EXPECT_EQ(parse_quantity(Quantity::kFrequency, "500.5 Hz"), 501);
  // 499.5 Hz -> 500 Hz: off by 0.5 / 499.5 = 0.1001%, refused.
  EXPECT_CONTAINS(error_of(Quantity::kFrequency, "499.5 Hz"), "not a whole number of Hz");
  // 1000.4 Hz -> 1000 (rounds down), 1000.6 Hz -> 1001 (rounds up).
  EXPECT_EQ(parse_quantity(Quantity::kFrequency, "1000.4 Hz"), 1000);
  EXPECT_EQ(parse_quantity(Quantity::kFrequency, "1000.6 Hz"), 1001);
  // 10.667 GB/s is a whole number of B/s; 12 bit/s is 1.5 B/s, off by 33%.
  EXPECT_EQ(parse_quantity(Quantity::kBandwidth, "10.667 GB/s"), 10'667'000'000);
  EXPECT_CONTAINS(error_of(Quantity::kBandwidth, "12 bit/s"), "33.3%");
  EXPECT_CONTAINS(error_of(Quantity::kSize, "1.5 B"), "not a whole number of B");
  EXPECT_CONTAINS(error_of(Quantity::kEnergy, "0.2 fJ"), "not a whole number of fJ");
  EXPECT_CONTAINS(error_of(Quantity::kTime, "0.4 ps"), "not a whole number of ps");
}

TEST(Units, ZeroAndNegative) {
  for (const char* text : {"0 B", "0 KiB", "0.0 MB"})
    EXPECT_CONTAINS(error_of(Quantity::kSize, text), "expected a size above zero");
  EXPECT_CONTAINS(error_of(Quantity::kFrequency, "0 GHz"), "expected a frequency above zero");
  EXPECT_CONTAINS(error_of(Quantity::kBandwidth, "0 GB/s"), "expected a bandwidth above zero");
  EXPECT_CONTAINS(error_of(Quantity::kSize, "-1 KiB"), "expected a size above zero, got '-1 KiB'");
  EXPECT_CONTAINS(error_of(Quantity::kTime, "-5 ns"), "expected a time of zero or more");
  EXPECT_CONTAINS(error_of(Quantity::kEnergy, "-1 pJ"), "expected an energy of zero or more");
}

TEST(Units, ErrorsSayWhatWasExpected) {
  EXPECT_EQ(
      error_of(Quantity::kBandwidth, "25.6 GB")
          .rfind("expected a bandwidth such as '25.6 GB/s', got '25.6 GB' ('GB' is not a unit of "
                 "bandwidth; use B/s, kB/s",
                 0),
      0u)
      << error_of(Quantity::kBandwidth, "25.6 GB");
  EXPECT_CONTAINS(error_of(Quantity::kFrequency, "1.2"), "the unit is missing");
  EXPECT_CONTAINS(error_of(Quantity::kFrequency, "1.2 ghz"), "did you mean 'GHz'?");
  EXPECT_CONTAINS(error_of(Quantity::kPower, "5 MW"), "did you mean 'mW'?");
  EXPECT_CONTAINS(error_of(Quantity::kSize, "1 GB/s"), "'GB/s' is not a unit of size");
  EXPECT_CONTAINS(error_of(Quantity::kTime, "fast"), "expected a time such as '80 ns', got 'fast'");
}

TEST(Units, MalformedNumbersAreRefused) {
  for (const char* text :
       {"", " ", "GHz", "1,2 GHz", "1e9 Hz", "+1 GHz", ".5 GHz", "1. GHz", "1.2.3 GHz", "1.2 G Hz",
        "- 1 GHz", "0x10 Hz", "nan Hz", "inf GHz", "1 GHz GHz", "one GHz", "1/2 GHz", "1_000 Hz"})
    EXPECT_CONTAINS(error_of(Quantity::kFrequency, text), "expected a frequency")
        << "'" << text << "'";
}

TEST(Units, TooLargeOrTooLong) {
  // 10^10 GB = 10^19 B > 2^63 - 1 (about 9.22 x 10^18).
  EXPECT_CONTAINS(error_of(Quantity::kSize, "10000000000 GB"), "too large");
  EXPECT_EQ(parse_quantity(Quantity::kSize, "9223372036854775807 B"), INT64_MAX);
  EXPECT_CONTAINS(error_of(Quantity::kSize, "9223372036854775808 B"), "too large");
  EXPECT_CONTAINS(error_of(Quantity::kSize, "1234567890123456789012 B"), "at most 21 digits");
}

TEST(Units, FormatPicksTheShortestExactUnit) {
  EXPECT_EQ(format_quantity(Quantity::kFrequency, 2'400'000'000), "2.4 GHz");
  EXPECT_EQ(format_quantity(Quantity::kFrequency, 300 * kMega), "300 MHz");
  EXPECT_EQ(format_quantity(Quantity::kSize, 512 * 1024), "512 KiB");
  EXPECT_EQ(format_quantity(Quantity::kSize, 1000), "1 kB");
  EXPECT_EQ(format_quantity(Quantity::kSize, 1024), "1 KiB");
  EXPECT_EQ(format_quantity(Quantity::kSize, 1500), "1.5 kB");
  EXPECT_EQ(format_quantity(Quantity::kSize, 100), "100 B");
  EXPECT_EQ(format_quantity(Quantity::kBandwidth, 19'200'000'000), "19.2 GB/s");
  EXPECT_EQ(format_quantity(Quantity::kBandwidth, 125 * kMega), "125 MB/s");
  EXPECT_EQ(format_quantity(Quantity::kTime, 1500), "1.5 ns");
  EXPECT_EQ(format_quantity(Quantity::kTime, 50'000'000), "50 us");
  EXPECT_EQ(format_quantity(Quantity::kTime, 0), "0 ps");
  EXPECT_EQ(format_quantity(Quantity::kEnergy, 350), "350 fJ");
  EXPECT_EQ(format_quantity(Quantity::kEnergy, 4'600), "4.6 pJ");
  EXPECT_EQ(format_quantity(Quantity::kPower, 500'000), "500 mW");
}

TEST(Units, FormatReadsBackExactly) {
  std::mt19937_64 rng(20240601);
  for (Quantity quantity : hsim::config::all_quantities()) {
    for (int i = 0; i < 2000; ++i) {
      // Values of every magnitude: a random 63-bit number shifted right by 0..62 bits.
      const int64_t value = static_cast<int64_t>(rng() >> 1) >> (rng() % 63);
      if (value == 0) continue;
      const std::string text = format_quantity(quantity, value);
      EXPECT_EQ(parse_quantity(quantity, text), value) << text;
    }
    EXPECT_EQ(parse_quantity(quantity, format_quantity(quantity, INT64_MAX)), INT64_MAX);
  }
}

}  // namespace
