#pragma once

namespace hsim::cli {

// Parses the command line and runs the chosen command. Returns the process exit code:
// 0 success, 2 bad input (usage, files, values) with one line on stderr, 1 an internal error.
int run(int argc, char* argv[]);

}  // namespace hsim::cli
