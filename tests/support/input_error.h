#pragma once

// The message of the InputError a parse or run throws, for tests of bad input.
#include <string>

#include "common/error.h"

namespace hsim::testing {

// What `action` throws as an InputError, or "(accepted)" when it throws nothing; other exceptions
// pass through. The marker reads plainly in a failed expectation.
template <typename Action>
std::string input_error_of(Action&& action) {
  try {
    action();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace hsim::testing
