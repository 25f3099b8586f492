// The main job, `hsim --hw B --net N [--strategy S ...] [--out DIR]`: evaluate strategies on one
// platform, print them ranked by simulated latency, and write the run folder.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "baselines/baselines.h"
#include "board/board_file.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "reports/csv.h"
#include "reports/format.h"
#include "reports/html_report.h"
#include "reports/perfetto_trace.h"
#include "reports/schedule_report.h"
#include "reports/table.h"
#include "schedule/schedule_file.h"

namespace hsim::cli {

namespace {

struct MainJobOptions {
  std::string hw;
  std::string net;
  std::vector<std::string> strategies;
  std::string out;
  std::vector<std::string> overrides;
  std::vector<std::string> input_shapes;
  int64_t inferences = 1;
  FidelityOptions fidelity;
  std::string command_line;
};

struct Evaluated {
  std::string strategy;
  sim::Schedule schedule;
  sim::ScheduleResult result;
};

// Busy share of each PU over the run: compute time of its cores / (latency x cores).
std::string pu_utilisation(const sim::BoardSpec& board, const std::vector<sim::CoreInfo>& cores,
                           const sim::ScheduleResult& result) {
  std::string text;
  for (size_t d = 0; d < board.devices.size(); ++d)
    for (size_t p = 0; p < board.devices[d].pus.size(); ++p) {
      double share = 0;
      int64_t count = 0;
      for (const auto& core : cores)
        if (core.device == d && core.pu == p) {
          share += reports::core_utilisation(result, core.name);
          ++count;
        }
      if (count == 0 || share <= 0) continue;
      text += fmt::format("{}{} {:.0f}%", text.empty() ? "" : " ", board.devices[d].pus[p].name,
                          100 * share / static_cast<double>(count));
    }
  return text.empty() ? "-" : text;
}

// FNV-1a of a file's bytes: identifies the inputs of a run in run.json.
std::string file_hash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  uint64_t hash = 14695981039346656037ull;
  char c;
  while (in.get(c)) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return fmt::format("fnv1a64:{:016x}", hash);
}

int run_main_job(const MainJobOptions& options) {
  const sim::BoardSpec board = sim::load_board_file(options.hw, options.overrides);
  const sim::LoadedNetwork loaded = load_network(options.net, options.input_shapes);

  const auto& registry = explorer::baseline_strategies();
  std::vector<std::string> names = options.strategies;
  if (names.empty())
    for (const auto& entry : registry) names.push_back(entry.first);
  for (const auto& name : names)
    if (!registry.count(name)) {
      std::string known;
      for (const auto& entry : registry) known += (known.empty() ? "" : ", ") + entry.first;
      throw InputError("--strategy " + name, "unknown strategy (known: " + known + ")");
    }

  sim::Platform platform(board, options.fidelity.platform_options());
  sim::ScheduleRunner runner(loaded.network, platform);
  std::vector<Evaluated> runs;
  for (const auto& name : names) {
    sim::Schedule schedule;
    try {
      schedule = registry.at(name).make(loaded.network, board);
    } catch (const InputError& e) {
      if (!options.strategies.empty()) throw;  // asked for by name: its failure is the answer
      std::cerr << "hsim: note: strategy '" << name << "' skipped: " << e.what() << '\n';
      continue;
    }
    schedule.inferences = options.inferences;
    sim::ScheduleResult result = runner.run(schedule, "strategy " + name);
    runs.push_back({name, std::move(schedule), std::move(result)});
  }
  if (runs.empty()) throw InputError(options.hw, "no strategy applies to this board");
  std::stable_sort(runs.begin(), runs.end(), [](const Evaluated& a, const Evaluated& b) {
    return a.result.run.latency < b.result.run.latency;
  });
  const Evaluated* cpu = nullptr;
  for (const auto& r : runs)
    if (r.strategy == "cpu") cpu = &r;

  std::cout << fmt::format("{} on {} ({} ops)\n\n", options.net, board.name,
                           loaded.network.ops().size());
  using reports::Table;
  Table table;
  table.add_column("#", Table::Align::kRight);
  table.add_column("strategy");
  for (const char* title : {"latency (ms)", "speed-up", "inferences/s", "DRAM", "energy (mJ)"})
    table.add_column(title, Table::Align::kRight);
  table.add_column("PU utilisation");
  for (size_t i = 0; i < runs.size(); ++i) {
    const auto& run = runs[i].result.run;
    const double ms = static_cast<double>(runs[i].result.latency_per_inference()) / 1e9;
    table.add_row({std::to_string(i + 1), runs[i].strategy, fmt::format("{:.3f}", ms),
                   cpu ? fmt::format("{:.2f}x", static_cast<double>(cpu->result.run.latency) /
                                                    static_cast<double>(run.latency))
                       : "-",
                   fmt::format("{:.1f}", runs[i].result.throughput()),
                   reports::binary_bytes(run.dram_bytes),
                   fmt::format("{:.3f}", static_cast<double>(run.energy) / 1e12),
                   pu_utilisation(board, platform.cores(), runs[i].result)});
  }
  table.render(std::cout);

  namespace fs = std::filesystem;
  const fs::path dir = options.out.empty()
                           ? fs::path("reports/runs") /
                                 (fs::path(options.net).stem().string() + "_" + board.name)
                           : fs::path(options.out);
  make_folder(dir / "schedules");
  for (const auto& r : runs) open_output(dir / "schedules" / (r.strategy + ".yaml")) << sim::schedule_yaml(r.schedule);
  open_output(dir / "schedule.yaml") << sim::schedule_yaml(runs.front().schedule);
  open_output(dir / "board.yaml") << sim::resolved_board_yaml(board);
  auto ops = open_output(dir / "ops.csv");
  reports::write_ops_csv(loaded.network, platform.cores(), runs.front().result, ops);
  auto pus = open_output(dir / "pus.csv");
  reports::write_pus_csv(platform.cores(), runs.front().result, pus);
  auto trace = open_output(dir / "trace.json");
  reports::write_perfetto_trace(loaded.network, board, platform.cores(), runs.front().result, trace);
  std::vector<reports::ReportStrategy> compared;
  for (const auto& r : runs) compared.push_back({r.strategy, &r.schedule, &r.result});
  auto html = open_output(dir / "report.html");
  reports::write_html_report(
      loaded.network, board, platform.cores(), compared, 0,
      {options.net, HSIM_VERSION, options.command_line, reports::utc_timestamp_now()}, html);
  auto summary = open_output(dir / "summary.csv");
  reports::write_csv_row(summary, {"rank", "strategy", "latency_ps", "speedup_vs_cpu",
                                   "dram_bytes", "link_bytes", "energy_fj", "inferences",
                                   "latency_per_inference_ps", "inferences_per_s"});
  for (size_t i = 0; i < runs.size(); ++i) {
    const auto& run = runs[i].result.run;
    reports::write_csv_row(
        summary, {std::to_string(i + 1), runs[i].strategy, std::to_string(run.latency),
                  cpu ? fmt::format("{:.6f}", static_cast<double>(cpu->result.run.latency) /
                                                  static_cast<double>(run.latency))
                      : "",
                  std::to_string(run.dram_bytes), std::to_string(run.link_bytes),
                  std::to_string(run.energy), std::to_string(options.inferences),
                  std::to_string(runs[i].result.latency_per_inference()),
                  fmt::format("{:.3f}", runs[i].result.throughput())});
  }
  nlohmann::json record = {
      {"hsim_version", HSIM_VERSION},
      {"command_line", options.command_line},
      {"network", {{"path", options.net}, {"hash", file_hash(options.net)}}},
      {"board", {{"path", options.hw}, {"hash", file_hash(options.hw)}, {"overrides", options.overrides}}},
      {"strategies", names},
      {"best", runs.front().strategy},
  };
  open_output(dir / "run.json") << record.dump(2) << '\n';
  std::cout << fmt::format("\nRun folder: {} (run.json, board.yaml, schedule.yaml of the best, "
                           "schedules/, summary.csv, ops.csv, pus.csv, trace.json, report.html)\n",
                           dir.string());
  return 0;
}

}  // namespace

Command add_main_job(CLI::App& app, const std::string& command_line) {
  auto options = std::make_shared<MainJobOptions>();
  options->command_line = command_line;
  app.add_option("--hw", options->hw, "Board file (YAML), for the main job");
  app.add_option("--net", options->net, "ONNX model file, for the main job");
  app.add_option("--strategy", options->strategies,
                 "Strategies to evaluate (repeatable; default: all of cpu, static)");
  app.add_option("--out", options->out, "Run folder (default: reports/runs/<net>_<board>)");
  app.add_option("--set", options->overrides, "Override a board value, KEY.PATH=VALUE")
      ->take_all()
      ->allow_extra_args(false);
  app.add_option("--input-shape", options->input_shapes, "Bind a graph input, NAME=DxDx...");
  app.add_option("--inferences", options->inferences,
                 "Pipelined stream: this many inferences in flight (throughput run)")
      ->check(CLI::PositiveNumber);
  add_fidelity_options(&app, options->fidelity);
  return {&app, [options]() -> int {
            if (options->hw.empty() || options->net.empty())
              throw InputError("", "give a command (see hsim --help) or --hw BOARD and --net NETWORK "
                                   "for the main job");
            return run_main_job(*options);
          }};
}

}  // namespace hsim::cli
