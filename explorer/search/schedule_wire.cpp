#include "search/schedule_wire.h"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace hsim::explorer {

namespace {

// Little helpers over a byte string: fixed-width integers in host order (both ends are one
// binary on one machine) and length-prefixed strings and lists.
class Writer {
 public:
  void i64(int64_t v) { bytes_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(const std::string& s) {
    i64(static_cast<int64_t>(s.size()));
    bytes_ += s;
  }
  void i64s(const std::vector<int64_t>& list) {
    i64(static_cast<int64_t>(list.size()));
    for (int64_t v : list) i64(v);
  }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  int64_t i64() {
    need(sizeof(int64_t));
    int64_t v;
    std::memcpy(&v, bytes_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  size_t count() {
    const int64_t n = i64();
    if (n < 0 || static_cast<uint64_t>(n) > bytes_.size()) throw std::runtime_error(kCorrupt);
    return static_cast<size_t>(n);
  }
  std::string str() {
    const size_t n = count();
    need(n);
    std::string s = bytes_.substr(at_, n);
    at_ += n;
    return s;
  }
  std::vector<int64_t> i64s() {
    std::vector<int64_t> list(count());
    for (int64_t& v : list) v = i64();
    return list;
  }
  void end() const {
    if (at_ != bytes_.size()) throw std::runtime_error(kCorrupt);
  }

 private:
  static constexpr const char* kCorrupt = "corrupt message from a search worker";
  void need(size_t n) const {
    if (bytes_.size() - at_ < n) throw std::runtime_error(kCorrupt);
  }
  const std::string& bytes_;
  size_t at_ = 0;
};

// Optional values travel as -1 for unset, else their enumerator.
int64_t optional_code(const std::optional<sim::SplitAxis>& axis) {
  return axis ? static_cast<int64_t>(*axis) : -1;
}
int64_t optional_code(const std::optional<sim::DType>& dtype) {
  return dtype ? static_cast<int64_t>(*dtype) : -1;
}

}  // namespace

std::string encode_schedule(const sim::Schedule& schedule) {
  Writer w;
  w.str(schedule.strategy);
  w.i64(schedule.inferences);
  w.i64(static_cast<int64_t>(schedule.tasks.size()));
  for (const sim::ScheduledTask& task : schedule.tasks) {
    w.i64(static_cast<int64_t>(task.ops.size()));
    for (const std::string& op : task.ops) w.str(op);
    w.str(task.device);
    w.str(task.pu);
    w.i64s(task.cores);
    w.i64(optional_code(task.split));
    w.i64s(task.shares);
    w.i64(task.priority);
    w.i64(optional_code(task.dtype));
    w.i64(sim::kernel_choice_code(task.kernel));
  }
  return w.take();
}

sim::Schedule decode_schedule(const std::string& bytes) {
  Reader r(bytes);
  sim::Schedule schedule;
  schedule.strategy = r.str();
  schedule.inferences = r.i64();
  schedule.tasks.resize(r.count());
  for (sim::ScheduledTask& task : schedule.tasks) {
    task.ops.resize(r.count());
    for (std::string& op : task.ops) op = r.str();
    task.device = r.str();
    task.pu = r.str();
    task.cores = r.i64s();
    if (const int64_t axis = r.i64(); axis >= 0) task.split = static_cast<sim::SplitAxis>(axis);
    task.shares = r.i64s();
    task.priority = r.i64();
    if (const int64_t dtype = r.i64(); dtype >= 0) task.dtype = static_cast<sim::DType>(dtype);
    task.kernel = sim::kernel_choice_of_code(static_cast<int>(r.i64()));
  }
  r.end();
  return schedule;
}

std::string encode_evaluation(const Evaluation& evaluation) {
  Writer w;
  w.i64(evaluation.feasible ? 1 : 0);
  w.i64(evaluation.latency);
  w.i64(evaluation.energy);
  w.str(evaluation.reason);
  return w.take();
}

Evaluation decode_evaluation(const std::string& bytes) {
  Reader r(bytes);
  Evaluation evaluation;
  evaluation.feasible = r.i64() != 0;
  evaluation.latency = r.i64();
  evaluation.energy = r.i64();
  evaluation.reason = r.str();
  r.end();
  return evaluation;
}

}  // namespace hsim::explorer
