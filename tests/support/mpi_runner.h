#pragma once

// Runs a program under Open MPI's mpirun on localhost, for the tests of MPI sweeps and islands.
#include <string>
#include <vector>

#include "support/process_runner.h"

namespace hsim::testing {

// The path of mpirun, or "" when Open MPI's launcher is not installed.
std::string mpirun_path();

// `mpirun -np ranks program args...` on localhost: oversubscribed (more ranks than cores), as root
// too, without the shared-memory single-copy mechanism that containers often forbid. Open MPI's
// own leaks at exit are not the program's, so a sanitizer build checks for none in these processes.
RunResult run_under_mpirun(int ranks, const std::string& program,
                           const std::vector<std::string>& args);

}  // namespace hsim::testing
