#pragma once

// Runs a program (the real hsim binary) with arguments and captures its exit code, stdout and
// stderr, for tests of the command line.
#include <string>
#include <vector>

namespace hsim::testing {

struct RunResult {
  int exit_code = -1;  // 128 + signal number when the process was killed by a signal
  std::string out;
  std::string err;
};

// Runs `program args...` through the shell with every argument quoted, stdin from /dev/null;
// stdout and stderr go to temp files (temp_path) and are read back.
RunResult run_program(const std::string& program, const std::vector<std::string>& args);

std::string shell_quote(const std::string& text);
std::string read_text(const std::string& path);
size_t count_lines(const std::string& text);

}  // namespace hsim::testing
