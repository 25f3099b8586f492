#include "host/host_runs.h"

#include <immintrin.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <functional>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <thread>

namespace hsim::sim::host {

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// One runner thread's scratchpad: as large as the largest any unit needs, reused by each.
class Scratch {
 public:
  explicit Scratch(const std::vector<HostUnit>& units) {
    size_t bytes = 64;
    for (const HostUnit& unit : units)
      if (unit.kernel) bytes = std::max(bytes, unit.kernel->scratch_bytes());
    memory_.reset(static_cast<uint8_t*>(std::aligned_alloc(64, (bytes + 63) / 64 * 64)));
  }
  void* data() const { return memory_.get(); }

 private:
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  std::unique_ptr<uint8_t, Free> memory_;
};

void run_unit(HostUnit& unit, dnnl::stream& stream, const Scratch& scratch) {
  if (!unit.kernel) return;
  unit.kernel->run(stream, scratch.data());
  stream.wait();
}

// A reusable barrier for a fixed number of threads (C++17 has none).
class SpinBarrier {
 public:
  explicit SpinBarrier(int count) : count_(count) {}
  void arrive_and_wait() {
    const int generation = generation_.load(std::memory_order_acquire);
    if (waiting_.fetch_add(1, std::memory_order_acq_rel) + 1 == count_) {
      waiting_.store(0, std::memory_order_relaxed);
      generation_.fetch_add(1, std::memory_order_acq_rel);
      return;
    }
    while (generation_.load(std::memory_order_acquire) == generation) _mm_pause();
  }

 private:
  const int count_;
  std::atomic<int> waiting_{0};
  std::atomic<int> generation_{0};
};

// A core waiting for another's output sleeps in the kernel (a futex) rather than spinning: on a
// virtual machine two vCPUs may be hyperthreads of one physical core, where a spinning thread
// slows the one doing the work.
void wait_until_at_least(std::atomic<int>& value, int target) {
  for (int spins = 0; spins < 64; ++spins) {  // a short spin first: the common case is soon
    if (value.load(std::memory_order_acquire) >= target) return;
    _mm_pause();
  }
  for (int seen = value.load(std::memory_order_acquire); seen < target;
       seen = value.load(std::memory_order_acquire))
    syscall(SYS_futex, reinterpret_cast<int*>(&value), FUTEX_WAIT_PRIVATE, seen, nullptr, nullptr, 0);
}

void publish(std::atomic<int>& value, int reached) {
  value.store(reached, std::memory_order_release);
  syscall(SYS_futex, reinterpret_cast<int*>(&value), FUTEX_WAKE_PRIVATE, INT32_MAX, nullptr, nullptr, 0);
}

}  // namespace

double median_of(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::vector<std::vector<double>> time_unit_samples(std::vector<HostUnit>& units,
                                                   dnnl::engine& engine, int threads,
                                                   int repetitions, bool warm_up) {
  set_host_threads(threads);
  dnnl::stream stream(engine);
  const Scratch scratch(units);
  if (warm_up)
    for (HostUnit& unit : units) run_unit(unit, stream, scratch);
  std::vector<std::vector<double>> samples(units.size());
  for (int r = 0; r < repetitions; ++r)
    for (size_t u = 0; u < units.size(); ++u) {
      if (!units[u].kernel || units[u].is_view) continue;
      const auto start = Clock::now();
      run_unit(units[u], stream, scratch);
      samples[u].push_back(seconds(start, Clock::now()));
    }
  return samples;
}

std::vector<double> time_units(std::vector<HostUnit>& units, dnnl::engine& engine, int threads,
                               int repetitions) {
  std::vector<double> medians;
  for (auto& samples : time_unit_samples(units, engine, threads, repetitions))
    medians.push_back(median_of(std::move(samples)));
  return medians;
}

double time_sequence(std::vector<HostUnit>& units, dnnl::engine& engine, int threads,
                     int repetitions, bool warm_up) {
  set_host_threads(threads);
  dnnl::stream stream(engine);
  const Scratch scratch(units);
  if (warm_up)
    for (HostUnit& unit : units) run_unit(unit, stream, scratch);
  std::vector<double> samples;
  for (int r = 0; r < repetitions; ++r) {
    const auto start = Clock::now();
    for (HostUnit& unit : units) run_unit(unit, stream, scratch);
    samples.push_back(seconds(start, Clock::now()));
  }
  return median_of(samples);
}

double time_on_cores(std::vector<HostUnit>& units, dnnl::engine& engine, const CorePlan& plan,
                     int repetitions, bool warm_up) {
  const int cores = static_cast<int>(plan.per_core.size());
  // done[u] = r + 2 once unit u finished run r (the warm-up is r = -1).
  std::vector<std::atomic<int>> done(units.size());
  for (auto& d : done) d.store(0);
  SpinBarrier barrier(cores);
  std::vector<double> samples;
  Clock::time_point start;
  auto work = [&](int core) {
    set_host_threads(1);
    dnnl::stream stream(engine);
    const Scratch scratch(units);
    for (int r = warm_up ? -1 : 0; r < repetitions; ++r) {  // r = -1: the warm-up run
      barrier.arrive_and_wait();
      if (core == 0) start = Clock::now();
      barrier.arrive_and_wait();
      for (size_t u : plan.per_core[static_cast<size_t>(core)]) {
        for (size_t d : plan.deps[u]) wait_until_at_least(done[d], r + 2);
        run_unit(units[u], stream, scratch);
        publish(done[u], r + 2);
      }
      barrier.arrive_and_wait();
      if (core == 0 && r >= 0) samples.push_back(seconds(start, Clock::now()));
    }
  };
  std::vector<std::thread> threads;
  for (int core = 1; core < cores; ++core) threads.emplace_back(work, core);
  work(0);
  for (std::thread& t : threads) t.join();
  return median_of(samples);
}

std::vector<std::vector<size_t>> unit_dependencies(const Network& network,
                                                   const std::vector<HostUnit>& units) {
  std::map<OpId, size_t> unit_of;
  for (size_t u = 0; u < units.size(); ++u)
    for (OpId op : units[u].ops) unit_of[op] = u;
  // The non-view units a tensor's value comes from (through views).
  std::map<TensorId, std::set<size_t>> memo;
  std::function<std::set<size_t>(TensorId)> sources = [&](TensorId id) {
    if (auto it = memo.find(id); it != memo.end()) return it->second;
    std::set<size_t> found;
    const Tensor& tensor = network.tensor(id);
    if (tensor.producer != kNoOp) {
      const auto it = unit_of.find(tensor.producer);
      if (it != unit_of.end() && !units[it->second].is_view) {
        found.insert(it->second);
      } else {
        for (TensorId in : network.op(tensor.producer).inputs)
          if (in != kNoTensor && !network.tensor(in).is_fixed())
            for (size_t s : sources(in)) found.insert(s);
      }
    }
    memo[id] = found;
    return found;
  };
  std::vector<std::vector<size_t>> deps(units.size());
  for (size_t u = 0; u < units.size(); ++u) {
    std::set<size_t> all;
    for (OpId op : units[u].ops)
      for (TensorId in : network.op(op).inputs)
        if (in != kNoTensor && !network.tensor(in).is_fixed())
          for (size_t s : sources(in))
            if (s != u) all.insert(s);
    deps[u].assign(all.begin(), all.end());
  }
  return deps;
}

}  // namespace hsim::sim::host
