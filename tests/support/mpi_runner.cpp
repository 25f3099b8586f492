#include "support/mpi_runner.h"

#include <filesystem>

namespace hsim::testing {

std::string mpirun_path() {
  for (const char* path : {"/usr/bin/mpirun", "/usr/local/bin/mpirun"})
    if (std::filesystem::exists(path)) return path;
  return "";
}

RunResult run_under_mpirun(int ranks, const std::string& program,
                           const std::vector<std::string>& args) {
  std::vector<std::string> command = {"ASAN_OPTIONS=detect_leaks=0",
                                      mpirun_path(),
                                      "--oversubscribe",
                                      "--allow-run-as-root",
                                      "--mca",
                                      "btl_vader_single_copy_mechanism",
                                      "none",
                                      "-np",
                                      std::to_string(ranks),
                                      program};
  command.insert(command.end(), args.begin(), args.end());
  return run_program("env", command);
}

}  // namespace hsim::testing
