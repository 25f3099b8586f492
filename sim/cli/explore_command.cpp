// `hsim explore --hw B --net N [--strategy ga|random] [budget and GA knobs] [--out DIR]`: search
// for a schedule, seeded by the baselines, and compare the best found with the best baseline.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "baselines/baselines.h"
#include "board/board_file.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/explore_progress.h"
#include "common/error.h"
#include "mpi/islands.h"
#include "reports/csv.h"
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

constexpr int64_t kDefaultEvaluations = 2000;

struct ExploreOptions {
  std::string hw;
  std::string net;
  std::string strategy = "ga";
  std::string objective = "latency";
  std::string out;
  std::vector<std::string> overrides;
  std::vector<std::string> input_shapes;
  FidelityOptions fidelity;
  int jobs = 1;          // worker processes that evaluate candidates
  bool islands = false;  // one GA island per MPI rank (islands.h)
  int64_t migration_interval = 5;
  int64_t migrants = 2;
  explorer::SearchOptions search;
  std::string command_line;
};

struct Row {
  std::string name;
  explorer::Evaluation evaluation;
  double score = 0;
  bool baseline = false;
};

// FNV-1a of a file's bytes: identifies the inputs of a run in run.json.
std::string file_hash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  uint64_t hash = 14695981039346656037ull;
  char c;
  while (in.get(c)) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return fmt::format("fnv1a64:{:016x}", hash);
}

std::string number(double value) {
  return std::isfinite(value) ? fmt::format("{:.17g}", value) : "";
}

void write_search_csv(const explorer::SearchResult& result, std::ostream& out) {
  reports::write_csv_row(out, {"generation", "evaluations", "memo_hits", "feasible", "best_score",
                               "mean_score", "best_latency_ps", "best_energy_fj"});
  for (const auto& g : result.generations) {
    const bool any = std::isfinite(g.best);
    reports::write_csv_row(out,
                           {std::to_string(g.generation), std::to_string(g.evaluations),
                            std::to_string(g.memo_hits), std::to_string(g.feasible), number(g.best),
                            number(g.mean), any ? std::to_string(g.best_evaluation.latency) : "",
                            any ? std::to_string(g.best_evaluation.energy) : ""});
  }
}

void print_counts(const char* title, const explorer::RepairCounts& counts) {
  if (counts.empty()) return;
  std::cout << title << ":\n";
  for (const auto& [reason, n] : counts) std::cout << fmt::format("  {:>8}  {}\n", n, reason);
}

