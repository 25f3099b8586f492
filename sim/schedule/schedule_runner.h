#pragma once

#include <array>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "graph/network.h"
#include "kernels/measured_compute.h"
#include "platform/platform.h"
#include "schedule/op_linking.h"
#include "schedule/schedule.h"

namespace hsim::sim {

// Where and when one op ran.
struct OpTiming {
  OpId op = 0;
  size_t core = 0;        // index into Platform::cores()
  Picoseconds ready = 0;  // its inputs were available (dependencies met)
  Picoseconds start =
      0;  // it began: after the core finished earlier work and its inputs were ready
  Picoseconds end = 0;
  // Of start..end, the time its kernel's compute records take at the PU's clock (dispatch,
  // conversions, the op's arithmetic); the rest the core waited on data.
  Picoseconds compute = 0;
  Bytes loaded = 0;  // bytes its trace loads (from DRAM, links or caches)
  Bytes stored = 0;
  DType dtype = DType::kFloat32;
  int64_t inference = 0;  // which inference of a pipelined stream (0 when there is one)
  size_t shard = 0;       // which part of a split op this is
  size_t shards = 1;      // how many parts the op was split into
  LinkOutcome link = LinkOutcome::kNotLinked;  // of its output, when it heads a linked pair
};

// When one inference of a stream began (its first task started) and ended (its last task ended).
struct InferenceSpan {
  Picoseconds start = 0;
  Picoseconds end = 0;
};

struct ScheduleResult {
  RunResult run;  // run.latency is the makespan of the whole stream
  // Scheduled ops (one entry per shard of a split op and per inference), by inference, then in
  // schedule order.
  std::vector<OpTiming> ops;
  std::vector<InferenceSpan> inferences;  // one per inference of the stream

  // Mean of end - start over the inferences: what one inference takes in the stream (equal to
  // run.latency for a single inference).
  Picoseconds latency_per_inference() const;
  // Inferences per second of the whole stream: inferences / makespan.
  double throughput() const;
};

// Runs schedules of one network on one elaborated platform. Each task becomes, on its core, a
// wait for the tasks it depends on (through tensors; views are followed to their producers),
// then its kernel: the PU's dispatch overhead, a conversion when an input arrives in another
// element type (one vector operation per element), a transfer over the link when an input was
// produced on another device, the op's kernel trace, and a signal that it is done. Each core
// runs its tasks in one global order consistent with the dependencies (depth in the DAG, then
// higher priority, then network order), so cores never wait on each other in a cycle.
//
// A pipelined stream (Schedule::inferences = N > 1) has all N inferences ready at time zero; each
// core runs its tasks of inference 0, then its tasks of inference 1, and so on, so while one PU
// works on inference i another can already run inference i + 1's earlier layers. Dependencies
// stay within an inference.
class ScheduleRunner {
 public:
  ScheduleRunner(const Network& network, Platform& platform);

  // `source` names the schedule in error messages.
  ScheduleResult run(const Schedule& schedule, const std::string& source);

  // Measured times (a profile) that set the compute of the kernels they cover
  // (kernels/measured_compute.h); nullptr: the models alone. Not owned; must outlive the runs.
  // A task of one op takes the op's 1-thread time; a linked chain its group's time if measured,
  // else each op's; a split op's shard takes the op's k-thread time (k = the cores it is split
  // over) times k times its share of the split axis, or, without a k-thread time, the 1-thread
  // time times its share. The kernel's compute is set so that it takes that time alone on its
  // core (measured_fit.h): data movement stays modelled and stretches under contention.
  // Dispatch and conversions stay modelled.
  void set_measured_compute(const MeasuredCompute* measured) {
    measured_ = measured;
    fitted_.clear();
  }

 private:
  // The kernel trace of an op (or of one shard of it) on one PU in one element type. Traces depend
  // on nothing else, so they are built once per runner and reused by every schedule it runs: the
  // explorer evaluates many schedules that place the same ops on the same PUs.
  // Key: op, device, PU, dtype, split axis (-1 when whole), shard offset, shard extent, and the
  // task's KernelChoice as one code (kernel_choice.h).
  using TraceKey = std::tuple<OpId, size_t, size_t, DType, int, int64_t, int64_t, int>;
  const KernelTrace& kernel_trace(const TraceKey& key);

  const Network& network_;
  Platform& platform_;
  std::map<TraceKey, KernelTrace> trace_cache_;
  const MeasuredCompute* measured_ = nullptr;
  // Compute cycles fitted to measured times, per body: keyed by what the traces are of (ops,
  // device, PU, dtype, split axis and extent, target) and a fingerprint of each trace (records,
  // bytes loaded and stored, cycles), so kernels shaped differently (linking, tiling) refit.
  struct FitKey {
    std::vector<OpId> ops;
    size_t device;
    size_t pu;
    DType dtype;
    int axis;
    int64_t count;
    Picoseconds target;
    std::vector<std::array<int64_t, 4>> fingerprint;
    bool operator<(const FitKey& o) const {
      return std::tie(ops, device, pu, dtype, axis, count, target, fingerprint) <
             std::tie(o.ops, o.device, o.pu, o.dtype, o.axis, o.count, o.target, o.fingerprint);
    }
  };
  std::map<FitKey, std::vector<int64_t>> fitted_;
};

}  // namespace hsim::sim
