// HEFT (list_scheduling.h) on the published worked example and on closed-form cases.
#include "baselines/list_scheduling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

using hsim::explorer::heft;
using hsim::explorer::kCannotRun;
using hsim::explorer::ListProblem;
using hsim::explorer::ListSchedule;
using hsim::explorer::replay_finish_times;

namespace {

// Edges carry fixed delays paid between distinct processors (Topcuoglu et al.'s model).
ListProblem with_delays(std::vector<std::vector<double>> cost,
                        std::vector<std::tuple<size_t, size_t, double>> edges, size_t processors) {
  ListProblem p;
  p.processors = processors;
  p.cost = std::move(cost);
  auto delays = std::make_shared<std::vector<double>>();
  for (const auto& [from, to, delay] : edges) {
    p.edges.push_back({from, to, delays->size()});
    delays->push_back(delay);
  }
  p.comm = [delays](size_t, size_t, const ListProblem::Edge& e) { return (*delays)[e.id]; };
  return p;
}

// Topcuoglu, Hariri and Wu, IEEE TPDS 13(3), 2002, Fig. 2: ten tasks on three processors.
ListProblem topcuoglu_2002() {
  return with_delays({{14, 16, 9},
                      {13, 19, 18},
                      {11, 13, 19},
                      {13, 8, 17},
                      {12, 13, 10},
                      {13, 16, 9},
                      {7, 15, 11},
                      {5, 11, 14},
                      {18, 12, 20},
                      {21, 7, 16}},
                     {{0, 1, 18},
                      {0, 2, 12},
                      {0, 3, 9},
                      {0, 4, 11},
                      {0, 5, 14},
                      {1, 7, 19},
                      {1, 8, 16},
                      {2, 6, 23},
                      {3, 7, 27},
                      {3, 8, 23},
                      {4, 8, 13},
                      {5, 7, 15},
                      {6, 9, 17},
                      {7, 9, 11},
                      {8, 9, 13}},
                     3);
}

}  // namespace

TEST(ListScheduling, ReproducesThePublishedHeftExample) {
  const ListProblem problem = topcuoglu_2002();
  const ListSchedule s = heft(problem);
  // The paper's Table (upward ranks) and Fig. 4(a) (HEFT schedule, makespan 80).
  const std::vector<double> ranks = {108.0,  77.0,   80.0,   80.0,   69.0,
                                     63.333, 42.667, 35.667, 44.333, 14.667};
  for (size_t t = 0; t < ranks.size(); ++t) EXPECT_NEAR(s.rank[t], ranks[t], 1e-3) << "n" << t + 1;
  EXPECT_DOUBLE_EQ(s.makespan, 80.0);
  // Order n1, n3, n4, n2, n5, n6, n9, n7, n8, n10 (n3 and n4 tie at 80: the lower index first).
  EXPECT_EQ(s.order, (std::vector<size_t>{0, 2, 3, 1, 4, 5, 8, 6, 7, 9}));
  // The whole schedule of the paper's Fig. 4(a): P1 runs n2, n8; P2 n4, n6, n9, n10; P3 n1, n3,
  // n5, n7 (processor, start, finish per task).
  const std::vector<std::tuple<size_t, double, double>> placed = {
      {2, 0, 9},   {0, 27, 40}, {2, 9, 28},  {1, 18, 26}, {2, 28, 38},
      {1, 26, 42}, {2, 38, 49}, {0, 57, 62}, {1, 56, 68}, {1, 73, 80}};
  for (size_t t = 0; t < placed.size(); ++t) {
    EXPECT_EQ(s.processor[t], std::get<0>(placed[t])) << "n" << t + 1;
    EXPECT_DOUBLE_EQ(s.start[t], std::get<1>(placed[t])) << "n" << t + 1;
    EXPECT_DOUBLE_EQ(s.finish[t], std::get<2>(placed[t])) << "n" << t + 1;
  }
  // Replaying the placement under the same fixed-delay model gives the same finish times.
  const auto replay = replay_finish_times(problem, s);
  for (size_t t = 0; t < replay.size(); ++t) EXPECT_DOUBLE_EQ(replay[t], s.finish[t]) << t;
}

