#include <iostream>

#include "board/board_file.h"
#include "board/board_summary.h"
#include "cli/commands.h"

namespace hsim::cli {

namespace {

struct ValidateOptions {
  std::string hw;
  std::vector<std::string> overrides;
};

int run_validate(const ValidateOptions& options) {
  const sim::BoardSpec board = sim::load_board_file(options.hw, options.overrides);
  std::cout << "# " << options.hw << ": board '" << board.name << "' is valid.\n";
  for (const std::string& spec : options.overrides) std::cout << "# with --set " << spec << '\n';
  std::cout << "# Resolved form: every default filled in, every value with its unit.\n";
  std::cout << "# Peak arithmetic (cores x clock x MACs per cycle; OPS count a MAC as two):\n";
  for (const std::string& line : sim::peak_compute_lines(board))
    std::cout << "#   " << line << '\n';
  std::cout << sim::resolved_board_yaml(board);
  return 0;
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check a board file and print its resolved form (defaults filled in, units)");
  cmd->add_option("--hw", options->hw, "Board file (YAML), e.g. hw_configs/default.yaml")
      ->required();
  cmd->add_option("--set", options->overrides,
                  "Override a board value, KEY.PATH=VALUE (repeatable), e.g. "
                  "--set 'devices.soc.dram.bandwidth=12.8 GB/s'")
      ->take_all()
      ->allow_extra_args(false);
  return {cmd, [options] { return run_validate(*options); }};
}

}  // namespace hsim::cli
