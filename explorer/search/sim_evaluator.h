#pragma once

// The Evaluator that simulates: each schedule runs on one elaborated SystemC platform through a
// ScheduleRunner (whose kernel-trace cache makes repeated evaluations cheap). Schedules the
// runtime rejects (a check, a kernel model's limit, a deadlock) are infeasible with its message
// as the reason. One per process: SystemC elaborates once (DESIGN.md); parallel evaluation
// (worker_pool.h) gives each worker process its own.
#include <memory>

#include "graph/network.h"
#include "platform/platform.h"
#include "schedule/schedule_runner.h"
#include "search/evaluator.h"

namespace hsim::explorer {

class SimEvaluator : public Evaluator {
 public:
  SimEvaluator(const sim::Network& network, sim::Platform& platform);

  std::vector<Evaluation> evaluate(const std::vector<sim::Schedule>& schedules) override;
  Evaluation evaluate_one(const sim::Schedule& schedule);

  // The runner, for a full run of a chosen schedule (per-op timings for the reports).
  sim::ScheduleRunner& runner() { return runner_; }

 private:
  sim::ScheduleRunner runner_;
};

// A SimEvaluator on a platform of its own, elaborated here: what a worker process of
// WorkerPoolEvaluator evaluates with. `network` and `board` must outlive it.
std::unique_ptr<Evaluator> make_platform_evaluator(const sim::Network& network,
                                                   const sim::BoardSpec& board,
                                                   const sim::PlatformOptions& options);

}  // namespace hsim::explorer
