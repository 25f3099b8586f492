#pragma once

// Parallel evaluation (`--jobs N`): an Evaluator that spreads each batch over N worker processes.
// SystemC elaborates one platform per process and cannot be re-entered from threads (DESIGN.md),
// so parallelism is processes: the workers are forked when the pool is made, and each builds its
// own evaluator (a SimEvaluator on its own elaborated platform) with `make_worker`. Schedules go
// to whichever worker is idle; results come back in the batch's order, so a search sees exactly
// what evaluating one by one in this process gives (each evaluation is independent of the ones
// before it on a platform).
//
// Contract: make the pool before this process elaborates or simulates SystemC (the children must
// start from a fresh kernel), and while it has no other threads. Workers ignore SIGINT (a first
// Ctrl-C lets the search finish its generation) and die with the parent. A worker that fails or
// dies makes evaluate() throw std::runtime_error with its message.
#include <sys/types.h>

#include <functional>
#include <memory>
#include <vector>

#include "search/evaluator.h"

namespace hsim::explorer {

class WorkerPoolEvaluator : public Evaluator {
 public:
  using Factory = std::function<std::unique_ptr<Evaluator>()>;

  // Throws std::runtime_error when a process or socket cannot be made.
  WorkerPoolEvaluator(int workers, Factory make_worker);
  ~WorkerPoolEvaluator() override;
  WorkerPoolEvaluator(const WorkerPoolEvaluator&) = delete;
  WorkerPoolEvaluator& operator=(const WorkerPoolEvaluator&) = delete;

  std::vector<Evaluation> evaluate(const std::vector<sim::Schedule>& schedules) override;

  size_t workers() const { return workers_.size(); }

 private:
  struct Worker {
    pid_t pid = -1;
    int socket = -1;  // one end of a socketpair; the child holds the other
  };
  void stop_workers();

  std::vector<Worker> workers_;
};

}  // namespace hsim::explorer
