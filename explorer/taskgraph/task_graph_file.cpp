#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "config/codecs.h"
#include "config/cursor.h"
#include "config/key_report.h"
#include "config/value_error.h"
#include "config/yaml_document.h"
#include "taskgraph/task_graph.h"

namespace hsim::explorer {

namespace {

using config::Cursor;
using config::Node;

template <typename F>
void for_each_item(const Cursor& list, const std::string& expected, F&& f) {
  if (!list.node().is_sequence())
    list.fail("expected " + expected + ", got " + list.node().describe());
  for (size_t i = 0; i < list.node().items.size(); ++i) f(list.item(i));
}

// A number without a unit ("14", "2.5", "-3"): it takes the file's time_unit.
bool is_bare_number(const std::string& text) {
  const size_t digits = text.rfind('-', 0) == 0 ? 1 : 0;
  return text.size() > digits && text.find_first_not_of("0123456789.", digits) == std::string::npos;
}

// A time: "14 us", or a bare number in the file's time unit ("" when the file sets none).
double read_time(const Cursor& at, const std::string& unit) {
  const std::string& text = config::scalar_text(at, "a time such as 14 us");
  const bool bare = is_bare_number(text);
  if (bare && unit.empty())
    at.fail("'" + text + "' has no unit: write one (14 us) or set time_unit at the top");
  try {
    return static_cast<double>(
        config::parse_quantity(config::Quantity::kTime, bare ? text + " " + unit : text));
  } catch (const config::ValueError& e) {
    at.fail(e.what());
  }
}

// Fails at the edge that closes the first cycle found (tasks in index order, edges in file order)
// and names the whole cycle, so the file's author sees which edge to drop.
void check_acyclic(const TaskGraph& graph, const std::vector<Cursor>& edge_at) {
  const size_t n = graph.tasks.size();
  std::vector<std::vector<size_t>> out(n);  // edge indices by source task
  for (size_t e = 0; e < graph.edges.size(); ++e) out[graph.edges[e].from].push_back(e);
  enum class Mark { kNew, kOnPath, kDone };
  std::vector<Mark> mark(n, Mark::kNew);
  std::vector<size_t> path;  // tasks from the DFS root to the current task
  // Iterative DFS: (task, next out-edge position).
  for (size_t root = 0; root < n; ++root) {
    if (mark[root] != Mark::kNew) continue;
    std::vector<std::pair<size_t, size_t>> stack = {{root, 0}};
    mark[root] = Mark::kOnPath;
    path = {root};
    while (!stack.empty()) {
      auto& [task, next] = stack.back();
      if (next == out[task].size()) {
        mark[task] = Mark::kDone;
        path.pop_back();
        stack.pop_back();
        continue;
      }
      const size_t e = out[task][next++];
      const size_t to = graph.edges[e].to;
      if (mark[to] == Mark::kOnPath) {
        std::string cycle;
        for (auto it = std::find(path.begin(), path.end(), to); it != path.end(); ++it)
          cycle += graph.tasks[*it].name + " -> ";
        edge_at[e].fail("the edge " + graph.tasks[task].name + " -> " + graph.tasks[to].name +
                        " closes a cycle (" + cycle + graph.tasks[to].name +
                        "); a task graph must be acyclic");
      }
      if (mark[to] == Mark::kNew) {
        mark[to] = Mark::kOnPath;
        path.push_back(to);
        stack.emplace_back(to, 0);
      }
    }
  }
}

TaskGraph read_task_graph(const Node& root, const std::string& origin) {
  const Cursor top(root);
  if (!root.is_map()) top.fail("expected a task graph (a map with processors, tasks and edges)");
  config::check_keys(top, {"processors", "time_unit", "tasks", "edges"});
  TaskGraph graph;
  graph.source = origin;
  std::string unit;
  if (const Cursor c = top.key("time_unit"); c.present()) {
    unit = config::scalar_text(c, "a time unit such as us");
    try {
      (void)config::parse_quantity(config::Quantity::kTime, "1 " + unit);
    } catch (const config::ValueError&) {
      c.fail("unknown time unit '" + unit + "' (" + config::unit_list(config::Quantity::kTime) +
             ")");
    }
    graph.time_unit = unit;
  }
  const Cursor processors = top.key("processors");
  if (!processors.present()) processors.fail("missing; list the processors by name");
  for_each_item(processors, "a list of processor names", [&](const Cursor& p) {
    std::string name = config::identifier().read(p);
    if (std::find(graph.processors.begin(), graph.processors.end(), name) != graph.processors.end())
      p.fail("processor '" + name + "' is listed twice");
    graph.processors.push_back(std::move(name));
  });
  if (graph.processors.empty()) processors.fail("needs at least one processor");

  std::map<std::string, size_t> index;
  const Cursor tasks = top.key("tasks");
  if (!tasks.present()) tasks.fail("missing; list the tasks with their costs");
  for_each_item(tasks, "a list of tasks", [&](const Cursor& at) {
    if (!at.node().is_map()) at.fail("expected a task {name, cost}, got " + at.node().describe());
    config::check_keys(at, {"name", "cost"});
    TaskGraph::Task task;
    const Cursor name = at.key("name");
    if (!name.present()) name.fail("missing; every task has a name");
    task.name = config::identifier().read(name);
    if (!index.emplace(task.name, graph.tasks.size()).second)
      name.fail("task '" + task.name + "' is defined twice");
    const Cursor cost = at.key("cost");
    if (!cost.present()) cost.fail("missing; give one cost per processor");
    for_each_item(cost, "a list of times, one per processor", [&](const Cursor& c) {
      const bool never = c.node().is_scalar() && c.node().scalar == "-";
      task.cost.push_back(never ? kCannotRun : read_time(c, unit));
    });
    if (task.cost.size() != graph.processors.size())
      cost.fail("has " + std::to_string(task.cost.size()) + " costs for " +
                std::to_string(graph.processors.size()) + " processors");
    bool runs = false;
    for (double c : task.cost) runs = runs || c != kCannotRun;
    if (!runs) cost.fail("no processor can run task '" + task.name + "'");
    graph.tasks.push_back(std::move(task));
  });
  if (graph.tasks.empty()) tasks.fail("needs at least one task");

  std::vector<Cursor> edge_at;  // for the cycle check's message
  std::set<std::pair<size_t, size_t>> pairs;
  if (const Cursor edges = top.key("edges"); edges.present())
    for_each_item(edges, "a list of edges", [&](const Cursor& at) {
      if (!at.node().is_map())
        at.fail("expected an edge {from, to, delay}, got " + at.node().describe());
      config::check_keys(at, {"from", "to", "delay"});
      auto task_at = [&](const char* key) {
        const Cursor c = at.key(key);
        if (!c.present()) c.fail("missing; name a task");
        const std::string& name = config::scalar_text(c, "a task name");
        const auto it = index.find(name);
        if (it == index.end()) c.fail("no task named '" + name + "'");
        return it->second;
      };
      TaskGraph::Edge edge{task_at("from"), task_at("to"), 0};
      const std::string arrow = graph.tasks[edge.from].name + " -> " + graph.tasks[edge.to].name;
      if (edge.from == edge.to) at.fail("an edge from a task to itself");
      if (!pairs.emplace(edge.from, edge.to).second)
        at.fail("a second edge " + arrow + "; each pair of tasks has at most one");
      const Cursor delay = at.key("delay");
      if (!delay.present())
        delay.fail("missing; give the delay paid when " + arrow +
                   " crosses processors (0 for none)");
      edge.delay = read_time(delay, unit);
      graph.edges.push_back(edge);
      edge_at.push_back(at);
    });
  config::report_unused(root);
  check_acyclic(graph, edge_at);
  return graph;
}

}  // namespace

ListProblem list_problem(const TaskGraph& graph) {
  ListProblem problem;
  problem.processors = graph.processors.size();
  auto delays = std::make_shared<std::vector<double>>();
  for (const auto& task : graph.tasks) problem.cost.push_back(task.cost);
  for (const auto& edge : graph.edges) {
    problem.edges.push_back({edge.from, edge.to, delays->size()});
    delays->push_back(edge.delay);
  }
  problem.comm = [delays](size_t, size_t, const ListProblem::Edge& e) { return (*delays)[e.id]; };
  return problem;
}

TaskGraph parse_task_graph_text(const std::string& yaml, const std::string& origin) {
  return read_task_graph(config::parse_yaml_text(yaml, origin), origin);
}

TaskGraph load_task_graph_file(const std::string& path) {
  return read_task_graph(config::load_yaml_file(path), path);
}

}  // namespace hsim::explorer