int run_explore(ExploreOptions options) {
  InterruptGuard interrupts;  // first, so an early Ctrl-C still ends in a clean stop
  const auto& strategies = explorer::search_strategies();
  if (!strategies.count(options.strategy)) {
    std::string known;
    for (const auto& entry : strategies) known += (known.empty() ? "" : ", ") + entry.first;
    throw InputError("--strategy " + options.strategy,
                     "unknown search strategy (known: " + known + ")");
  }
  explorer::SearchOptions& search = options.search;
  search.objective = explorer::parse_objective(options.objective, "--objective");
  if (search.evaluations == 0 && search.seconds == 0 && search.generations == 0)
    search.evaluations = kDefaultEvaluations;
  explorer::check_search_options(search);

  const sim::BoardSpec board = sim::load_board_file(options.hw, options.overrides);
  const sim::LoadedNetwork loaded = load_network(options.net, options.input_shapes);
  const explorer::SearchSpace space(loaded.network, board);
  // Workers first: they are forked before this process touches SystemC (worker_pool.h).
  const sim::PlatformOptions platform_options = options.fidelity.platform_options();
  std::unique_ptr<explorer::WorkerPoolEvaluator> pool;
  if (options.jobs > 1)
    pool = std::make_unique<explorer::WorkerPoolEvaluator>(options.jobs, [&] {
      return explorer::make_platform_evaluator(loaded.network, board, platform_options);
    });
  // Islands after the workers are forked (they never touch MPI); island r searches with seed + r.
  std::unique_ptr<explorer::Islands> islands;
  if (options.islands) {
    if (options.strategy != "ga") throw InputError("--islands", "needs --strategy ga");
    islands = std::make_unique<explorer::Islands>(space, options.migration_interval,
                                                  options.migrants, search.population);
    search.seed += static_cast<uint64_t>(islands->rank());
  }
  // This process's own platform: it evaluates when there are no workers, and runs the best
  // schedule in full for the reports.
  sim::Platform platform(board, platform_options);
  explorer::SimEvaluator local(loaded.network, platform);
  explorer::Evaluator& evaluator = pool ? static_cast<explorer::Evaluator&>(*pool) : local;

  // The baselines: the yardstick, and the GA's seeds.
  std::vector<Row> rows;
  std::vector<sim::Schedule> seeds;
  std::vector<std::pair<std::string, sim::Schedule>> baselines;
  for (const auto& [name, baseline] : explorer::baseline_strategies()) {
    try {
      baselines.emplace_back(name, baseline.make(loaded.network, board));
    } catch (const InputError& e) {
      std::cerr << "hsim: note: baseline '" << name << "' skipped: " << e.what() << '\n';
    } catch (const std::exception& e) {  // a seed less is no reason to give up the search
      std::cerr << "hsim: warning: baseline '" << name << "' failed: " << e.what() << '\n';
    }
  }
  std::vector<sim::Schedule> baseline_schedules;
  for (const auto& entry : baselines) baseline_schedules.push_back(entry.second);
  const std::vector<explorer::Evaluation> baseline_evaluations =
      evaluator.evaluate(baseline_schedules);
  for (size_t i = 0; i < baselines.size(); ++i) {
    const auto& [name, schedule] = baselines[i];
    const explorer::Evaluation& e = baseline_evaluations[i];
    if (!e.feasible) {
      std::cerr << "hsim: note: baseline '" << name << "' cannot run: " << e.reason << '\n';
      continue;
    }
    rows.push_back({name, e, explorer::score(e, search.objective), true});
    seeds.push_back(schedule);
  }

  ProgressLine progress(search, isatty(STDERR_FILENO) == 1 && (!islands || islands->rank() == 0));
  explorer::SearchHooks hooks;
  hooks.on_generation = [&](const explorer::GenerationStats& s) { progress.update(s); };
  hooks.stop_requested = [] { return InterruptGuard::requested(); };
  if (islands) hooks.migrate = [&](const auto& best_first) { return islands->migrate(best_first); };
  const explorer::SearchContext context{space, evaluator, seeds, hooks};
  explorer::SearchResult result = strategies.at(options.strategy).run(context, search);
  progress.finish();
  if (islands && !islands->finish(result, search.objective, search.top)) return 0;
  if (result.top.empty())
    throw InputError(options.net, "the search found no schedule that runs (see the reasons above)");

  const explorer::Candidate& best = result.top.front();
  std::cout << fmt::format("{} on {} ({} ops): {} search, {} objective\n", options.net, board.name,
                           loaded.network.ops().size(), options.strategy, options.objective);
  std::cout << fmt::format(
      "{} evaluations ({} memo hits) in {:.1f} s, {:.0f} evaluations/s; {} generations; "
      "stopped: {}\n",
      result.evaluations, result.memo_hits, result.seconds,
      result.seconds > 0 ? static_cast<double>(result.evaluations) / result.seconds : 0.0,
      result.generations.size(), result.stop_reason);
  if (islands)
    std::cout << fmt::format(
        "{} islands (MPI ranks, seeds {}..{}), the best {} migrating every {} generations "
        "(island 0 took in {}); evaluations and the best over all islands, generations island "
        "0's\n",
        islands->size(), search.seed, search.seed + static_cast<uint64_t>(islands->size()) - 1,
        options.migrants, options.migration_interval, islands->migrants_received());
  print_counts("Repairs", result.repairs);
  print_counts("Infeasible candidates", result.infeasible);
  std::cout << '\n';

  for (size_t i = 0; i < result.top.size(); ++i)
    rows.push_back({fmt::format("{} #{}", options.strategy, i + 1), result.top[i].evaluation,
                    result.top[i].score, false});
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.score < b.score; });
  const Row* best_baseline = nullptr;
  for (const Row& row : rows)
    if (row.baseline && !best_baseline) best_baseline = &row;
  using reports::Table;
  Table table;
  table.add_column("#", Table::Align::kRight);
  table.add_column("schedule");
  table.add_column("latency (ms)", Table::Align::kRight);
  table.add_column("energy (mJ)", Table::Align::kRight);
  table.add_column("vs best baseline", Table::Align::kRight);
  for (size_t i = 0; i < rows.size(); ++i)
    table.add_row(
        {std::to_string(i + 1), rows[i].name,
         fmt::format("{:.3f}", static_cast<double>(rows[i].evaluation.latency) / 1e9),
         fmt::format("{:.3f}", static_cast<double>(rows[i].evaluation.energy) / 1e12),
         best_baseline ? fmt::format("{:.3f}x", best_baseline->score / rows[i].score) : "-"});
  table.render(std::cout);
  if (best_baseline)
    std::cout << fmt::format("\nBest found: {}, {:.3f}x the best baseline ({}, {})\n",
                             format_score(best.score, search.objective),
                             best_baseline->score / best.score, best_baseline->name,
                             format_score(best_baseline->score, search.objective));

  namespace fs = std::filesystem;
  const fs::path dir = options.out.empty()
                           ? fs::path("reports/runs") / (fs::path(options.net).stem().string() +
                                                         "_" + board.name + "_" + options.strategy)
                           : fs::path(options.out);
  make_folder(dir / "top");
  for (size_t i = 0; i < result.top.size(); ++i)
    open_output(dir / "top" / fmt::format("{}.yaml", i + 1))
        << sim::schedule_yaml(result.top[i].schedule);
  auto search_csv = open_output(dir / "search.csv");
  write_search_csv(result, search_csv);
  auto pareto = open_output(dir / "pareto.csv");
  reports::write_csv_row(pareto, {"latency_ps", "energy_fj", "edp_ps_fj"});
  for (const auto& c : result.pareto)
    reports::write_csv_row(
        pareto, {std::to_string(c.evaluation.latency), std::to_string(c.evaluation.energy),
                 number(explorer::score(c.evaluation, explorer::Objective::kEdp))});
  auto summary = open_output(dir / "summary.csv");
  reports::write_csv_row(
      summary, {"rank", "schedule", "latency_ps", "energy_fj", "score", "vs_best_baseline"});
  for (size_t i = 0; i < rows.size(); ++i)
    reports::write_csv_row(
        summary,
        {std::to_string(i + 1), rows[i].name, std::to_string(rows[i].evaluation.latency),
         std::to_string(rows[i].evaluation.energy), number(rows[i].score),
         best_baseline ? fmt::format("{:.6f}", best_baseline->score / rows[i].score) : ""});

  // The best's full run: the same files `hsim simulate --out` writes.
  const sim::ScheduleResult run = local.runner().run(best.schedule, "best");
  open_output(dir / "schedule.yaml") << sim::schedule_yaml(best.schedule);
  open_output(dir / "board.yaml") << sim::resolved_board_yaml(board);
  auto ops = open_output(dir / "ops.csv");
  reports::write_ops_csv(loaded.network, platform.cores(), run, ops);
  auto pus = open_output(dir / "pus.csv");
  reports::write_pus_csv(platform.cores(), run, pus);
  auto trace = open_output(dir / "trace.json");
  reports::write_perfetto_trace(loaded.network, board, platform.cores(), run, trace);
  auto html = open_output(dir / "report.html");
  reports::write_search_report(
      {loaded.network,
       board,
       platform.cores(),
       search.objective,
       {&result},
       baselines,
       {options.net, HSIM_VERSION, options.command_line, reports::utc_timestamp_now()}},
      local.runner(), html);
  nlohmann::json record = {
      {"hsim_version", HSIM_VERSION},
      {"command_line", options.command_line},
      {"network", {{"path", options.net}, {"hash", file_hash(options.net)}}},
      {"board",
       {{"path", options.hw}, {"hash", file_hash(options.hw)}, {"overrides", options.overrides}}},
      {"search",
       {{"strategy", options.strategy},
        {"objective", options.objective},
        {"seed", search.seed},
        {"jobs", options.jobs},
        {"islands", islands ? islands->size() : 0},
        {"evaluations_budget", search.evaluations},
        {"seconds_budget", search.seconds},
        {"generations_budget", search.generations},
        {"population", search.population},
        {"crossover_rate", search.crossover_rate},
        {"mutation_rate", search.mutation_rate},
        {"evaluations", result.evaluations},
        {"memo_hits", result.memo_hits},
        {"stop_reason", result.stop_reason}}},
      {"best", {{"latency_ps", best.evaluation.latency}, {"energy_fj", best.evaluation.energy}}},
  };
  open_output(dir / "run.json") << record.dump(2) << '\n';
  std::cout << fmt::format(
      "\nRun folder: {} (run.json, board.yaml, schedule.yaml of the best, "
      "top/, search.csv, pareto.csv, summary.csv, ops.csv, pus.csv, "
      "trace.json, report.html)\n",
      dir.string());
  return 0;
}

}  // namespace

