// Task-graph workloads: the file format, its errors, HEFT on the shipped published example and
// `hsim taskgraph`.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "common/error.h"
#include "support/input_error.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"
#include "taskgraph/task_graph.h"

using namespace hsim::explorer;

namespace {

const std::string kExample = std::string(HSIM_MODELS_DIR) + "/taskgraphs/topcuoglu2002.yaml";
constexpr double kUs = 1e6;  // ps

// The error message parse_task_graph_text gives for `yaml`.
std::string error_of(const std::string& yaml) {
  return hsim::testing::input_error_of([&] { parse_task_graph_text(yaml, "g.yaml"); });
}

}  // namespace

TEST(TaskGraph, TheShippedExampleGivesThePublishedRanksAndMakespan) {
  const TaskGraph graph = load_task_graph_file(kExample);
  ASSERT_EQ(graph.processors.size(), 3u);
  ASSERT_EQ(graph.tasks.size(), 10u);
  ASSERT_EQ(graph.edges.size(), 15u);
  EXPECT_EQ(graph.time_unit, "us");
  const ListProblem problem = list_problem(graph);
  const ListSchedule s = heft(problem);
  // Topcuoglu, Hariri and Wu (TPDS 2002): upward ranks of n1..n10 and HEFT's makespan, 80.
  const std::vector<double> ranks = {108.0,  77.0,   80.0,   80.0,   69.0,
                                     63.333, 42.667, 35.667, 44.333, 14.667};
  for (size_t t = 0; t < ranks.size(); ++t)
    EXPECT_NEAR(s.rank[t] / kUs, ranks[t], 1e-3) << graph.tasks[t].name;
  EXPECT_DOUBLE_EQ(s.makespan, 80 * kUs);
  // Running the placement under the fixed-delay model ends when HEFT's bookkeeping says.
  const std::vector<double> replay = replay_finish_times(problem, s);
  EXPECT_DOUBLE_EQ(*std::max_element(replay.begin(), replay.end()), s.makespan);
}

TEST(TaskGraph, UnitsBareNumbersAndDashes) {
  const TaskGraph g = parse_task_graph_text(
      "processors: [a, b]\ntasks:\n  - {name: x, cost: [2 ns, '-']}\n"
      "  - {name: y, cost: [1 us, 3 ns]}\nedges:\n  - {from: x, to: y, delay: 5 ns}\n",
      "g.yaml");
  EXPECT_EQ(g.tasks[0].cost[0], 2000.0);
  EXPECT_EQ(g.tasks[0].cost[1], kCannotRun);
  EXPECT_EQ(g.edges[0].delay, 5000.0);
  // y on b: x ends at 2 ns on a, plus the 5 ns delay, plus 3 ns = 10 ns; on a: 2 ns + 1 us.
  EXPECT_DOUBLE_EQ(heft(list_problem(g)).makespan, 10000.0);
  // With time_unit, bare numbers take it and written units still count.
  const TaskGraph h = parse_task_graph_text(
      "processors: [a]\ntime_unit: ns\ntasks:\n  - {name: x, cost: [2.5]}\n"
      "  - {name: y, cost: [1 us]}\nedges:\n  - {from: x, to: y, delay: 0}\n",
      "h.yaml");
  EXPECT_EQ(h.tasks[0].cost[0], 2500.0);
  EXPECT_EQ(h.tasks[1].cost[0], 1e6);
}

