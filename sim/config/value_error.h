#pragma once

#include <stdexcept>
#include <string>

namespace hsim::config {

// What is wrong with one value, without saying where it came from ("expected a bandwidth such as
// '25.6 GB/s', got '25.6 GB'"). Readers that know the file, line and key path turn it into an
// InputError.
class ValueError : public std::runtime_error {
 public:
  explicit ValueError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace hsim::config
