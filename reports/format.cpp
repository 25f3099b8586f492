#include "format.h"

#include <fmt/format.h>

namespace hsim::reports {

std::string si_count(int64_t value) {
  static const char* const kPrefixes[] = {"", " k", " M", " G", " T", " P"};
  double v = static_cast<double>(value);
  size_t level = 0;
  while ((v >= 1000.0 || v <= -1000.0) && level + 1 < std::size(kPrefixes)) {
    v /= 1000.0;
    ++level;
  }
  return level == 0 ? std::to_string(value) : fmt::format("{:.2f}{}", v, kPrefixes[level]);
}

std::string binary_bytes(int64_t bytes) {
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  size_t level = 0;
  while (v >= 1024.0 && level + 1 < std::size(kUnits)) {
    v /= 1024.0;
    ++level;
  }
  return level == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", v, kUnits[level]);
}

std::string grouped(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

std::string shape_text(const std::vector<int64_t>& dims) {
  if (dims.empty()) return "scalar";
  std::string s;
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? "x" : "") + std::to_string(dims[i]);
  return s;
}

}  // namespace hsim::reports
