// libsystemc owns main() and calls sc_main(), so the test binary starts GoogleTest from here
// (gtest_main must not be linked). SystemC warnings and errors become test failures: a model
// that reports one is wrong even if its numbers look right.
#include <gtest/gtest.h>

#include <cstdlib>
#include <systemc>

int sc_main(int argc, char* argv[]) {
  ::testing::InitGoogleTest(&argc, argv);
  sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING, sc_core::SC_DISPLAY |
                                                                   sc_core::SC_THROW);
  return RUN_ALL_TESTS();
}
