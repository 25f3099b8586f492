// `hsim taskgraph --graph G.yaml [--csv FILE]`: HEFT on a task-graph workload with given costs
// (explorer/taskgraph/task_graph.h), printed task by task with its upward rank.
#include <fmt/format.h>

#include <iostream>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "config/units.h"
#include "reports/csv.h"
#include "reports/table.h"
#include "taskgraph/task_graph.h"

namespace hsim::cli {

namespace {

struct TaskGraphOptions {
  std::string graph;
  std::string csv;
};

int run_taskgraph(const TaskGraphOptions& options) {
  const explorer::TaskGraph graph = explorer::load_task_graph_file(options.graph);
  const explorer::ListProblem problem = explorer::list_problem(graph);
  const explorer::ListSchedule schedule = explorer::heft(problem);
  // Times in the file's unit.
  const double scale =
      static_cast<double>(config::parse_quantity(config::Quantity::kTime, "1 " + graph.time_unit));
  auto in_unit = [&](double ps) { return fmt::format("{:.3f}", ps / scale); };

  using reports::Table;
  Table table;
  table.add_column("#", Table::Align::kRight);
  table.add_column("task");
  table.add_column("rank", Table::Align::kRight);
  table.add_column("processor");
  table.add_column("start", Table::Align::kRight);
  table.add_column("finish", Table::Align::kRight);
  for (size_t i = 0; i < schedule.order.size(); ++i) {
    const size_t t = schedule.order[i];
    table.add_row({std::to_string(i + 1), graph.tasks[t].name, in_unit(schedule.rank[t]),
                   graph.processors[schedule.processor[t]], in_unit(schedule.start[t]),
                   in_unit(schedule.finish[t])});
  }
  std::cout << fmt::format("{}: {} tasks on {} processors, HEFT\n\n", options.graph,
                           graph.tasks.size(), graph.processors.size());
  table.render(std::cout);
  std::cout << fmt::format("\nMakespan     {} {}\n", in_unit(schedule.makespan), graph.time_unit);
  if (!options.csv.empty()) {
    auto out = open_output(options.csv);
    reports::write_csv_row(out, {"task", "rank_ps", "processor", "start_ps", "finish_ps"});
    for (size_t t : schedule.order)
      reports::write_csv_row(
          out, {graph.tasks[t].name, fmt::format("{:.3f}", schedule.rank[t]),
                graph.processors[schedule.processor[t]], fmt::format("{:.3f}", schedule.start[t]),
                fmt::format("{:.3f}", schedule.finish[t])});
  }
  return 0;
}

}  // namespace

Command add_taskgraph_command(CLI::App& app) {
  auto options = std::make_shared<TaskGraphOptions>();
  CLI::App* cmd = app.add_subcommand(
      "taskgraph", "HEFT on a task-graph workload with given per-processor costs and edge delays");
  cmd->add_option("--graph", options->graph, "Task-graph file (YAML, see README)")->required();
  cmd->add_option("--csv", options->csv, "Also write the schedule as CSV (times in ps)");
  return {cmd, [options] { return run_taskgraph(*options); }};
}

}  // namespace hsim::cli