TEST(ListScheduling, IndependentTasksOnTwoProcessorsFinishInTheMaxNotTheSum) {
  const ListSchedule s = heft(with_delays({{5, 5}, {3, 3}}, {}, 2));
  EXPECT_NE(s.processor[0], s.processor[1]);
  EXPECT_DOUBLE_EQ(s.makespan, 5.0);
}

TEST(ListScheduling, AChainStaysWhereCrossingCostsMoreThanItSaves) {
  // a -> b; b is 2 faster on P1, but crossing costs 3: it stays on P0 (finish 4 + 4 = 8 < 4 + 3
  // + 2 = 9). With a delay of 1 it moves (4 + 1 + 2 = 7).
  EXPECT_EQ(heft(with_delays({{4, 9}, {4, 2}}, {{0, 1, 3}}, 2)).processor[1], 0u);
  const ListSchedule moved = heft(with_delays({{4, 9}, {4, 2}}, {{0, 1, 1}}, 2));
  EXPECT_EQ(moved.processor[1], 1u);
  EXPECT_DOUBLE_EQ(moved.makespan, 7.0);
}

TEST(ListScheduling, InsertsIntoAnIdleGap) {
  // a (10) -> c, with c only on P0 after a long delay; b (2, only on P0) has the lowest rank and
  // fits in P0's idle gap between a and c.
  ListProblem p = with_delays({{1, kCannotRun}, {kCannotRun, 10}, {5, kCannotRun}, {2, kCannotRun}},
                              {{1, 2, 0}, {0, 2, 0}}, 2);
  // Ranks: n1 (task 1) 15, task 0 6, task 2 5, task 3 2. P0 runs task 0 at 0-1, c at 10-15; the
  // gap 1-10 takes task 3 at 1-3 instead of after c.
  const ListSchedule s = heft(p);
  EXPECT_DOUBLE_EQ(s.start[3], 1.0);
  EXPECT_DOUBLE_EQ(s.makespan, 15.0);
}

TEST(ListScheduling, ReplayAgreesOnRandomGraphs) {
  // Costs from 0 (ties in start on one processor), some tasks only on some processors.
  std::mt19937_64 rng(7);
  for (int graph = 0; graph < 200; ++graph) {
    const size_t n = 3 + rng() % 10, m = 1 + rng() % 3;
    std::vector<std::vector<double>> cost(n, std::vector<double>(m));
    for (auto& row : cost) {
      for (double& c : row) c = rng() % 8 == 0 ? kCannotRun : static_cast<double>(rng() % 20);
      row[rng() % m] = static_cast<double>(rng() % 20);  // at least one processor runs it
    }
    std::vector<std::tuple<size_t, size_t, double>> edges;
    for (size_t a = 0; a < n; ++a)
      for (size_t b = a + 1; b < n; ++b)
        if (rng() % 3 == 0) edges.emplace_back(a, b, static_cast<double>(rng() % 15));
    const ListProblem p = with_delays(cost, edges, m);
    const ListSchedule s = heft(p);
    const auto replay = replay_finish_times(p, s);
    for (size_t t = 0; t < n; ++t) EXPECT_DOUBLE_EQ(replay[t], s.finish[t]) << graph << ":" << t;
    EXPECT_DOUBLE_EQ(*std::max_element(replay.begin(), replay.end()), s.makespan) << graph;
  }
}

TEST(ListScheduling, CyclesAndUnrunnableTasksAreRejected) {
  EXPECT_THROW(heft(with_delays({{1}, {1}}, {{0, 1, 0}, {1, 0, 0}}, 1)), std::invalid_argument);
  EXPECT_THROW(heft(with_delays({{kCannotRun}}, {}, 1)), std::invalid_argument);
}
