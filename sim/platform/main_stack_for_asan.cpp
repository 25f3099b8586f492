#include "platform/main_stack_for_asan.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HSIM_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HSIM_ASAN 1
#endif

#ifdef HSIM_ASAN
#include <pthread.h>
#include <sanitizer/common_interface_defs.h>

#include <cstddef>
#endif

namespace hsim::sim {

#ifdef HSIM_ASAN
namespace {

struct StackBounds {
  void* bottom = nullptr;
  size_t size = 0;
};

// The calling thread's stack as glibc reports it (for the main thread: read once from
// /proc/self/maps and the stack rlimit, hence cached).
StackBounds main_stack() {
  static const StackBounds bounds = [] {
    StackBounds b;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return b;
    if (pthread_attr_getstack(&attr, &b.bottom, &b.size) != 0) b = {};
    pthread_attr_destroy(&attr);
    return b;
  }();
  return bounds;
}

}  // namespace

void reannounce_main_stack_to_asan() {
  const StackBounds stack = main_stack();
  if (stack.size == 0) return;
  // A "switch" from the main stack to itself: ASan keeps this thread's fake stack (saved by the
  // start, restored by the finish) and takes the bounds given here as the current stack.
  void* fake_stack = nullptr;
  __sanitizer_start_switch_fiber(&fake_stack, stack.bottom, stack.size);
  __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
}
#else
void reannounce_main_stack_to_asan() {}
#endif

}  // namespace hsim::sim
