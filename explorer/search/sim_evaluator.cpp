#include "search/sim_evaluator.h"

#include <stdexcept>

#include "common/error.h"

namespace hsim::explorer {

SimEvaluator::SimEvaluator(const sim::Network& network, sim::Platform& platform)
    : runner_(network, platform) {}

Evaluation SimEvaluator::evaluate_one(const sim::Schedule& schedule) {
  Evaluation evaluation;
  try {
    const sim::ScheduleResult result = runner_.run(schedule, "candidate");
    evaluation.feasible = true;
    evaluation.latency = result.run.latency;
    evaluation.energy = result.run.energy;
  } catch (const InputError& e) {
    evaluation.reason = e.what();
  } catch (const std::logic_error& e) {  // a deadlock the runtime detected
    evaluation.reason = e.what();
  }
  return evaluation;
}

std::vector<Evaluation> SimEvaluator::evaluate(const std::vector<sim::Schedule>& schedules) {
  std::vector<Evaluation> evaluations;
  evaluations.reserve(schedules.size());
  for (const sim::Schedule& schedule : schedules) evaluations.push_back(evaluate_one(schedule));
  return evaluations;
}

namespace {

class PlatformEvaluator : public Evaluator {
 public:
  PlatformEvaluator(const sim::Network& network, const sim::BoardSpec& board,
                    const sim::PlatformOptions& options)
      : platform_(board, options), evaluator_(network, platform_) {}
  std::vector<Evaluation> evaluate(const std::vector<sim::Schedule>& schedules) override {
    return evaluator_.evaluate(schedules);
  }

 private:
  sim::Platform platform_;
  SimEvaluator evaluator_;
};

}  // namespace

std::unique_ptr<Evaluator> make_platform_evaluator(const sim::Network& network,
                                                   const sim::BoardSpec& board,
                                                   const sim::PlatformOptions& options) {
  return std::make_unique<PlatformEvaluator>(network, board, options);
}

}  // namespace hsim::explorer
