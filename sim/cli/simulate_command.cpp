// `hsim simulate --hw B --net N --schedule S.yaml [--out DIR]`: one given schedule, simulated.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "board/board_file.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/profile_support.h"
#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "reports/html_report.h"
#include "reports/perfetto_trace.h"
#include "reports/schedule_report.h"
#include "schedule/schedule_file.h"

namespace hsim::cli {

namespace {

struct SimulateOptions {
  std::string hw;
  std::string net;
  std::string schedule;
  std::string out;
  FidelityOptions fidelity;
  int64_t inferences = 0;  // 0: as the schedule file says
  std::vector<std::string> overrides;
  std::vector<std::string> input_shapes;
  std::string profile;
  std::string command_line;
};

int run_simulate(const SimulateOptions& options) {
  const sim::BoardSpec board = sim::load_board_file(options.hw, options.overrides);
  const sim::LoadedNetwork loaded = load_network(options.net, options.input_shapes);
  sim::Schedule schedule = sim::load_schedule_file(options.schedule);
  if (options.inferences > 0) schedule.inferences = options.inferences;

  sim::Platform platform(board, options.fidelity.platform_options());
  sim::ScheduleRunner runner(loaded.network, platform);
  const auto profile = load_profile_option(options.profile);
  runner.set_measured_compute(profile.get());
  const sim::ScheduleResult result = runner.run(schedule, options.schedule);

  reports::print_op_timeline(loaded.network, platform.cores(), result, std::cout);
  std::cout << '\n';
  reports::print_schedule_summary(board, platform.cores(), result, std::cout);
  print_profile_coverage(loaded.network, board, schedule, profile.get(), options.profile, std::cout);
  if (!options.out.empty()) {
    const std::filesystem::path dir = make_folder(options.out);
    auto ops = open_output(dir / "ops.csv");
    reports::write_ops_csv(loaded.network, platform.cores(), result, ops);
    auto sched = open_output(dir / "schedule.yaml");
    sched << sim::schedule_yaml(schedule);
    auto resolved = open_output(dir / "board.yaml");
    resolved << sim::resolved_board_yaml(board);
    auto pus = open_output(dir / "pus.csv");
    reports::write_pus_csv(platform.cores(), result, pus);
    auto trace = open_output(dir / "trace.json");
    reports::write_perfetto_trace(loaded.network, board, platform.cores(), result, trace);
    auto html = open_output(dir / "report.html");
    const std::string name = schedule.strategy.empty() ? "user" : schedule.strategy;
    reports::write_html_report(
        loaded.network, board, platform.cores(), {{name, &schedule, &result}}, 0,
        {options.net, HSIM_VERSION, options.command_line, reports::utc_timestamp_now()}, html);
    std::cout << "\nWrote " << (dir / "ops.csv").string()
              << ", pus.csv, trace.json (Perfetto), report.html, schedule.yaml, board.yaml\n";
  }
  return 0;
}

}  // namespace

Command add_simulate_command(CLI::App& app, const std::string& command_line) {
  auto options = std::make_shared<SimulateOptions>();
  options->command_line = command_line;
  CLI::App* cmd = app.add_subcommand("simulate", "Simulate one schedule of a network on a board");
  cmd->add_option("--hw", options->hw, "Board file (YAML)")->required();
  cmd->add_option("--net", options->net, "ONNX model file")->required();
  cmd->add_option("--schedule", options->schedule, "Schedule file (YAML, see README)")->required();
  cmd->add_option(
      "--out", options->out,
      "Folder for ops.csv, pus.csv, trace.json, report.html, schedule.yaml, board.yaml");
  add_fidelity_options(cmd, options->fidelity);
  cmd->add_option("--inferences", options->inferences,
                  "Pipelined stream of this many inferences (overrides the schedule file)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--input-shape", options->input_shapes, "Bind a graph input, NAME=DxDx...");
  cmd->add_option("--profile", options->profile,
                  "Measured profile (hsim profile, import-profile): its times replace the kernel "
                  "models' compute times");
  cmd->add_option("--set", options->overrides, "Override a board value, KEY.PATH=VALUE")
      ->take_all()
      ->allow_extra_args(false);
  return {cmd, [options] { return run_simulate(*options); }};
}

}  // namespace hsim::cli
