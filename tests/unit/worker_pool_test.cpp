// Parallel evaluation: the wire form of schedules and evaluations round-trips exactly, and a pool
// of worker processes returns, in the batch's order, what each worker's evaluator says, whatever
// the number of workers; a failing or dying worker is an error, not a hang.
#include "search/worker_pool.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <set>
#include <stdexcept>

#include "search/schedule_wire.h"

using namespace hsim;
using namespace hsim::explorer;

namespace {

sim::Schedule example_schedule(int64_t n) {
  sim::Schedule s;
  s.strategy = "ga #" + std::to_string(n);
  s.inferences = 3;
  sim::ScheduledTask a;
  a.ops = {"/conv1/Conv", "/relu/Relu"};
  a.pu = "npu";
  a.priority = n;
  sim::ScheduledTask b;
  b.ops = {"/fc/Gemm"};
  b.device = "board2";
  b.pu = "dsp";
  b.cores = {0, 1, 3};
  b.split = sim::SplitAxis::kOutputRows;
  b.shares = {2, 1, 1};
  b.dtype = sim::DType::kInt8;
  b.kernel.order = sim::LoopOrder::kInputsOuter;
  b.kernel.double_buffering = false;
  s.tasks = {a, b};
  return s;
}

// Prices a schedule by arithmetic on its fields, and says which process did it: a stand-in for
// a simulator whose answers the test can predict.
class ArithmeticEvaluator : public Evaluator {
 public:
  std::vector<Evaluation> evaluate(const std::vector<sim::Schedule>& schedules) override {
    std::vector<Evaluation> out;
    for (const auto& s : schedules) {
      Evaluation e;
      e.feasible = s.tasks.front().priority % 5 != 0;
      e.latency = 1000 * s.tasks.front().priority + static_cast<int64_t>(s.tasks.size());
      e.energy = ::getpid();
      if (!e.feasible) e.reason = "priority " + std::to_string(s.tasks.front().priority);
      out.push_back(e);
    }
    return out;
  }
};

}  // namespace

TEST(ScheduleWire, RoundTripsEveryField) {
  const sim::Schedule s = example_schedule(7);
  const sim::Schedule t = decode_schedule(encode_schedule(s));
  EXPECT_EQ(t.strategy, s.strategy);
  EXPECT_EQ(t.inferences, 3);
  ASSERT_EQ(t.tasks.size(), 2u);
  EXPECT_EQ(t.tasks[0].ops, s.tasks[0].ops);
  EXPECT_EQ(t.tasks[0].cores, std::vector<int64_t>{0});
  EXPECT_FALSE(t.tasks[0].split);
  EXPECT_FALSE(t.tasks[0].dtype);
  EXPECT_EQ(t.tasks[0].priority, 7);
  EXPECT_EQ(t.tasks[1].device, "board2");
  EXPECT_EQ(t.tasks[1].pu, "dsp");
  EXPECT_EQ(t.tasks[1].cores, (std::vector<int64_t>{0, 1, 3}));
  EXPECT_EQ(t.tasks[1].split, sim::SplitAxis::kOutputRows);
  EXPECT_EQ(t.tasks[1].shares, (std::vector<int64_t>{2, 1, 1}));
  EXPECT_EQ(t.tasks[1].dtype, sim::DType::kInt8);
  EXPECT_TRUE(t.tasks[0].kernel.empty());
  EXPECT_EQ(t.tasks[1].kernel, s.tasks[1].kernel);

  Evaluation e;
  e.latency = 123456789012;
  e.energy = 42;
  e.reason = "SRAM overflow on 'conv'";
  const Evaluation f = decode_evaluation(encode_evaluation(e));
  EXPECT_FALSE(f.feasible);
  EXPECT_EQ(f.latency, e.latency);
  EXPECT_EQ(f.energy, 42);
  EXPECT_EQ(f.reason, e.reason);
}

TEST(ScheduleWire, TruncatedOrTrailingBytesAreRejected) {
  const std::string bytes = encode_schedule(example_schedule(1));
  for (size_t cut : {size_t{0}, size_t{5}, bytes.size() / 2, bytes.size() - 1})
    EXPECT_THROW(decode_schedule(bytes.substr(0, cut)), std::runtime_error) << cut;
  EXPECT_THROW(decode_schedule(bytes + "x"), std::runtime_error);
  std::string huge = bytes;
  huge[0] = '\xff';  // the strategy name's length becomes absurd
  EXPECT_THROW(decode_schedule(huge), std::runtime_error);
}

TEST(WorkerPool, ReturnsEachScheduleItsOwnEvaluationInOrderForAnyWorkerCount) {
  std::vector<sim::Schedule> batch;
  for (int64_t i = 1; i <= 100; ++i) batch.push_back(example_schedule(i));
  for (int workers : {1, 2, 5}) {
    WorkerPoolEvaluator pool(workers, [] { return std::make_unique<ArithmeticEvaluator>(); });
    ASSERT_EQ(pool.workers(), static_cast<size_t>(workers));
    for (int round = 0; round < 2; ++round) {  // the pool serves batch after batch
      const std::vector<Evaluation> result = pool.evaluate(batch);
      ASSERT_EQ(result.size(), batch.size());
      std::set<int64_t> processes;
      for (size_t i = 0; i < result.size(); ++i) {
        const int64_t priority = static_cast<int64_t>(i) + 1;
        EXPECT_EQ(result[i].feasible, priority % 5 != 0) << i;
        EXPECT_EQ(result[i].latency, 1000 * priority + 2) << i;
        EXPECT_EQ(result[i].reason,
                  result[i].feasible ? "" : "priority " + std::to_string(priority));
        EXPECT_NE(result[i].energy, ::getpid()) << "evaluated in the parent";
        processes.insert(result[i].energy);
      }
      EXPECT_LE(processes.size(), static_cast<size_t>(workers));
    }
    EXPECT_TRUE(pool.evaluate({}).empty());
  }
}

TEST(WorkerPool, AWorkerThatCannotStartIsAnErrorWithItsMessage) {
  WorkerPoolEvaluator pool(
      2, []() -> std::unique_ptr<Evaluator> { throw std::runtime_error("no platform for you"); });
  try {
    pool.evaluate({example_schedule(1)});
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no platform for you"), std::string::npos) << e.what();
  }
}

// Regression: a worker that failed and exited before the parent's first send made that send
// fail, and the error said only "has exited", losing the reason still waiting in the socket.
TEST(WorkerPool, AWorkerThatFailedBeforeTheFirstScheduleStillGivesItsMessage) {
  WorkerPoolEvaluator pool(
      2, []() -> std::unique_ptr<Evaluator> { throw std::runtime_error("no platform for you"); });
  ::usleep(300'000);  // both workers have sent their reason and exited by now
  try {
    pool.evaluate({example_schedule(1), example_schedule(2)});
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no platform for you"), std::string::npos) << e.what();
  }
}

TEST(WorkerPool, AWorkerThatDiesIsAnErrorNotAHang) {
  class Dying : public Evaluator {
    std::vector<Evaluation> evaluate(const std::vector<sim::Schedule>&) override {
      ::raise(SIGKILL);
      return {};
    }
  };
  WorkerPoolEvaluator pool(2, [] { return std::make_unique<Dying>(); });
  EXPECT_THROW(pool.evaluate({example_schedule(1), example_schedule(2)}), std::runtime_error);
}
