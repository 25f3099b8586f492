// EvaluatedSample: the bounded, evenly thinned sample of evaluated candidates a search keeps for
// the report's latency vs energy scatter.
#include "search/evaluated_sample.h"

#include <gtest/gtest.h>

namespace {

using hsim::explorer::EvaluatedSample;
using hsim::explorer::Evaluation;

Evaluation feasible(int64_t n) {
  Evaluation e;
  e.feasible = true;
  e.latency = 1000 + n;
  e.energy = 5000 + 2 * n;
  return e;
}

TEST(EvaluatedSample, TenEvaluationsIntoFourPlacesKeepEveryFourth) {
  EvaluatedSample sample(4);
  for (int64_t n = 0; n < 10; ++n) sample.offer(n, feasible(n));
  // 0..3 fit; 4 overflows (stride 2: 0 2 4); 6 fits; 8 overflows (stride 4: 0 4 8).
  ASSERT_EQ(sample.points().size(), 3u);
  EXPECT_EQ(sample.stride(), 4);
  EXPECT_EQ(sample.points()[0].evaluation, 0);
  EXPECT_EQ(sample.points()[1].evaluation, 4);
  EXPECT_EQ(sample.points()[2].evaluation, 8);
  EXPECT_EQ(sample.points()[1].latency, 1004);
  EXPECT_EQ(sample.points()[1].energy, 5008);
}

// With every evaluation feasible, after n of them the stride is the smallest power of two s with
// ceil(n / s) <= capacity, and the sample is exactly the multiples of s below n.
TEST(EvaluatedSample, StrideIsTheSmallestPowerOfTwoThatFits) {
  for (size_t capacity : {1u, 2u, 3u, 7u, 100u})
    for (int64_t n = 1; n <= 1000; n += 37) {
      EvaluatedSample sample(capacity);
      for (int64_t i = 0; i < n; ++i) sample.offer(i, feasible(i));
      int64_t s = 1;
      while ((n + s - 1) / s > static_cast<int64_t>(capacity)) s *= 2;
      EXPECT_EQ(sample.stride(), s) << capacity << " " << n;
      ASSERT_EQ(sample.points().size(), static_cast<size_t>((n + s - 1) / s)) << capacity << " " << n;
      for (size_t k = 0; k < sample.points().size(); ++k)
        EXPECT_EQ(sample.points()[k].evaluation, static_cast<int64_t>(k) * s);
    }
}

TEST(EvaluatedSample, InfeasibleEvaluationsAreNotKept) {
  EvaluatedSample sample(10);
  for (int64_t n = 0; n < 6; ++n) sample.offer(n, n % 3 == 1 ? Evaluation{} : feasible(n));
  ASSERT_EQ(sample.points().size(), 4u);
  EXPECT_EQ(sample.points()[1].evaluation, 2);
  EXPECT_EQ(sample.stride(), 1);
}

}  // namespace
