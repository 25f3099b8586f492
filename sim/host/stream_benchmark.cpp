#include "host/stream_benchmark.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

namespace hsim::sim::host {

namespace {

using Clock = std::chrono::steady_clock;

void triad(double* a, const double* b, const double* c, int64_t n, double scalar) {
  for (int64_t i = 0; i < n; ++i) a[i] = b[i] + scalar * c[i];
}

}  // namespace

StreamResult stream_triad(int64_t working_set, int threads, int repetitions) {
  threads = std::max(threads, 1);
  const int64_t per_thread = std::max<int64_t>(working_set / 24 / threads, 64);
  // Passes per sample so that a sample lasts ~20 ms even when the set sits in L1.
  const int64_t passes = std::max<int64_t>(1, 20'000'000 / std::max<int64_t>(per_thread, 1) / 2);
  std::vector<std::unique_ptr<double[]>> arrays;
  for (int t = 0; t < 3 * threads; ++t) {
    arrays.emplace_back(new double[static_cast<size_t>(per_thread)]);
    std::fill(arrays.back().get(), arrays.back().get() + per_thread, 1.0 + t);
  }
  double best = 0;
  for (int r = 0; r <= repetitions; ++r) {  // r = 0 warms up
    const auto start = Clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
      workers.emplace_back([&, t] {
        double* a = arrays[static_cast<size_t>(3 * t)].get();
        const double* b = arrays[static_cast<size_t>(3 * t + 1)].get();
        const double* c = arrays[static_cast<size_t>(3 * t + 2)].get();
        for (int64_t p = 0; p < passes; ++p) triad(a, b, c, per_thread, 3.0 + static_cast<double>(p & 1));
      });
    for (std::thread& w : workers) w.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (r > 0 && seconds > 0)
      best = std::max(best, static_cast<double>(24 * per_thread * threads * passes) / seconds);
  }
  return {24 * per_thread * threads, threads, best};
}

}  // namespace hsim::sim::host
