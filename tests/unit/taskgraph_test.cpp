// Task-graph workloads: the file format, its errors, and `hsim taskgraph` on the shipped
// published example.
#include <gtest/gtest.h>

#include "common/error.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"
#include "taskgraph/task_graph.h"

using namespace hsim::explorer;

namespace {

const std::string kExample = std::string(HSIM_MODELS_DIR) + "/taskgraphs/topcuoglu2002.yaml";

// The error message parse_task_graph_text gives for `yaml`.
std::string error_of(const std::string& yaml) {
  try {
    parse_task_graph_text(yaml, "g.yaml");
  } catch (const hsim::InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST(TaskGraph, TheShippedExampleGivesThePublishedMakespan) {
  const TaskGraph graph = load_task_graph_file(kExample);
  ASSERT_EQ(graph.tasks.size(), 10u);
  ASSERT_EQ(graph.edges.size(), 15u);
  EXPECT_EQ(graph.time_unit, "us");
  const ListSchedule s = heft(list_problem(graph));
  EXPECT_DOUBLE_EQ(s.makespan, 80e6);  // 80 us in ps
  EXPECT_NEAR(s.rank[0], 108e6, 1);
  EXPECT_NEAR(s.rank[5], 63.333333e6, 1);
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
}

TEST(TaskGraph, BadFilesNameTheFileLineAndKey) {
  const std::string head = "processors: [a, b]\ntime_unit: us\n";
  struct Case {
    std::string yaml;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {head + "tasks:\n  - {name: x, cost: [1]}\n", "g.yaml:4: tasks.x.cost: has 1 costs for 2"},
      {head + "tasks:\n  - {name: x, cost: [1, 1]}\n  - {name: x, cost: [1, 1]}\n",
       "defined twice"},
      {head + "tasks:\n  - {name: x, cost: [1, 1]}\nedges:\n  - {from: x, to: z}\n",
       "no task named 'z'"},
      {head + "tasks:\n  - {name: x, cost: ['-', '-']}\n", "no processor can run task 'x'"},
      {head + "tasks:\n  - {name: x, cost: [1, -3]}\n", "g.yaml:4"},
      {head + "tasks:\n  - {name: x, cost: [1, 1]}\n  - {name: y, cost: [1, 1]}\nedges:\n"
              "  - {from: x, to: y}\n  - {from: y, to: x}\n",
       "cycle"},
      {"processors: [a]\ntasks:\n  - {name: x, cost: [14]}\n", "has no unit"},
      {head + "tasks:\n  - {name: x, cost: [1, 1], colour: red}\n", "colour"},
      {head + "time_unit: fortnights\ntasks: []\n", "time_unit"},
  };
  for (const Case& c : cases) {
    const std::string message = error_of(c.yaml);
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.yaml << "\n=> " << message;
    EXPECT_NE(message.find("g.yaml"), std::string::npos) << message;
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

TEST(TaskGraphCli, AMissingFileExitsTwoWithOneLine) {
  const auto r = hsim::testing::run_program(HSIM_BINARY, {"taskgraph", "--graph", "/no/such.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/no/such.yaml"), std::string::npos) << r.err;
  EXPECT_EQ(hsim::testing::count_lines(r.err), 1u) << r.err;
}
