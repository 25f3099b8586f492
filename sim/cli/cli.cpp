#include "cli/cli.h"

#include <fmt/format.h>

#include <iostream>
#include <vector>

#include "cli/commands.h"
#include "common/error.h"

namespace hsim::cli {

int run(int argc, char* argv[]) {
  CLI::App app{"hsim: simulate and explore DNN inference schedules on heterogeneous MPSoCs"};
  app.set_version_flag("--version", HSIM_VERSION);
  app.require_subcommand(0, 1);
  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);
  const Command main_job = add_main_job(app, command_line);

  const std::vector<Command> commands = {
      add_inspect_command(app),
      add_validate_command(app),
      add_describe_command(app),
      add_trace_command(app),
      add_run_trace_command(app),
      add_simulate_command(app, command_line),
      add_taskgraph_command(app),
      add_sweep_command(app, command_line),
      add_explore_command(app, command_line),
      add_profile_command(app, command_line),
      add_import_profile_command(app),
      add_stream_command(app),
      add_validate_host_command(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "hsim: error: " << e.what() << " (see hsim --help)\n";
    return 2;
  }

  try {
    for (const Command& command : commands)
      if (command.subcommand->parsed()) return command.action();
    return main_job.action();
  } catch (const InputError& e) {
    std::cout.flush();
    std::cerr << "hsim: error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "hsim: internal error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace hsim::cli
