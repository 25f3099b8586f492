#pragma once

// The candidates a search keeps: the k best by its objective, and the Pareto front of latency
// against energy. Ties keep the earlier candidate, so a seeded search keeps the same ones.
#include <cstddef>
#include <string>
#include <vector>

#include "search/evaluator.h"

namespace hsim::explorer {

struct Candidate {
  sim::Schedule schedule;
  Evaluation evaluation;
  double score = 0;
};

// The `k` best feasible candidates offered, best first, one per simulated outcome: a candidate
// with the same latency and energy as one already kept is the same schedule up to choices that
// change nothing (a kernel option where both options cost the same, a priority between ops that
// never compete), so it would only fill the list with copies. The earlier one stays.
class TopCandidates {
 public:
  explicit TopCandidates(size_t k) : k_(k) {}
  void offer(const Candidate& candidate);
  const std::vector<Candidate>& best() const { return best_; }

 private:
  size_t k_;
  std::vector<Candidate> best_;
};

// Feasible candidates no other beats on both latency and energy, by increasing latency. An equal
// (latency, energy) pair is kept once.
class ParetoFront {
 public:
  void offer(const Candidate& candidate);
  const std::vector<Candidate>& front() const { return front_; }

 private:
  std::vector<Candidate> front_;
};

}  // namespace hsim::explorer
