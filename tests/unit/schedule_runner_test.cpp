// Schedules on the platform against closed forms.
#include "schedule/schedule_runner.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/schedule_file.h"
#include "support/fresh_systemc.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim::sim;
using hsim::testing::kNs;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::TestBoard;

namespace {

// x -> Sigmoid "a" and x -> Tanh "b": two independent branches, fp32 1x1024x1024 (4 MiB).
LoadedNetwork two_branches() {
  OnnxModelBuilder b;
  b.input("x", {1, 1024, 1024}).output("ya").output("yb");
  b.node("Sigmoid", {"x"}, {"ya"}, "a");
  b.node("Tanh", {"x"}, {"yb"}, "b");
  return load_onnx_bytes(b.bytes(), "branches.onnx");
}

ScheduledTask on_cpu(const std::string& op, int64_t core) {
  ScheduledTask t;
  t.ops = {op};
  t.pu = "cpu";
  t.cores = {core};
  return t;
}

// A compute-bound board: CPU cores at 1 GHz doing 16 ops per cycle, memory far faster.
BoardSpec compute_bound_board() {
  TestBoard spec;
  spec.cpu_cores = 2;
  spec.dram_bandwidth = 1000 * hsim::testing::kGBps;
  spec.bus_bandwidth = 1000 * hsim::testing::kGBps;
  spec.dram_latency = 0;
  return spec.build();
}

}  // namespace

TEST(ScheduleRunner, IndependentOpsOnTwoCoresTakeTheMaxNotTheSum) {
  REQUIRE_FRESH_SYSTEMC();
  const LoadedNetwork net = two_branches();
  Platform platform(compute_bound_board());
  ScheduleRunner runner(net.network, platform);
  // Sigmoid: 4 ops per element, Tanh: 5; 2^20 elements at 16 ops/cycle and 1 GHz:
  // a = 262,144 ns, b = 327,680 ns of compute; the 4 MiB transfers at 1 TB/s add ~8.4 us each.
  const Schedule parallel{"test", {on_cpu("a", 0), on_cpu("b", 1)}, 1};
  const Schedule serial{"test", {on_cpu("a", 0), on_cpu("b", 0)}, 1};
  const ScheduleResult p = runner.run(parallel, "parallel");
  const ScheduleResult s = runner.run(serial, "serial");
  const double a = 262'144.0 * kNs, b = 327'680.0 * kNs;
  EXPECT_NEAR(static_cast<double>(p.run.latency), std::max(a, b), 0.05 * b);
  EXPECT_NEAR(static_cast<double>(s.run.latency), a + b, 0.05 * (a + b));
  ASSERT_EQ(p.ops.size(), 2u);
  EXPECT_NE(p.ops[0].core, p.ops[1].core);
  EXPECT_EQ(s.ops[0].core, s.ops[1].core);
}

TEST(ScheduleRunner, DependentOpWaitsAndDispatchOverheadIsPaidPerTask) {
  REQUIRE_FRESH_SYSTEMC();
  OnnxModelBuilder b;
  b.input("x", {1, 1024, 1024}).output("y");
  b.node("Sigmoid", {"x"}, {"h"}, "first");
  b.node("Tanh", {"h"}, {"y"}, "second");
  const LoadedNetwork net = load_onnx_bytes(b.bytes(), "chain.onnx");
  BoardSpec board = compute_bound_board();
  board.devices[0].pus[0].dispatch_overhead = 10'000 * kNs;  // 10 us per task
  Platform platform(board);
  ScheduleRunner runner(net.network, platform);
  const ScheduleResult r = runner.run({"test", {on_cpu("first", 0), on_cpu("second", 1)}, 1}, "x");
  ASSERT_EQ(r.ops.size(), 2u);
  // The second op, on the other core, starts only when the first has ended.
  EXPECT_GE(r.ops[1].start, r.ops[0].end);
  // Compute 262,144 + 327,680 ns, plus 10 us of dispatch per task, plus transfers at 1 TB/s.
  const double expected = (262'144.0 + 327'680.0 + 2 * 10'000) * kNs;
  EXPECT_NEAR(static_cast<double>(r.run.latency), expected, 0.05 * expected);
  EXPECT_GT(static_cast<double>(r.run.latency), expected);
}

TEST(ScheduleRunner, ScheduleErrorsNameTheTaskAndTheProblem) {
  REQUIRE_FRESH_SYSTEMC();
  const LoadedNetwork net = two_branches();
  Platform platform(compute_bound_board());
  ScheduleRunner runner(net.network, platform);
  auto error = [&](const Schedule& s) {
    try {
      runner.run(s, "bad.yaml");
    } catch (const hsim::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error({"t", {on_cpu("a", 0)}, 1}).find("op 'b' (Tanh) is not scheduled"),
            std::string::npos);
  EXPECT_NE(error({"t", {on_cpu("a", 0), on_cpu("a", 1), on_cpu("b", 0)}, 1}).find("twice"),
            std::string::npos);
  EXPECT_NE(error({"t", {on_cpu("a", 0), on_cpu("b", 7)}, 1}).find("cores 0..1, not 7"),
            std::string::npos);
  EXPECT_NE(error({"t", {on_cpu("a", 0), on_cpu("nope", 0)}, 1}).find("no op 'nope'"),
            std::string::npos);
  ScheduledTask on_npu = on_cpu("b", 0);
  on_npu.pu = "gpu";
  EXPECT_NE(error({"t", {on_cpu("a", 0), on_npu}, 1}).find("no PU 'gpu'"), std::string::npos);
}

TEST(ScheduleFile, RoundTripAndStrictReading) {
  Schedule s{"static", {on_cpu("a", 0), on_cpu("b", 1)}, 1};
  s.tasks[1].priority = 3;
  s.tasks[1].dtype = DType::kInt8;
  s.tasks[1].device = "soc";
  const Schedule back = parse_schedule_text(schedule_yaml(s), "round.yaml");
  ASSERT_EQ(back.tasks.size(), 2u);
  EXPECT_EQ(back.strategy, "static");
  EXPECT_EQ(back.tasks[1].ops, std::vector<std::string>{"b"});
  EXPECT_EQ(back.tasks[1].cores, std::vector<int64_t>{1});
  EXPECT_EQ(back.tasks[1].priority, 3);
  EXPECT_EQ(back.tasks[1].dtype, DType::kInt8);
  EXPECT_EQ(back.tasks[1].device, "soc");
  auto error = [](const std::string& yaml) {
    try {
      parse_schedule_text(yaml, "s.yaml");
    } catch (const hsim::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error("tasks:\n  - {ops: [a], pu: cpu, corez: [0]}\n").find("s.yaml:2"),
            std::string::npos);
  EXPECT_NE(error("tasks:\n  - {ops: [a], pu: cpu, corez: [0]}\n").find("unknown key 'corez'"),
            std::string::npos);
  EXPECT_NE(error("tasks:\n  - {ops: [a]}\n").find("pu"), std::string::npos);
  EXPECT_NE(error("tasks:\n  - {ops: [a], pu: cpu, dtype: fp7}\n").find("fp7"), std::string::npos);
  EXPECT_NE(error("strategy: x\n").find("tasks"), std::string::npos);
}
