#pragma once

#include <stdexcept>
#include <string>

namespace hsim {

// Raised for anything wrong with what the user handed hsim (a file, a flag, a value). The CLI
// prints it as one line, `hsim: error: <where>: <what>`, and exits with code 2; it is never a bug
// in hsim. `where` names the file (and, when known, line and key); it may be empty for flags.
class InputError : public std::runtime_error {
 public:
  InputError(std::string where, const std::string& what)
      : std::runtime_error(where.empty() ? what : where + ": " + what), where_(std::move(where)) {}

  const std::string& where() const { return where_; }

 private:
  std::string where_;
};

}  // namespace hsim
