#pragma once

// What a schedule may fix of how a task's kernels run, for the auto-tuner and for users.
#include <optional>

#include "kernels/gemm_tiling.h"
#include "kernels/kernel_model.h"

namespace hsim::sim {

// The loop order and weight residency of GEMM tilings (matrix ops on NPUs and DSPs; the tiler
// still picks the block sizes within them, gemm_tiling.h) and double buffering (every tiled
// kernel). Unset: the tiler's own choice, and double buffering on.
struct KernelChoice {
  std::optional<LoopOrder> order;
  std::optional<bool> weights_resident;
  std::optional<bool> double_buffering;

  bool empty() const { return !order && !weights_resident && !double_buffering; }
  bool operator==(const KernelChoice& o) const {
    return order == o.order && weights_resident == o.weights_resident &&
           double_buffering == o.double_buffering;
  }
  bool operator!=(const KernelChoice& o) const { return !(*this == o); }
};

// Each part takes one of three values: 0 unset, 1 its first setting, 2 its second
// (order: weights-outer, inputs-outer; weights: resident, streamed; buffering: double, single).
enum class KernelChoicePart { kOrder, kWeights, kBuffering };
constexpr int kKernelChoiceParts = 3;
constexpr int kKernelChoiceValues = 3;

// Every KernelChoice as one number in [0, kKernelChoiceCount): its parts as base-3 digits, the
// loop order most significant, so 0 is the all-unset choice. The one numbering that trace
// caches, memo keys, the worker wire and the search's draws use.
constexpr int kKernelChoiceCount = 27;
int kernel_choice_code(const KernelChoice& choice);
KernelChoice kernel_choice_of_code(int code);  // std::out_of_range outside [0, 27)

// `choice` with one part set to a value (0 unset, 1 first setting, 2 second).
KernelChoice with_part(KernelChoice choice, KernelChoicePart part, int value);

// The kernel options a task with this choice runs its kernels with, in element type `dtype`.
KernelOptions kernel_options(const KernelChoice& choice, DType dtype);

}  // namespace hsim::sim
