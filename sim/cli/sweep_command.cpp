// `hsim sweep SWEEP.yaml [--out DIR] [--jobs N] [--resume]`: batch design-space sweeps
// (explorer/sweep/): every combination of boards, nets, strategies, seeds and board-override
// axes, each job the main job in its own process, results.csv and sweep.html written as jobs
// finish. Started by mpirun, the ranks share the jobs (sweep_mpi.h); MPI is initialised only then.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "common/error.h"
#include "mpi/mpi_session.h"
#include "sweep/sweep_mpi.h"
#include "sweep/sweep_runner.h"

namespace hsim::cli {

namespace {

struct SweepCommandOptions {
  std::string file;
  std::string out;
  int jobs = 0;
  bool resume = false;
  FidelityOptions fidelity;
  std::string command_line;
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
  run.command_line = options.command_line;
  const int ranks = explorer::mpi::launched_size();
  if (ranks > 1 && !explorer::mpi::built_with_mpi())
    throw InputError("hsim sweep", "started by mpirun with " + std::to_string(ranks) +
                                       " ranks, but this hsim was built without MPI");
  std::unique_ptr<explorer::mpi::Session> session;
  if (ranks > 0 && explorer::mpi::built_with_mpi())
    session = std::make_unique<explorer::mpi::Session>();
  if (session && session->rank() != 0) {
    explorer::run_sweep_mpi(spec, run, *session, std::cout);
    return 0;
  }
  const size_t jobs = explorer::expand_jobs(spec).size();
  std::cout << fmt::format("{}: {} jobs ({} boards x {} nets x {} strategies x {} seeds",
                           options.file, jobs, spec.boards.size(), spec.nets.size(),
                           spec.strategies.size(), spec.seeds.size());
  for (const auto& axis : spec.axes) std::cout << " x " << axis.values.size() << " " << axis.path;
  if (session && session->size() > 1)
    std::cout << fmt::format("), over {} MPI worker ranks\n", session->size() - 1) << std::flush;
  else
    std::cout << fmt::format("), {} at a time\n", run.jobs) << std::flush;
  const explorer::SweepSummary summary =
      session ? explorer::run_sweep_mpi(spec, run, *session, std::cout)
              : explorer::run_sweep(spec, run, std::cout);
  std::cout << fmt::format(
      "\n{} ok, {} failed, {} already done; results in {}/results.csv and sweep.html\n", summary.ok,
      summary.failed, summary.skipped, run.out_dir);
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& app, const std::string& command_line) {
  auto options = std::make_shared<SweepCommandOptions>();
  options->command_line = command_line;
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run every combination of boards, nets, strategies and board overrides");
  cmd->add_option("file", options->file, "Sweep file (YAML, see README)")->required();
  cmd->add_option("--out", options->out,
                  "Folder for results.csv, sweep.html and jobs/ "
                  "(default: reports/sweeps/<sweep file name>)");
  cmd->add_option("--jobs", options->jobs, "Jobs at once (default: one per core)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--resume", options->resume, "Skip the jobs results.csv already holds");
  add_fidelity_options(cmd, options->fidelity);
  return {cmd, [options] { return run_sweep_command(*options); }};
}

}  // namespace hsim::cli