TEST(TaskGraph, BadFilesNameTheFileLineAndKey) {
  const std::string head = "processors: [a, b]\ntime_unit: us\ntasks:\n";  // lines 1-3
  const std::string xy = head + "  - {name: x, cost: [1, 1]}\n  - {name: y, cost: [1, 1]}\n";
  struct Case {
    std::string yaml;
    std::string expected;  // the message's start
  };
  const std::vector<Case> cases = {
      {head + "  - {name: x, cost: [1]}\n", "g.yaml:4: tasks.x.cost: has 1 costs for 2 processors"},
      {head + "  - {name: x, cost: [1, 1]}\n  - {name: x, cost: [1, 1]}\n",
       "g.yaml:5: tasks.x.name: task 'x' is defined twice"},
      {head + "  - {name: x}\n", "g.yaml:4: tasks.x.cost: missing"},
      {head + "  - {name: x, cost: 1}\n", "g.yaml:4: tasks.x.cost: expected a list of times"},
      {head + "  - {name: x, cost: ['-', '-']}\n",
       "g.yaml:4: tasks.x.cost: no processor can run task 'x'"},
      {head + "  - {name: x, cost: [1, -3]}\n",
       "g.yaml:4: tasks.x.cost[1]: expected a time of zero or more, got '-3 us'"},
      {head + "  - {name: x, cost: [1, 1], colour: red}\n",
       "g.yaml:4: tasks.x.colour: unknown key 'colour'"},
      {xy + "edges:\n  - {from: x, to: z, delay: 1}\n", "g.yaml:7: edges[0].to: no task named 'z'"},
      {xy + "edges:\n  - {from: x, to: y}\n", "g.yaml:7: edges[0].delay: missing"},
      {xy + "edges:\n  - {from: x, to: y, delay: 1}\n  - {from: x, to: y, delay: 2}\n",
       "g.yaml:8: edges[1]: a second edge x -> y"},
      {xy + "edges:\n  - {from: x, to: y, delay: 1}\n  - {from: y, to: x, delay: 1}\n",
       "g.yaml:8: edges[1]: the edge y -> x closes a cycle (x -> y -> x)"},
      {xy + "  - {name: z, cost: [1, 1]}\nedges:\n  - {from: y, to: z, delay: 0}\n"
            "  - {from: z, to: x, delay: 0}\n  - {from: x, to: y, delay: 0}\n",
       "g.yaml:9: edges[1]: the edge z -> x closes a cycle (x -> y -> z -> x)"},
      {"processors: [a, a]\ntime_unit: us\ntasks:\n  - {name: x, cost: [1, 1]}\n",
       "g.yaml:1: processors[1]: processor 'a' is listed twice"},
      {"processors: [a]\ntasks:\n  - {name: x, cost: [14]}\n",
       "g.yaml:3: tasks.x.cost[0]: '14' has no unit"},
      {"processors: [a]\ntime_unit: fortnights\ntasks:\n  - {name: x, cost: [1]}\n",
       "g.yaml:2: time_unit: unknown time unit 'fortnights'"},
  };
  for (const Case& c : cases) {
    const std::string message = error_of(c.yaml);
    EXPECT_EQ(message.rfind(c.expected, 0), 0u) << c.yaml << "\n=> " << message;
  }
}

TEST(TaskGraphCli, PrintsTheHeftScheduleAndMakespan) {
  const auto csv = hsim::testing::temp_path("taskgraph.csv");
  const auto r =
      hsim::testing::run_program(HSIM_BINARY, {"taskgraph", "--graph", kExample, "--csv", csv});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Makespan     80.000 us"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("n10    14.667  P2         73.000  80.000"), std::string::npos) << r.out;
  EXPECT_EQ(hsim::testing::count_lines(hsim::testing::read_text(csv)), 11u);
}

TEST(TaskGraphCli, ABadFileIsOneErrorLineWithFileAndLineAndExitsTwo) {
  const auto path = hsim::testing::temp_path("bad_taskgraph.yaml");
  std::ofstream(path) << "processors: [a, b]\ntime_unit: us\ntasks:\n  - {name: x, cost: [1]}\n";
  const auto r = hsim::testing::run_program(HSIM_BINARY, {"taskgraph", "--graph", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("hsim: error: " + path + ":4: tasks.x.cost: has 1 costs", 0), 0u) << r.err;
  EXPECT_EQ(hsim::testing::count_lines(r.err), 1u) << r.err;
}

TEST(TaskGraphCli, AMissingFileExitsTwoWithOneLine) {
  const auto r = hsim::testing::run_program(HSIM_BINARY, {"taskgraph", "--graph", "/no/such.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/no/such.yaml"), std::string::npos) << r.err;
  EXPECT_EQ(hsim::testing::count_lines(r.err), 1u) << r.err;
}
