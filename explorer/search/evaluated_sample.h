#pragma once

// A bounded sample of the feasible candidates a search evaluated, for a latency vs energy
// scatter. Every `stride`-th evaluation (by its 0-based place in evaluation order) is kept; when
// the sample would pass its capacity the stride doubles and the points off the new stride go.
// So the sample stays spread evenly over the whole search, holds at most `capacity` points and
// needs no random numbers: the same sequence of evaluations gives the same sample.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "search/evaluator.h"

namespace hsim::explorer {

struct EvaluatedPoint {
  int64_t evaluation = 0;  // its place in evaluation order, from 0
  sim::Picoseconds latency = 0;
  sim::Femtojoules energy = 0;
};

class EvaluatedSample {
 public:
  static constexpr size_t kDefaultCapacity = 1000;

  explicit EvaluatedSample(size_t capacity = kDefaultCapacity)
      : capacity_(std::max<size_t>(capacity, 1)) {}

  // Evaluations must come in increasing order; infeasible ones are not kept.
  void offer(int64_t evaluation, const Evaluation& e) {
    if (!e.feasible || evaluation % stride_ != 0) return;
    points_.push_back({evaluation, e.latency, e.energy});
    while (points_.size() > capacity_) {
      stride_ *= 2;
      points_.erase(std::remove_if(points_.begin(), points_.end(),
                                   [&](const EvaluatedPoint& p) { return p.evaluation % stride_; }),
                    points_.end());
    }
  }

  const std::vector<EvaluatedPoint>& points() const { return points_; }
  int64_t stride() const { return stride_; }

 private:
  size_t capacity_;
  int64_t stride_ = 1;
  std::vector<EvaluatedPoint> points_;
};

}  // namespace hsim::explorer
