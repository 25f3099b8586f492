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

}  // namespace hsim::explorer
