// The main job, `hsim --hw B --net N [--strategy S ...] [--out DIR]`: evaluate strategies on one
// platform (the baselines, then short searches seeded with them), print them ranked by simulated
// latency, and write the run folder.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "baselines/baselines.h"
#include "board/board_file.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/explore_progress.h"
#include "cli/profile_support.h"
#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "reports/csv.h"
#include "reports/format.h"
#include "reports/html_report.h"
#include "reports/perfetto_trace.h"
#include "reports/schedule_report.h"
#include "reports/search_report.h"
#include "reports/table.h"
#include "schedule/schedule_file.h"
#include "search/search.h"
#include "search/sim_evaluator.h"
#include "search/worker_pool.h"

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
  // The searches' budget, each: evaluations and seconds, whichever ends first (0: no limit).
  int64_t search_evaluations = 1000;
  double search_seconds = 5;
  uint64_t seed = 1;
  int jobs = 1;
  std::string profile;  // measured profile (--profile): replaces modelled compute times
  std::string command_line;
};

// What runs when no --strategy is given: every baseline, then these searches.
const std::vector<std::string> kDefaultSearches = {"ga", "tune"};

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
  const auto& searches = explorer::search_strategies();
  std::vector<std::string> names = options.strategies;
  if (names.empty()) {
    for (const auto& entry : registry) names.push_back(entry.first);
    names.insert(names.end(), kDefaultSearches.begin(), kDefaultSearches.end());
  }
  bool any_search = false;
  for (const auto& name : names) {
    any_search = any_search || searches.count(name);
    if (!registry.count(name) && !searches.count(name)) {
      std::string known;
      for (const auto& entry : registry) known += (known.empty() ? "" : ", ") + entry.first;
      for (const auto& entry : searches) known += ", " + entry.first;
      throw InputError("--strategy " + name, "unknown strategy (known: " + known + ")");
    }
  }
  explorer::SearchOptions search;
  search.evaluations = options.search_evaluations;
  search.seconds = options.search_seconds;
  search.seed = options.seed;
  search.top = 3;  // the report shows each search's best few side by side
  if (any_search) explorer::check_search_options(search);

  // Search workers are forked before this process elaborates SystemC (worker_pool.h).
  const sim::PlatformOptions platform_options = options.fidelity.platform_options();
  std::unique_ptr<explorer::WorkerPoolEvaluator> pool;
  const auto profile = load_profile_option(options.profile);
  // Search workers price with the kernel models only: with a profile the searches run here.
  if (profile && any_search && options.jobs > 1)
    std::cerr << "hsim: note: --profile: searches run in this process (--jobs 1)\n";
  if (any_search && options.jobs > 1 && !profile)
    pool = std::make_unique<explorer::WorkerPoolEvaluator>(options.jobs, [&] {
      return explorer::make_platform_evaluator(loaded.network, board, platform_options);
    });
  sim::Platform platform(board, platform_options);
  explorer::SimEvaluator local(loaded.network, platform);
  explorer::Evaluator& evaluator = pool ? static_cast<explorer::Evaluator&>(*pool) : local;
  sim::ScheduleRunner& runner = local.runner();
  runner.set_measured_compute(profile.get());

  // Every baseline makes a schedule: the ones asked for are ranked, all of them seed searches.
  std::vector<Evaluated> runs;
  std::vector<sim::Schedule> seeds;
  for (const auto& [name, baseline] : registry) {
    const bool asked = std::find(names.begin(), names.end(), name) != names.end();
    if (!asked && !any_search) continue;
    sim::Schedule schedule;
    try {
      schedule = baseline.make(loaded.network, board);
    } catch (const InputError& e) {
      if (asked && !options.strategies.empty()) throw;  // asked for by name: the answer
      if (asked) std::cerr << "hsim: note: strategy '" << name << "' skipped: " << e.what() << '\n';
      continue;
    }
    schedule.inferences = options.inferences;
    sim::ScheduleResult result = runner.run(schedule, "strategy " + name);
    seeds.push_back(schedule);
    if (asked) runs.push_back({name, std::move(schedule), std::move(result)});
  }

  // The searches, each from the baselines' schedules, within its budget; the best it found is
  // run in full like a baseline.
  InterruptGuard interrupts;
  std::deque<explorer::SearchResult> found_by;  // each search's result, for the report
  for (const auto& name : names) {
    if (!searches.count(name)) continue;
    ProgressLine progress(search, isatty(STDERR_FILENO) == 1);
    explorer::SearchHooks hooks;
    hooks.on_generation = [&](const explorer::GenerationStats& g) { progress.update(g); };
    hooks.stop_requested = [] { return InterruptGuard::requested(); };
    const explorer::SearchSpace space(loaded.network, board);
    const explorer::SearchContext context{space, evaluator, seeds, hooks};
    const explorer::SearchResult& found =
        found_by.emplace_back(searches.at(name).run(context, search));
    progress.finish();
    if (found.top.empty()) {
      std::cerr << "hsim: note: search '" << name << "' found no schedule that runs\n";
      found_by.pop_back();
      continue;
    }
    sim::Schedule schedule = found.top.front().schedule;
    schedule.strategy = name;
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
  const fs::path dir =
      options.out.empty()
          ? fs::path("reports/runs") / (fs::path(options.net).stem().string() + "_" + board.name)
          : fs::path(options.out);
  make_folder(dir / "schedules");
  for (const auto& r : runs)
    open_output(dir / "schedules" / (r.strategy + ".yaml")) << sim::schedule_yaml(r.schedule);
  open_output(dir / "schedule.yaml") << sim::schedule_yaml(runs.front().schedule);
  open_output(dir / "board.yaml") << sim::resolved_board_yaml(board);
  auto ops = open_output(dir / "ops.csv");
  reports::write_ops_csv(loaded.network, platform.cores(), runs.front().result, ops);
  auto pus = open_output(dir / "pus.csv");
  reports::write_pus_csv(platform.cores(), runs.front().result, pus);
  auto trace = open_output(dir / "trace.json");
  reports::write_perfetto_trace(loaded.network, board, platform.cores(), runs.front().result,
                                trace);
  const reports::ReportMetadata metadata{options.net, HSIM_VERSION, options.command_line,
                                         reports::utc_timestamp_now()};
  auto html = open_output(dir / "report.html");
  if (found_by.empty()) {
    std::vector<reports::ReportStrategy> compared;
    for (const auto& r : runs) compared.push_back({r.strategy, &r.schedule, &r.result});
    reports::write_html_report(loaded.network, board, platform.cores(), compared, 0, metadata,
                               html);
  } else {
    // With searches, the search report: their convergence, candidates and reasons on top, then
    // the run report's sections for the best found against the baselines that ran.
    std::vector<const explorer::SearchResult*> found;
    for (const auto& result : found_by) found.push_back(&result);
    std::vector<std::pair<std::string, sim::Schedule>> baselines;
    for (const auto& r : runs)
      if (registry.count(r.strategy)) baselines.emplace_back(r.strategy, r.schedule);
    reports::write_search_report(
        {loaded.network, board, platform.cores(), search.objective, found, baselines, metadata},
        runner, html);
  }
  auto summary = open_output(dir / "summary.csv");
  reports::write_csv_row(
      summary, {"rank", "strategy", "latency_ps", "speedup_vs_cpu", "dram_bytes", "link_bytes",
                "energy_fj", "inferences", "latency_per_inference_ps", "inferences_per_s"});
  for (size_t i = 0; i < runs.size(); ++i) {
    const auto& run = runs[i].result.run;
    reports::write_csv_row(
        summary,
        {std::to_string(i + 1), runs[i].strategy, std::to_string(run.latency),
         cpu ? fmt::format("{:.6f}", static_cast<double>(cpu->result.run.latency) /
                                         static_cast<double>(run.latency))
             : "",
         std::to_string(run.dram_bytes), std::to_string(run.link_bytes), std::to_string(run.energy),
         std::to_string(options.inferences), std::to_string(runs[i].result.latency_per_inference()),
         fmt::format("{:.3f}", runs[i].result.throughput())});
  }
  nlohmann::json record = {
      {"hsim_version", HSIM_VERSION},
      {"command_line", options.command_line},
      {"network", {{"path", options.net}, {"hash", file_hash(options.net)}}},
      {"board",
       {{"path", options.hw}, {"hash", file_hash(options.hw)}, {"overrides", options.overrides}}},
      {"strategies", names},
      {"search",
       {{"evaluations_budget", options.search_evaluations},
        {"seconds_budget", options.search_seconds},
        {"seed", options.seed},
        {"jobs", options.jobs}}},
      {"best", runs.front().strategy},
  };
  open_output(dir / "run.json") << record.dump(2) << '\n';
  std::cout << fmt::format(
      "\nRun folder: {} (run.json, board.yaml, schedule.yaml of the best, "
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
                 "Strategies to evaluate: a baseline (cpu, cpu-all, static, heft, partition-dp) or "
                 "a search (ga, tune, random); repeatable (default: every baseline, ga and tune)");
  app.add_option("--search-evaluations", options->search_evaluations,
                 "Each search's budget in schedules simulated (default 1000; 0: no limit)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--search-time", options->search_seconds,
                 "Each search's budget in wall-time seconds (default 5; 0: no limit)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", options->seed, "The searches' random seed (default 1)");
  app.add_option("--jobs", options->jobs,
                 "Worker processes evaluating search candidates (default 1; same results for any)")
      ->check(CLI::Range(1, 256));
  app.add_option("--out", options->out, "Run folder (default: reports/runs/<net>_<board>)");
  app.add_option("--set", options->overrides, "Override a board value, KEY.PATH=VALUE")
      ->take_all()
      ->allow_extra_args(false);
  app.add_option("--input-shape", options->input_shapes, "Bind a graph input, NAME=DxDx...");
  app.add_option("--profile", options->profile,
                 "Measured profile (hsim profile, import-profile): its times replace the kernel "
                 "models' compute times in every evaluation");
  app.add_option("--inferences", options->inferences,
                 "Pipelined stream: this many inferences in flight (throughput run)")
      ->check(CLI::PositiveNumber);
  add_fidelity_options(&app, options->fidelity);
  return {&app, [options]() -> int {
            if (options->hw.empty() || options->net.empty())
              throw InputError("",
                               "give a command (see hsim --help) or --hw BOARD and --net NETWORK "
                               "for the main job");
            return run_main_job(*options);
          }};
}

}  // namespace hsim::cli
