// hsim's own main() takes precedence over the one in libsystemc. It silences SystemC's copyright
// banner (hsim's stdout is a report, often piped) and then enters SystemC the standard way, which
// calls sc_main() and turns uncaught SystemC reports into a clean exit.
#include <cstdlib>
#include <systemc>

#include "cli/cli.h"

int sc_main(int argc, char* argv[]) { return hsim::cli::run(argc, argv); }

int main(int argc, char* argv[]) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "DISABLE", /*overwrite=*/0);
  return sc_core::sc_elab_and_sim(argc, argv);
}
