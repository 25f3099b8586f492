// Exceptions thrown on the main stack after a simulation run, under AddressSanitizer.
//
// SystemC tells AddressSanitizer about its coroutine switches, but it announces the main
// coroutine's stack as empty (bottom 0, size 0). Until hsim restores the real bounds, every
// later throw skips ASan's stack cleanup ("ASan is ignoring requested __asan_handle_no_return"),
// the thrower's frames stay poisoned, and the next throw at that depth is reported as a
// stack-use-after-scope inside ASan's own sigaltstack call. The search throws for every
// infeasible candidate, so this broke hsim's sanitizer build at random. Outside an ASan build
// there is nothing to check and the test skips itself.
#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>

#include "platform/platform.h"
#include "support/fresh_systemc.h"
#include "support/test_boards.h"

using namespace hsim::sim;
using hsim::testing::kGBps;
using hsim::testing::load;
using hsim::testing::TestBoard;

namespace {

// Leaves a 4 KiB local out of scope (poisoned as such under ASan) in its frame, then throws
// from that frame: unless ASan unpoisons the stack at the throw, the poison outlives the frame.
__attribute__((noinline)) void throw_after_a_scope_ends() {
  {
    char scratch[4096];
    std::memset(scratch, 1, sizeof scratch);
    asm volatile("" : : "r"(scratch) : "memory");  // keeps the buffer on the stack
  }
  throw std::runtime_error("infeasible");
}

__attribute__((noinline)) void throw_plainly() { throw std::runtime_error("infeasible"); }

}  // namespace

TEST(PlatformSanitizer, ExceptionsAfterASimulationRunLeaveNoStalePoison) {
#ifndef __SANITIZE_ADDRESS__
  GTEST_SKIP() << "meaningful only in the AddressSanitizer build";
#endif
  REQUIRE_FRESH_SYSTEMC();
  TestBoard spec;
  spec.dram_bandwidth = 10 * kGBps;
  Platform platform(spec.build());
  KernelTrace trace;
  trace.name = "k";
  trace.records = {load(4096)};
  for (int run = 0; run < 2; ++run) {
    EXPECT_GT(platform.run({{0, {&trace}}}).latency, 0);
    // The second throw's own ASan bookkeeping lands where the first left its poison.
    for (int i = 0; i < 4; ++i) {
      EXPECT_THROW(throw_after_a_scope_ends(), std::runtime_error);
      EXPECT_THROW(throw_plainly(), std::runtime_error);
    }
  }
}
