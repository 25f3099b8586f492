#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace hsim::cli {

// Each command adds its subcommand and options to the app and returns the action to run when
// that subcommand is chosen. A new command is a new file and one line in cli.cpp.
using CommandAction = std::function<int()>;

struct Command {
  CLI::App* subcommand;
  CommandAction action;
};

Command add_inspect_command(CLI::App& app);
Command add_validate_command(CLI::App& app);
Command add_describe_command(CLI::App& app);
Command add_trace_command(CLI::App& app);
Command add_run_trace_command(CLI::App& app);
Command add_simulate_command(CLI::App& app);

}  // namespace hsim::cli