Command add_explore_command(CLI::App& app, const std::string& command_line) {
  auto options = std::make_shared<ExploreOptions>();
  options->command_line = command_line;
  explorer::SearchOptions& s = options->search;
  CLI::App* cmd = app.add_subcommand(
      "explore",
      "Search for a schedule (genetic algorithm or random control), seeded by the baselines");
  cmd->add_option("--hw", options->hw, "Board file (YAML)")->required();
  cmd->add_option("--net", options->net, "ONNX model file")->required();
  cmd->add_option("--strategy", options->strategy, "Search strategy: ga (default) or random");
  cmd->add_option("--evaluations", s.evaluations,
                  fmt::format("Budget: schedules simulated (default {} when no budget is given)",
                              kDefaultEvaluations))
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--time", s.seconds, "Budget: wall-time seconds")->check(CLI::NonNegativeNumber);
  cmd->add_option("--generations", s.generations, "Budget: generations after the first")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--population", s.population, "Individuals per generation (default 32)")
      ->check(CLI::Range(int64_t{2}, int64_t{100000}));
  cmd->add_option("--crossover", s.crossover_rate, "Crossover rate (default 0.9)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--mutation", s.mutation_rate, "Mutation rate (default 0.5)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--elites", s.elites, "Best individuals kept unchanged (default 2)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", s.seed, "Random seed (default 1)");
  cmd->add_option("--objective", options->objective, "latency (default), energy or edp")
      ->check(CLI::IsMember({"latency", "energy", "edp"}));
  cmd->add_option("--top", s.top, "Schedules kept and written to top/ (default 5)")
      ->check(CLI::Range(size_t{1}, size_t{1000}));
  cmd->add_option("--out", options->out,
                  "Run folder (default: reports/runs/<net>_<board>_<strategy>)");
  cmd->add_option("--jobs", options->jobs,
                  "Worker processes evaluating candidates, each with its own platform (default 1; "
                  "results are identical for any count)")
      ->check(CLI::Range(1, 256));
  cmd->add_flag("--islands", options->islands,
                "ga as an island model, one island per MPI rank (run under mpirun -np N)");
  cmd->add_option("--migration-interval", options->migration_interval,
                  "Islands: generations between migrations (default 5)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--migrants", options->migrants,
                  "Islands: best individuals each island sends its neighbour (default 2)")
      ->check(CLI::PositiveNumber);
  add_fidelity_options(cmd, options->fidelity);
  cmd->add_option("--input-shape", options->input_shapes, "Bind a graph input, NAME=DxDx...");
  cmd->add_option("--set", options->overrides, "Override a board value, KEY.PATH=VALUE")
      ->take_all()
      ->allow_extra_args(false);
  return {cmd, [options] { return run_explore(*options); }};
}

}  // namespace hsim::cli
