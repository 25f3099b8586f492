#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hsim::reports {

// 4089184256 -> "4.09 G"; below 1000 the plain number.
std::string si_count(int64_t value);
// 102760448 -> "98.0 MiB"; below 1 KiB "N B".
std::string binary_bytes(int64_t bytes);
// 25557032 -> "25,557,032".
std::string grouped(int64_t value);
// {1, 64, 56, 56} -> "1x64x56x56"; a scalar -> "scalar".
std::string shape_text(const std::vector<int64_t>& dims);

}  // namespace hsim::reports
