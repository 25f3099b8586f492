// `hsim validate-host --net N.onnx [--hw hw_configs/host.yaml] [--profile P.yaml] [--threads 1|2]
// [--repeat R]`: run the whole network for real on this machine, op by op with oneDNN, and
// compare the end-to-end time with hsim's prediction for the same schedule on the host board
// with the measured profile: on one core, then with independent branches on two cores.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>

#include "board/board_file.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/host_schedules.h"
#include "cli/profile_support.h"
#include "common/error.h"
#include "host/host_profiler.h"
#include "host/host_runs.h"
#include "host/host_session.h"
#include "profile/profile_file.h"
#include "schedule/schedule_runner.h"

namespace hsim::cli {

namespace {

struct ValidateHostOptions {
  std::string hw = "hw_configs/host.yaml";
  std::string net;
  std::string profile;
  std::string save_profile;
  int cores = 2;
  int repeat = 5;
  std::vector<std::string> input_shapes;
  FidelityOptions fidelity;
};

struct Row {
  std::string name;
  double predicted_ms = 0;
  double measured_ms = 0;
};

std::string error_text(double predicted, double measured) {
  return measured > 0 ? fmt::format("{:+.1f}%", (predicted - measured) / measured * 100) : "-";
}

// The per-core order the simulation ran the schedule in, as unit lists for the real run.
sim::host::CorePlan core_plan(const sim::Network& network, const sim::ScheduleResult& result,
                              const std::vector<sim::host::HostUnit>& units, size_t cores) {
  std::map<sim::OpId, size_t> unit_of;
  for (size_t u = 0; u < units.size(); ++u) unit_of[units[u].ops.front()] = u;
  std::vector<std::vector<std::pair<sim::Picoseconds, size_t>>> timed(cores);
  std::map<size_t, size_t> slot;
  for (const sim::OpTiming& timing : result.ops) {
    const size_t core = slot.emplace(timing.core, slot.size()).first->second;
    if (core >= cores) throw std::logic_error("schedule uses more cores than planned");
    timed[core].push_back({timing.start, unit_of.at(timing.op)});
  }
  sim::host::CorePlan plan;
  for (auto& list : timed) {
    std::stable_sort(list.begin(), list.end());
    plan.per_core.emplace_back();
    for (const auto& [start, unit] : list) plan.per_core.back().push_back(unit);
  }
  plan.deps = sim::host::unit_dependencies(network, units);
  return plan;
}

int run_validate_host(const ValidateHostOptions& options) {
  const sim::BoardSpec board = sim::load_board_file(options.hw, {});
  const sim::LoadedNetwork loaded = load_network(options.net, options.input_shapes);
  const sim::Network& net = loaded.network;

  sim::host::HostSession session(net);
  std::vector<sim::host::HostUnit> units = session.build_units({}, 1);
  size_t runnable = 0, modelled = 0;
  for (const auto& unit : units) {
    if (unit.is_view) continue;
    (unit.kernel ? runnable : modelled) += 1;
  }
  std::cout << fmt::format("{} on {} ({} ops: {} run on this machine, {} only modelled)\n",
                           options.net, board.name, net.ops().size(), runnable, modelled);
  if (modelled > 0) {
    std::cout << "Not run on the host (in the prediction with their modelled time, not in the "
                 "measurement):\n";
    for (const auto& unit : units)
      if (!unit.is_view && !unit.kernel)
        std::cout << "  " << net.op(unit.ops.front()).name << " (" << net.op(unit.ops.front()).type
                  << "): " << unit.unsupported << '\n';
  }
  auto say = [](const std::string& line) { std::cerr << "hsim: validate-host: " << line << '\n'; };

  // The profile that places the 2-core schedule: given, or a first measurement of every op.
  std::unique_ptr<sim::ProfileTimes> given = load_profile_option(options.profile);
  std::unique_ptr<sim::ProfileTimes> first;
  if (!given) {
    say("timing every op on 1 thread");
    first = std::make_unique<sim::ProfileTimes>(sim::host::profile_from_samples(
        net, units, sim::host::time_unit_samples(units, session.engine(), 1, options.repeat), 1));
  }
  const sim::ProfileTimes& placing = given ? *given : *first;

  sim::Platform platform(board, options.fidelity.platform_options());
  sim::ScheduleRunner runner(net, platform);
  const sim::Schedule one = one_core_schedule(net, board);
  const bool two_cores = options.cores >= 2;
  const sim::Schedule two =
      two_cores ? branch_parallel_schedule(net, board, placing, options.cores) : sim::Schedule{};
  sim::host::CorePlan plan;
  if (two_cores) {
    runner.set_measured_compute(&placing);
    plan = core_plan(net, runner.run(two, "2-core schedule"), units,
                     static_cast<size_t>(options.cores));
  }

  // Measurements interleaved run by run (every op alone, the 1-core run, the 2-core run), so a
  // drift of the machine's speed (a shared virtual machine's host) hits the profile and the
  // runs it predicts alike.
  say("running the network " + std::to_string(options.repeat) + " times on 1 core" +
      (two_cores ? " and on " + std::to_string(options.cores) + " cores" : ""));
  sim::host::time_sequence(units, session.engine(), 1, 0);  // warm-up runs
  if (two_cores) sim::host::time_on_cores(units, session.engine(), plan, 0);
  std::vector<std::vector<double>> op_samples(units.size());
  std::vector<double> one_samples, two_samples;
  for (int r = 0; r < options.repeat; ++r) {
    const auto samples = sim::host::time_unit_samples(units, session.engine(), 1, 1, false);
    for (size_t u = 0; u < units.size(); ++u)
      op_samples[u].insert(op_samples[u].end(), samples[u].begin(), samples[u].end());
    one_samples.push_back(sim::host::time_sequence(units, session.engine(), 1, 1, false));
    if (two_cores)
      two_samples.push_back(sim::host::time_on_cores(units, session.engine(), plan, 1, false));
  }
  const sim::ProfileTimes interleaved(sim::host::profile_from_samples(net, units, op_samples, 1));
  const sim::ProfileTimes& predicting = given ? *given : interleaved;
  if (!options.save_profile.empty()) {
    auto out = open_output(options.save_profile);
    out << sim::profile_yaml(interleaved.profile());
  }
  print_profile_coverage(net, board, one, &predicting,
                         options.profile.empty() ? "(measured now)" : options.profile, std::cout);

  runner.set_measured_compute(&predicting);
  std::vector<Row> rows;
  const sim::ScheduleResult one_result = runner.run(one, "1-core schedule");
  rows.push_back({"1 core, op by op", static_cast<double>(one_result.run.latency) / 1e9,
                  sim::host::median_of(one_samples) * 1e3});
  if (two_cores) {
    const sim::ScheduleResult two_result = runner.run(two, "2-core schedule");
    rows.push_back({fmt::format("{} cores, branches in parallel (heft)", options.cores),
                    static_cast<double>(two_result.run.latency) / 1e9,
                    sim::host::median_of(two_samples) * 1e3});
  }

  std::cout << fmt::format("\n{:<40}{:>16}{:>16}{:>10}\n", "schedule", "predicted (ms)", "measured (ms)", "error");
  for (const Row& row : rows)
    std::cout << fmt::format("{:<40}{:>16.3f}{:>16.3f}{:>10}\n", row.name, row.predicted_ms,
                             row.measured_ms, error_text(row.predicted_ms, row.measured_ms));
  if (rows.size() == 2) {
    const double predicted = rows[0].predicted_ms / rows[1].predicted_ms;
    const double measured = rows[0].measured_ms / rows[1].measured_ms;
    std::cout << fmt::format("{:<40}{:>15.3f}x{:>15.3f}x{:>10}\n", "speed-up", predicted, measured,
                             error_text(predicted, measured));
  }
  return 0;
}

}  // namespace

Command add_validate_host_command(CLI::App& app) {
  auto options = std::make_shared<ValidateHostOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate-host",
      "Run a network for real on this machine and compare with hsim's prediction on the host board");
  cmd->add_option("--net", options->net, "ONNX model file")->required();
  cmd->add_option("--hw", options->hw, "The host's board file (default hw_configs/host.yaml)");
  cmd->add_option("--profile", options->profile,
                  "Measured profile to predict with (default: measure the ops now)");
  cmd->add_option("--save-profile", options->save_profile,
                  "Write the profile measured now to this file");
  cmd->add_option("--threads", options->cores,
                  "1: one core only; 2: also two cores with branches in parallel (default)")
      ->check(CLI::Range(1, 2));
  cmd->add_option("--repeat", options->repeat, "Timed runs; medians are kept (default 5)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--input-shape", options->input_shapes, "Bind a graph input, NAME=DxDx...");
  add_fidelity_options(cmd, options->fidelity);
  return {cmd, [options] { return run_validate_host(*options); }};
}

}  // namespace hsim::cli
