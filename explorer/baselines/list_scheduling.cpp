#include "baselines/list_scheduling.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace hsim::explorer {

namespace {

struct Slot {
  double start;
  double end;
};

// Earliest start >= ready on a processor with busy `slots` (sorted), for a task of `duration`.
double insertion_start(const std::vector<Slot>& slots, double ready, double duration) {
  double candidate = ready;
  for (const Slot& s : slots) {
    if (candidate + duration <= s.start) return candidate;
    candidate = std::max(candidate, s.end);
  }
  return candidate;
}

std::vector<size_t> topological_order(size_t n, const std::vector<std::vector<size_t>>& succs) {
  std::vector<size_t> indegree(n, 0);
  for (const auto& list : succs)
    for (size_t s : list) ++indegree[s];
  std::vector<size_t> order, ready;
  for (size_t t = n; t-- > 0;)
    if (indegree[t] == 0) ready.push_back(t);
  while (!ready.empty()) {
    const size_t t = ready.back();
    ready.pop_back();
    order.push_back(t);
    for (size_t s : succs[t])
      if (--indegree[s] == 0) ready.push_back(s);
  }
  if (order.size() != n) throw std::invalid_argument("the task graph has a cycle");
  return order;
}

}  // namespace

ListSchedule heft(const ListProblem& problem) {
  const size_t n = problem.cost.size();
  const size_t m = problem.processors;
  std::vector<std::vector<size_t>> succs(n);
  std::vector<std::vector<const ListProblem::Edge*>> in_edges(n), out_edges(n);
  for (const auto& e : problem.edges) {
    succs[e.from].push_back(e.to);
    in_edges[e.to].push_back(&e);
    out_edges[e.from].push_back(&e);
  }
  const std::vector<size_t> topo = topological_order(n, succs);
  auto comm = [&](size_t from, size_t to, const ListProblem::Edge& e) {
    return from == to || !problem.comm ? 0.0 : problem.comm(from, to, e);
  };

  ListSchedule out;
  std::vector<double> mean(n, 0);
  for (size_t t = 0; t < n; ++t) {
    double sum = 0;
    int count = 0;
    for (double c : problem.cost[t])
      if (c != kCannotRun) {
        sum += c;
        ++count;
      }
    if (count == 0)
      throw std::invalid_argument("task " + std::to_string(t) + " has no processor to run on");
    mean[t] = sum / count;
  }
  out.rank.assign(n, 0);
  for (size_t i = n; i-- > 0;) {
    const size_t t = topo[i];
    double longest = 0;
    for (const ListProblem::Edge* e : out_edges[t]) {
      // Mean over pairs of distinct processors that can communicate at all.
      double mean_comm = 0;
      if (problem.comm && m > 1) {
        int pairs = 0;
        for (size_t p = 0; p < m; ++p)
          for (size_t q = 0; q < m; ++q) {
            const double c = p == q ? kCannotRun : problem.comm(p, q, *e);
            if (c == kCannotRun) continue;
            mean_comm += c;
            ++pairs;
          }
        if (pairs > 0) mean_comm /= pairs;
      }
      longest = std::max(longest, mean_comm + out.rank[e->to]);
    }
    out.rank[t] = mean[t] + longest;
  }
  out.order.resize(n);
  std::iota(out.order.begin(), out.order.end(), size_t{0});
  // Ranks equal up to rounding (sums of the same costs in another order) tie.
  std::stable_sort(out.order.begin(), out.order.end(), [&](size_t a, size_t b) {
    const double ra = out.rank[a], rb = out.rank[b];
    return ra - rb > 1e-9 * std::max(std::abs(ra), std::abs(rb));
  });

  std::vector<std::vector<Slot>> busy(m);
  out.processor.assign(n, 0);
  out.start.assign(n, 0);
  out.finish.assign(n, 0);
  for (size_t t : out.order) {
    double best_finish = kCannotRun, best_start = 0;
    size_t best = 0;
    for (size_t q = 0; q < m; ++q) {
      const double cost = problem.cost[t][q];
      if (cost == kCannotRun) continue;
      double ready = 0;
      for (const ListProblem::Edge* e : in_edges[t]) {
        // Rank order places every predecessor first (its rank is larger).
        const size_t p = e->from;
        ready = std::max(ready, out.finish[p] + comm(out.processor[p], q, *e));
      }
      const double start = insertion_start(busy[q], ready, cost);
      const double finish = start + cost;
      if (finish < best_finish) {
        best_finish = finish;
        best_start = start;
        best = q;
      }
    }
    busy[best].push_back({best_start, best_finish});
    std::sort(busy[best].begin(), busy[best].end(),
              [](const Slot& a, const Slot& b) { return a.start < b.start; });
    out.processor[t] = best;
    out.start[t] = best_start;
    out.finish[t] = best_finish;
    out.makespan = std::max(out.makespan, best_finish);
  }
  return out;
}

std::vector<double> replay_finish_times(const ListProblem& problem, const ListSchedule& placement) {
  const size_t n = problem.cost.size();
  // Each processor's tasks by start; zero-cost tasks starting together keep the placement order,
  // which puts a predecessor before its successors.
  std::vector<size_t> placed_at(n, 0);
  for (size_t i = 0; i < placement.order.size(); ++i) placed_at[placement.order[i]] = i;
  std::vector<std::vector<size_t>> queue(problem.processors);
  for (size_t t = 0; t < n; ++t) queue[placement.processor[t]].push_back(t);
  for (auto& q : queue)
    std::sort(q.begin(), q.end(), [&](size_t a, size_t b) {
      if (placement.start[a] != placement.start[b]) return placement.start[a] < placement.start[b];
      if (placement.finish[a] != placement.finish[b])
        return placement.finish[a] < placement.finish[b];
      return placed_at[a] < placed_at[b];
    });
  std::vector<std::vector<const ListProblem::Edge*>> in_edges(n);
  for (const auto& e : problem.edges) in_edges[e.to].push_back(&e);
  // Repeatedly run the head of each processor's queue once its inputs are done.
  std::vector<double> finish(n, -1);
  std::vector<size_t> head(problem.processors, 0);
  std::vector<double> free_at(problem.processors, 0);
  for (size_t done = 0; done < n;) {
    bool progressed = false;
    for (size_t q = 0; q < problem.processors; ++q) {
      if (head[q] == queue[q].size()) continue;
      const size_t t = queue[q][head[q]];
      double ready = free_at[q];
      bool inputs = true;
      for (const ListProblem::Edge* e : in_edges[t]) {
        if (finish[e->from] < 0) {
          inputs = false;
          break;
        }
        const size_t p = placement.processor[e->from];
        ready = std::max(
            ready, finish[e->from] + (p == q || !problem.comm ? 0.0 : problem.comm(p, q, *e)));
      }
      if (!inputs) continue;
      finish[t] = ready + problem.cost[t][q];
      free_at[q] = finish[t];
      ++head[q];
      ++done;
      progressed = true;
    }
    if (!progressed) throw std::invalid_argument("the placement's processor orders deadlock");
  }
  return finish;
}

}  // namespace hsim::explorer
