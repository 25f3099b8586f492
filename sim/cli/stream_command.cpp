// `hsim stream [--threads N]`: STREAM triad bandwidth of this machine at working sets that fit
// each cache level and one far beyond them (host/stream_benchmark.h), for hw_configs/host.yaml.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "host/host_session.h"
#include "host/stream_benchmark.h"

namespace hsim::cli {

namespace {

struct StreamOptions {
  std::vector<int> threads;
};

int run_stream(const StreamOptions& options) {
  std::vector<int> threads = options.threads;
  if (threads.empty()) {
    threads = {1};
    if (sim::host::host_cores() > 1) threads.push_back(sim::host::host_cores());
  }
  const std::vector<std::pair<std::string, int64_t>> sets = {
      {"24 KiB (L1)", 24 << 10}, {"768 KiB (L2)", 768 << 10}, {"12 MiB (L3)", 12 << 20},
      {"768 MiB (DRAM)", int64_t{768} << 20}};
  std::cout << "STREAM triad, a[i] = b[i] + s * c[i] over doubles, 24 B per element, best of 5\n";
  std::cout << fmt::format("{:<16}", "working set");
  for (int t : threads) std::cout << fmt::format("{:>16}", fmt::format("{} thread{}", t, t == 1 ? "" : "s"));
  std::cout << '\n';
  for (const auto& [label, bytes] : sets) {
    std::cout << fmt::format("{:<16}", label);
    for (int t : threads) {
      const auto result = sim::host::stream_triad(bytes, t);
      std::cout << fmt::format("{:>16}", fmt::format("{:.1f} GB/s", result.bytes_per_second / 1e9));
      std::cout.flush();
    }
    std::cout << '\n';
  }
  return 0;
}

}  // namespace

Command add_stream_command(CLI::App& app) {
  auto options = std::make_shared<StreamOptions>();
  CLI::App* cmd = app.add_subcommand(
      "stream", "Measure this machine's memory bandwidth per cache level (STREAM triad)");
  cmd->add_option("--threads", options->threads, "Thread counts, e.g. 1,2 (default: 1 and every core)")
      ->delimiter(',')
      ->check(CLI::Range(1, 4096));
  return {cmd, [options] { return run_stream(*options); }};
}

}  // namespace hsim::cli
