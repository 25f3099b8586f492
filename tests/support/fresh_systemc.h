#pragma once

// SystemC elaborates one platform per process: a test that builds a Platform needs a process
// of its own, which ctest gives every test (gtest_discover_tests). Run directly in one binary
// with other such tests, it skips rather than fails.
#include <gtest/gtest.h>

#include "platform/platform.h"

#define REQUIRE_FRESH_SYSTEMC()                \
  if (!::hsim::sim::Platform::can_elaborate()) \
  GTEST_SKIP() << "needs a process of its own (SystemC elaborates once): run via ctest"
