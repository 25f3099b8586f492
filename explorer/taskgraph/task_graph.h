#pragma once

// A task-graph workload: tasks with given costs per processor and edges with fixed delays paid
// when their two ends run on different processors, the model of the list-scheduling literature.
// It sits beside ONNX networks so schedulers can be checked against published worked examples
// (models/taskgraphs/). File format (README, "Task graphs"):
//
//   processors: [P1, P2, P3]
//   time_unit: us                # the unit of bare numbers; omit it to write units everywhere
//   tasks:
//     - {name: n1, cost: [14, 16, 9]}      # "-" where a processor cannot run the task
//   edges:
//     - {from: n1, to: n2, delay: 18}
#include <cstdint>
#include <string>
#include <vector>

#include "baselines/list_scheduling.h"

namespace hsim::explorer {

struct TaskGraph {
  struct Task {
    std::string name;
    std::vector<double> cost;  // ps per processor; kCannotRun where it cannot run
  };
  struct Edge {
    size_t from;
    size_t to;
    double delay;  // ps
  };
  std::string source;  // the file, for messages
  std::vector<std::string> processors;
  std::vector<Task> tasks;
  std::vector<Edge> edges;
  std::string time_unit = "ps";  // how results are printed
};

// Reads and checks a task-graph file: unknown keys, missing fields (every edge needs a delay; 0
// for none), wrong types, negative times, a bare number without time_unit, a cost list whose
// length is not the processor count, unknown or duplicate names, a task no processor can run, a
// second edge between the same two tasks and cycles are InputErrors naming the file, line and
// key path (a cycle at the edge that closes it).
TaskGraph load_task_graph_file(const std::string& path);
TaskGraph parse_task_graph_text(const std::string& yaml, const std::string& origin);

// The list-scheduling problem of a task graph (edge delays as the communication cost).
ListProblem list_problem(const TaskGraph& graph);

}  // namespace hsim::explorer
