#include "schedule/kernel_choice.h"

#include <stdexcept>
#include <string>

namespace hsim::sim {

namespace {

template <typename T>
int digit(const std::optional<T>& part, T first) {
  return !part ? 0 : *part == first ? 1 : 2;
}

template <typename T>
std::optional<T> value_of(int digit, T first, T second) {
  if (digit == 0) return std::nullopt;
  return digit == 1 ? first : second;
}

}  // namespace

int kernel_choice_code(const KernelChoice& choice) {
  return digit(choice.order, LoopOrder::kWeightsOuter) * 9 +
         digit(choice.weights_resident, true) * 3 + digit(choice.double_buffering, true);
}

KernelChoice kernel_choice_of_code(int code) {
  if (code < 0 || code >= kKernelChoiceCount)
    throw std::out_of_range("kernel choice code " + std::to_string(code) + " is not in [0, 27)");
  KernelChoice choice;
  choice.order = value_of(code / 9, LoopOrder::kWeightsOuter, LoopOrder::kInputsOuter);
  choice.weights_resident = value_of(code / 3 % 3, true, false);
  choice.double_buffering = value_of(code % 3, true, false);
  return choice;
}

KernelChoice with_part(KernelChoice choice, KernelChoicePart part, int value) {
  switch (part) {
    case KernelChoicePart::kOrder:
      choice.order = value_of(value, LoopOrder::kWeightsOuter, LoopOrder::kInputsOuter);
      break;
    case KernelChoicePart::kWeights:
      choice.weights_resident = value_of(value, true, false);
      break;
    case KernelChoicePart::kBuffering:
      choice.double_buffering = value_of(value, true, false);
      break;
  }
  return choice;
}

KernelOptions kernel_options(const KernelChoice& choice, DType dtype) {
  KernelOptions options;
  options.dtype = dtype;
  options.tiling.order = choice.order;
  options.tiling.weights_resident = choice.weights_resident;
  if (choice.double_buffering) options.double_buffering = *choice.double_buffering;
  return options;
}

}  // namespace hsim::sim
