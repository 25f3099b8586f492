#pragma once

// A compact binary form of schedules and evaluations, for the pipes between the search and its
// worker processes (worker_pool.h). Both ends are the same executable, so the format carries no
// version; decoding checks bounds and throws std::runtime_error on a truncated or corrupt
// message rather than reading past it.
#include <string>

#include "schedule/schedule.h"
#include "search/evaluator.h"

namespace hsim::explorer {

std::string encode_schedule(const sim::Schedule& schedule);
sim::Schedule decode_schedule(const std::string& bytes);

std::string encode_evaluation(const Evaluation& evaluation);
Evaluation decode_evaluation(const std::string& bytes);

}  // namespace hsim::explorer
