// `hsim profile --net N.onnx --out P.yaml [--threads 1,2] [--repeat 5] [--no-groups]`: every op
// and fusable group of the network timed for real on this machine (oneDNN), into hsim's profile.
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "common/error.h"
#include "host/host_profiler.h"
#include "host/host_session.h"
#include "profile/op_signature.h"
#include "profile/profile_file.h"

namespace hsim::cli {

namespace {

struct ProfileOptions {
  std::string net;
  std::string out;
  std::vector<int> threads;
  int repeat = 5;
  bool no_groups = false;
  std::vector<std::string> input_shapes;
  std::string command_line;
};

int run_profile(const ProfileOptions& options) {
  const sim::LoadedNetwork loaded = load_network(options.net, options.input_shapes);
  sim::host::HostProfileOptions host;
  host.threads = options.threads;
  if (host.threads.empty()) {
    host.threads = {1};
    if (sim::host::host_cores() > 1) host.threads.push_back(sim::host::host_cores());
  }
  host.repetitions = options.repeat;
  host.groups = !options.no_groups;
  host.progress = [](const std::string& line) { std::cerr << "hsim: profile: " << line << '\n'; };
  auto out = open_output(options.out);  // fail before minutes of measuring, not after
  sim::host::HostProfileResult result = sim::host::profile_on_host(loaded.network, host);
  result.profile.source = options.command_line;
  out << sim::profile_yaml(result.profile);
  out.close();

  // The sum over the network's ops of their single-op times: one inference run op by op.
  std::map<std::string, const sim::ProfileEntry*> by_signature;
  for (const auto& entry : result.profile.entries) by_signature[entry.signature] = &entry;
  std::map<int, int64_t> sum_ps;
  size_t measured_ops = 0;
  for (const sim::Op& op : loaded.network.ops()) {
    if (op.cost.is_view) continue;
    const auto found = by_signature.find(sim::op_signature(loaded.network, op));
    if (found == by_signature.end()) continue;
    ++measured_ops;
    for (const auto& [threads, time] : found->second->times) sum_ps[threads] += time;
  }
  std::cout << fmt::format("{}: {} of {} ops measured ({} signatures, {} fused groups) on {}\n",
                           options.net, measured_ops, loaded.network.ops().size(),
                           result.profile.entries.size(), result.groups_measured,
                           result.profile.machine);
  for (const auto& [threads, ps] : sum_ps)
    std::cout << fmt::format("  {} thread{}: {:.3f} ms summed over the ops\n", threads,
                             threads == 1 ? "" : "s", static_cast<double>(ps) / 1e9);
  if (!result.unsupported.empty()) {
    std::cout << fmt::format("{} ops not run on the host (the kernel models price them):\n",
                             result.unsupported.size());
    for (const auto& u : result.unsupported)
      std::cout << "  " << loaded.network.op(u.op).name << " (" << loaded.network.op(u.op).type
                << "): " << u.reason << '\n';
  }
  std::cout << "Wrote " << options.out << '\n';
  return 0;
}

}  // namespace

Command add_profile_command(CLI::App& app, const std::string& command_line) {
  auto options = std::make_shared<ProfileOptions>();
  options->command_line = command_line;
  CLI::App* cmd = app.add_subcommand(
      "profile", "Time every op and fusable group of a network for real on this machine (oneDNN)");
  cmd->add_option("--net", options->net, "ONNX model file")->required();
  cmd->add_option("--out", options->out, "Profile file to write (YAML)")->required();
  cmd->add_option("--threads", options->threads,
                  "Thread counts to measure with, e.g. 1,2 (default: 1 and every core)")
      ->delimiter(',')
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--repeat", options->repeat, "Timed runs per op; the median is kept (default 5)")
      ->check(CLI::Range(1, 1000));
  cmd->add_flag("--no-groups", options->no_groups, "Time single ops only, not fused groups");
  cmd->add_option("--input-shape", options->input_shapes, "Bind a graph input, NAME=DxDx...");
  return {cmd, [options] { return run_profile(*options); }};
}

}  // namespace hsim::cli
