// The candidates a search keeps: the k best, one per simulated outcome, and the Pareto front.
#include "search/best_candidates.h"

#include <gtest/gtest.h>

namespace {

using hsim::explorer::Candidate;
using hsim::explorer::ParetoFront;
using hsim::explorer::TopCandidates;

// A candidate told apart by its schedule's stream count; score = latency.
Candidate candidate(int id, int64_t latency, int64_t energy, bool feasible = true) {
  Candidate c;
  c.schedule.inferences = id;
  c.evaluation.feasible = feasible;
  c.evaluation.latency = latency;
  c.evaluation.energy = energy;
  c.score = static_cast<double>(latency);
  return c;
}

std::vector<int> ids(const std::vector<Candidate>& candidates) {
  std::vector<int> out;
  for (const Candidate& c : candidates) out.push_back(static_cast<int>(c.schedule.inferences));
  return out;
}

TEST(TopCandidates, KeepsTheKBestBestFirstAndTheEarlierOfEqualScores) {
  TopCandidates top(3);
  for (const Candidate& c : {candidate(1, 50, 5), candidate(2, 30, 9), candidate(3, 40, 1),
                             candidate(4, 30, 7), candidate(5, 10, 3), candidate(6, 5, 1, false)})
    top.offer(c);
  // 5 (10), then 2 and 4 tie at 30 with different energies: both kept, 2 first.
  EXPECT_EQ(ids(top.best()), (std::vector<int>{5, 2, 4}));
}

TEST(TopCandidates, ACandidateWithTheSameOutcomeAsOneKeptIsACopy) {
  TopCandidates top(3);
  for (const Candidate& c : {candidate(1, 20, 4), candidate(2, 20, 4), candidate(3, 20, 4),
                             candidate(4, 25, 4), candidate(5, 20, 5)})
    top.offer(c);
  EXPECT_EQ(ids(top.best()), (std::vector<int>{1, 5, 4}));
}

TEST(ParetoFront, HoldsTheNonDominatedOutcomesOnceByLatency) {
  ParetoFront front;
  for (const Candidate& c : {candidate(1, 10, 9), candidate(2, 20, 5), candidate(3, 15, 9),
                             candidate(4, 20, 5), candidate(5, 30, 1), candidate(6, 25, 6)})
    front.offer(c);
  EXPECT_EQ(ids(front.front()), (std::vector<int>{1, 2, 5}));
}

}  // namespace
