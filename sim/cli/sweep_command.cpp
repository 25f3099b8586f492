// `hsim sweep SWEEP.yaml [--out DIR] [--jobs N] [--resume]`: batch design-space sweeps
// (explorer/sweep/): every combination of boards, nets, strategies, seeds and board-override
// axes, each job the main job in its own process, results.csv written as jobs finish.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "sweep/sweep_runner.h"

namespace hsim::cli {

namespace {

struct SweepCommandOptions {
  std::string file;
  std::string out;
  int jobs = 0;
  bool resume = false;
  FidelityOptions fidelity;
};

int run_sweep_command(const SweepCommandOptions& options) {
  const explorer::SweepSpec spec = explorer::load_sweep_file(options.file);
  explorer::SweepOptions run;
  run.out_dir =
      options.out.empty()
          ? (std::filesystem::path("reports/sweeps") / std::filesystem::path(options.file).stem())
                .string()
          : options.out;
  run.jobs = options.jobs > 0 ? options.jobs
                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  run.resume = options.resume;
  run.hsim_binary = std::filesystem::read_symlink("/proc/self/exe").string();
  run.extra = {"--fidelity", options.fidelity.fidelity};
  if (options.fidelity.burst > 0)
    run.extra.insert(run.extra.end(), {"--burst", std::to_string(options.fidelity.burst)});
  run.progress = isatty(STDERR_FILENO) != 0;
  const size_t jobs = explorer::expand_jobs(spec).size();
  std::cout << fmt::format("{}: {} jobs ({} boards x {} nets x {} strategies x {} seeds",
                           options.file, jobs, spec.boards.size(), spec.nets.size(),
                           spec.strategies.size(), spec.seeds.size());
  for (const auto& axis : spec.axes) std::cout << " x " << axis.values.size() << " " << axis.path;
  std::cout << fmt::format("), {} at a time\n", run.jobs) << std::flush;
  const explorer::SweepSummary summary = explorer::run_sweep(spec, run, std::cout);
  std::cout << fmt::format("\n{} ok, {} failed, {} already done; results in {}/results.csv\n",
                           summary.ok, summary.failed, summary.skipped, run.out_dir);
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& app) {
  auto options = std::make_shared<SweepCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run every combination of boards, nets, strategies and board overrides");
  cmd->add_option("file", options->file, "Sweep file (YAML, see README)")->required();
  cmd->add_option("--out", options->out,
                  "Folder for results.csv and jobs/ "
                  "(default: reports/sweeps/<sweep file name>)");
  cmd->add_option("--jobs", options->jobs, "Jobs at once (default: one per core)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--resume", options->resume, "Skip the jobs results.csv already holds");
  add_fidelity_options(cmd, options->fidelity);
  return {cmd, [options] { return run_sweep_command(*options); }};
}

}  // namespace hsim::cli
