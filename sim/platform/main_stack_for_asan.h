#pragma once

namespace hsim::sim {

// SystemC announces each coroutine switch to AddressSanitizer, but gives the main coroutine an
// empty stack (bottom 0, size 0). Once a simulation has run, ASan therefore believes the main
// thread has no stack and skips its cleanup at every later throw ("ASan is ignoring requested
// __asan_handle_no_return"); the poison the thrower's frames leave behind then shows up as false
// stack-use-after-scope or stack-buffer-overflow reports at a later throw. hsim throws after
// simulations (an infeasible candidate is an exception), so Platform calls this on the main
// thread each time sc_start returns: it re-announces the main thread's real stack.
// Does nothing outside an AddressSanitizer build.
void reannounce_main_stack_to_asan();

}  // namespace hsim::sim
