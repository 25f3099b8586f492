#pragma once

// Errors of the kernel models. They are input errors (a schedule placed an op where it cannot
// run, a board lacks a rate or memory the op needs), never bugs; the CLI prints them as one line.
#include <string>

#include "common/error.h"

namespace hsim::sim {

class KernelError : public InputError {
 public:
  explicit KernelError(const std::string& what) : InputError("", what) {}
};

// The PU's supported_ops leave the op out.
class UnsupportedOpError : public KernelError {
 public:
  using KernelError::KernelError;
};

}  // namespace hsim::sim
