// SystemC's kernel is entered the standard way (sc_elab_and_sim -> sc_main), so the test binary
// provides sc_main and starts GoogleTest from it (gtest_main must not be linked). main() is our
// own only to silence SystemC's banner, which would otherwise precede --gtest_list_tests output.
// SystemC warnings and errors become test failures: a model that reports one is wrong even if
// its numbers look right.
#include <gtest/gtest.h>

#include <cstdlib>
#include <systemc>

int sc_main(int argc, char* argv[]) {
  ::testing::InitGoogleTest(&argc, argv);
  sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING,
                                          sc_core::SC_DISPLAY | sc_core::SC_THROW);
  return RUN_ALL_TESTS();
}

int main(int argc, char* argv[]) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "DISABLE", /*overwrite=*/0);
  return sc_core::sc_elab_and_sim(argc, argv);
}
