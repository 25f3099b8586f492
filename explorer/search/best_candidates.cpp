#include "search/best_candidates.h"

#include <algorithm>

namespace hsim::explorer {

void TopCandidates::offer(const Candidate& candidate) {
  if (!candidate.evaluation.feasible || k_ == 0) return;
  if (best_.size() == k_ && candidate.score >= best_.back().score) return;
  const Evaluation& e = candidate.evaluation;
  for (const Candidate& c : best_)
    if (c.evaluation.latency == e.latency && c.evaluation.energy == e.energy) return;
  const auto at =
      std::upper_bound(best_.begin(), best_.end(), candidate.score,
                       [](double score, const Candidate& c) { return score < c.score; });
  best_.insert(at, candidate);
  if (best_.size() > k_) best_.pop_back();
}

void ParetoFront::offer(const Candidate& candidate) {
  if (!candidate.evaluation.feasible) return;
  const Evaluation& e = candidate.evaluation;
  for (const Candidate& c : front_)
    if (c.evaluation.latency <= e.latency && c.evaluation.energy <= e.energy) return;
  front_.erase(std::remove_if(front_.begin(), front_.end(),
                              [&](const Candidate& c) {
                                return e.latency <= c.evaluation.latency &&
                                       e.energy <= c.evaluation.energy;
                              }),
               front_.end());
  const auto at = std::lower_bound(
      front_.begin(), front_.end(), e.latency,
      [](const Candidate& c, sim::Picoseconds latency) { return c.evaluation.latency < latency; });
  front_.insert(at, candidate);
}

}  // namespace hsim::explorer
