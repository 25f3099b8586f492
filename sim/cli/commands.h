#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

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
Command add_simulate_command(CLI::App& app, const std::string& command_line);
Command add_taskgraph_command(CLI::App& app);
Command add_sweep_command(CLI::App& app, const std::string& command_line);
Command add_explore_command(CLI::App& app, const std::string& command_line);
Command add_profile_command(CLI::App& app, const std::string& command_line);
Command add_import_profile_command(CLI::App& app);
Command add_stream_command(CLI::App& app);
Command add_validate_host_command(CLI::App& app);
// The main job runs when no subcommand is given; its options live on the app itself.
Command add_main_job(CLI::App& app, const std::string& command_line);

}  // namespace hsim::cli
