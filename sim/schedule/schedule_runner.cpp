#include "schedule/schedule_runner.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "common/error.h"
#include "common/mul_div.h"
#include "kernels/kernel_model.h"
#include "schedule/measured_fit.h"
#include "schedule/op_linking.h"
#include "schedule/op_shards.h"
#include "schedule/schedule_checks.h"

namespace hsim::sim {

namespace {

constexpr int kNoTask = -1;

struct TaskPlan {
  const ResolvedTask* resolved = nullptr;
  const PuSpec* pu = nullptr;
  std::string device;
  DType dtype = DType::kFloat32;
  std::vector<size_t> cores;            // one per shard (a single core when not split)
  std::vector<int64_t> shard_channels;  // output channels per shard; empty when not split
  std::set<int> deps;
  int level = 0;
};

TraceRecord compute_record(int64_t cycles, ComputeUnit unit, int64_t ops = 0) {
  TraceRecord r;
  r.kind = RecordKind::kCompute;
  r.cycles = cycles;
  r.unit = unit;
  r.ops = ops;
  return r;
}

TraceRecord event_record(RecordKind kind, const std::string& event) {
  TraceRecord r;
  r.kind = kind;
  r.event = event;
  return r;
}

std::string done_event(int64_t inference, int task, size_t shard) {
  return "done/" + std::to_string(inference) + "/" + std::to_string(task) + "#" +
         std::to_string(shard);
}

}  // namespace

Picoseconds ScheduleResult::latency_per_inference() const {
  if (inferences.empty()) return run.latency;
  Picoseconds sum = 0;
  for (const InferenceSpan& span : inferences) sum += span.end - span.start;
  return sum / static_cast<Picoseconds>(inferences.size());
}

double ScheduleResult::throughput() const {
  if (run.latency <= 0) return 0;
  return static_cast<double>(std::max<size_t>(inferences.size(), 1)) * 1e12 /
         static_cast<double>(run.latency);
}

ScheduleRunner::ScheduleRunner(const Network& network, Platform& platform)
    : network_(network), platform_(platform) {}

const KernelTrace& ScheduleRunner::kernel_trace(const TraceKey& key) {
  auto it = trace_cache_.find(key);
  if (it != trace_cache_.end()) return it->second;
  const auto [op_id, device, pu_index, dtype, axis, offset, extent, kernel] = key;
  const PuSpec& pu = platform_.board().devices[device].pus[pu_index];
  const KernelOptions options = kernel_options(kernel_choice_of_code(kernel), dtype);
  const Op& op = network_.op(op_id);
  KernelTrace trace;
  if (axis < 0) {
    trace = build_kernel_trace(network_, op, pu, options);
  } else {
    const Network part = shard_network(network_, op, static_cast<SplitAxis>(axis), offset, extent);
    trace = build_kernel_trace(part, part.ops().front(), pu, options);
  }
  return trace_cache_.emplace(key, std::move(trace)).first->second;
}

ScheduleResult ScheduleRunner::run(const Schedule& schedule, const std::string& source) {
  const BoardSpec& board = platform_.board();
  const std::vector<ResolvedTask> resolved = check_schedule(schedule, network_, board, source);

  std::vector<int> task_of_op(network_.ops().size(), kNoTask);
  std::vector<TaskPlan> plans(resolved.size());
  for (size_t t = 0; t < resolved.size(); ++t) {
    TaskPlan& plan = plans[t];
    plan.resolved = &resolved[t];
    const DeviceSpec& device = board.devices[resolved[t].device];
    plan.pu = &device.pus[resolved[t].pu];
    plan.device = device.name;
    for (int64_t core : resolved[t].task->cores)
      plan.cores.push_back(
          *platform_.find_core(device.name + "." + plan.pu->name + std::to_string(core)));
    if (resolved[t].task->split) {
      const Op& op = network_.op(resolved[t].ops.front());
      const auto& shares = resolved[t].task->shares;
      const int64_t whole = split_extent(network_, op, *resolved[t].task->split);
      plan.shard_channels = split_channels(
          whole, shares.empty() ? std::vector<int64_t>(plan.cores.size(), 1) : shares);
    }
    plan.dtype = resolve_kernel_dtype(network_, network_.op(resolved[t].ops.front()), *plan.pu,
                                      resolved[t].task->dtype);
    for (OpId op : resolved[t].ops) task_of_op[static_cast<size_t>(op)] = static_cast<int>(t);
  }

  // The tasks a tensor's value comes from: its producer's task, or through unscheduled views
  // the tasks of the view's inputs.
  std::map<TensorId, std::set<int>> memo;
  std::function<const std::set<int>&(TensorId)> sources = [&](TensorId id) -> const std::set<int>& {
    auto it = memo.find(id);
    if (it != memo.end()) return it->second;
    std::set<int> found;
    const Tensor& tensor = network_.tensor(id);
    if (tensor.producer != kNoOp) {
      const int task = task_of_op[static_cast<size_t>(tensor.producer)];
      if (task != kNoTask) {
        found.insert(task);
      } else {
        for (TensorId in : network_.op(tensor.producer).inputs)
          if (in != kNoTensor && !network_.tensor(in).is_fixed())
            for (int s : sources(in)) found.insert(s);
      }
    }
    return memo.emplace(id, std::move(found)).first->second;
  };

  std::vector<std::vector<TraceRecord>> prologue(plans.size());
  for (size_t t = 0; t < plans.size(); ++t) {
    TaskPlan& plan = plans[t];
    for (OpId op_id : plan.resolved->ops) {
      const Op& op = network_.op(op_id);
      for (size_t slot = 0; slot < op.inputs.size(); ++slot) {
        const TensorId in = op.inputs[slot];
        if (in == kNoTensor || network_.tensor(in).is_fixed()) continue;
        const Tensor& tensor = network_.tensor(in);
        const std::set<int>& from = sources(in);
        if (from.count(static_cast<int>(t))) continue;  // handed over inside a linked chain
        DType arriving = tensor.dtype;
        for (int s : from) {
          plan.deps.insert(s);
          arriving = plans[static_cast<size_t>(s)].dtype;
          if (plans[static_cast<size_t>(s)].device != plan.device) {
            TraceRecord link;
            link.kind = RecordKind::kLoad;
            link.bytes = tensor.elements() * dtype_bytes(arriving);
            link.from = MemoryLevel::kLink;
            link.to = MemoryLevel::kDram;
            link.peer = plans[static_cast<size_t>(s)].device;
            prologue[t].push_back(link);
          }
        }
        if (arriving != plan.dtype && !op.cost.is_view) {
          // A type conversion of the input on this core's vector unit.
          const auto rate = plan.pu->compute.find(plan.dtype);
          const int64_t per_cycle = rate != plan.pu->compute.end() && rate->second.ops_per_cycle > 0
                                        ? rate->second.ops_per_cycle
                                        : 1;
          prologue[t].push_back(compute_record((tensor.elements() + per_cycle - 1) / per_cycle,
                                               ComputeUnit::kVector, tensor.elements()));
        }
      }
    }
  }
  // Tasks in network order of their op, so a dependency's level is known before its users'.
  std::vector<size_t> order(plans.size());
  for (size_t t = 0; t < order.size(); ++t) order[t] = t;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return plans[a].resolved->ops.front() < plans[b].resolved->ops.front();
  });
  // Levels by longest path from the inputs; tasks left unlevelled sit on a cycle, which a linked
  // chain can create (a chain [a, c] whose c also reads b, which reads a).
  std::vector<bool> levelled(plans.size(), false);
  for (size_t pass = 0, done = 0; done < plans.size(); ++pass) {
    const size_t before = done;
    for (size_t t : order) {
      if (levelled[t]) continue;
      int level = 0;
      bool ready = true;
      for (int d : plans[t].deps) {
        if (!levelled[static_cast<size_t>(d)]) ready = false;
        level = std::max(level, plans[static_cast<size_t>(d)].level + 1);
      }
      if (!ready) continue;
      plans[t].level = level;
      levelled[t] = true;
      ++done;
    }
    if (done == before) {
      for (size_t t = 0; t < plans.size(); ++t)
        if (!levelled[t])
          throw InputError(source, "task " + std::to_string(t) + " (" +
                                       network_.op(plans[t].resolved->ops.front()).name +
                                       ") waits on itself through other tasks: split the linked "
                                       "chain so that no op outside it sits between its ops");
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (plans[a].level != plans[b].level) return plans[a].level < plans[b].level;
    return plans[a].resolved->task->priority > plans[b].resolved->task->priority;
  });

  // Two kernels per task, shard and inference: the wait for its inputs, then the work.
  struct Unit {
    int64_t inference;
    size_t task;
    size_t shard;
    size_t core;
    size_t program_index;  // of the work kernel in its core's program
    size_t kernel;         // index into `kernels`
  };
  std::vector<KernelTrace> kernels;
  size_t unit_count = 0;
  for (const TaskPlan& plan : plans) unit_count += plan.cores.size() + plan.resolved->ops.size();
  const int64_t stream = schedule.inferences;
  kernels.reserve(2 * unit_count * static_cast<size_t>(stream));  // pointed to: no reallocation
  std::map<size_t, CoreProgram> programs;
  std::vector<Unit> units;
  std::vector<std::vector<LinkOutcome>> links(plans.size());
  auto signals = [&](size_t t) {
    return plans[t].shard_channels.empty() ? size_t{1} : plans[t].cores.size();
  };
  // The task's bodies, built once and reused by every inference: one per shard of a split op,
  // else one per op of the (linked) chain.
  std::vector<std::vector<KernelTrace>> task_bodies(plans.size());
  // Measured times set the compute of a task's traces (set_measured_compute, measured_fit.h).
  auto measured_time = [&](const TaskPlan& plan, const std::vector<OpId>& ops, int threads) {
    return measured_->time(network_, ops, plan.pu->kind, plan.dtype, threads);
  };
  // Fits `traces` (of `ops`, on `core`) to `target`, once per distinct set of traces.
  auto fit = [&](const TaskPlan& plan, const std::vector<OpId>& ops, size_t core, int axis,
                 int64_t count, const std::vector<KernelTrace*>& traces, Picoseconds target) {
    FitKey key{ops, plan.resolved->device, plan.resolved->pu, plan.dtype, axis, count, target, {}};
    for (const KernelTrace* trace : traces)
      key.fingerprint.push_back({static_cast<int64_t>(trace->records.size()),
                                 trace->total_bytes(RecordKind::kLoad),
                                 trace->total_bytes(RecordKind::kStore), trace->total_cycles()});
    auto found = fitted_.find(key);
    if (found == fitted_.end()) {
      fit_measured_time(platform_, core, plan.pu->clock, traces, target);
      std::vector<int64_t> cycles;
      for (const KernelTrace* trace : traces) cycles.push_back(trace->total_cycles());
      found = fitted_.emplace(std::move(key), std::move(cycles)).first;
    }
    for (size_t i = 0; i < traces.size(); ++i) set_compute_cycles({traces[i]}, found->second[i]);
  };
  auto apply_measured_chain = [&](const TaskPlan& plan, std::vector<KernelTrace>& bodies) {
    const std::vector<OpId>& ops = plan.resolved->ops;
    if (ops.size() > 1)
      if (const auto time = measured_time(plan, ops, 1)) {
        std::vector<KernelTrace*> all;
        for (KernelTrace& body : bodies) all.push_back(&body);
        fit(plan, ops, plan.cores.front(), -1, 0, all, *time);
        return;
      }
    for (size_t b = 0; b < ops.size(); ++b)
      if (!network_.op(ops[b]).cost.is_view)
        if (const auto time = measured_time(plan, {ops[b]}, 1))
          fit(plan, {ops[b]}, plan.cores.front(), -1, 0, {&bodies[b]}, *time);
  };
  // A shard's target: the op's k-thread time x k x its share of the split axis, or without a
  // k-thread time the 1-thread time x its share.
  auto apply_measured_shard = [&](const TaskPlan& plan, size_t shard, int64_t count,
                                  KernelTrace& body) {
    const OpId op = plan.resolved->ops.front();
    const int64_t whole = split_extent(network_, network_.op(op), *plan.resolved->task->split);
    const int shards = static_cast<int>(plan.cores.size());
    std::optional<Picoseconds> target;
    if (const auto time = measured_time(plan, {op}, shards))
      target = mul_div_round(*time * shards, count, whole);
    else if (const auto one = measured_time(plan, {op}, 1))
      target = mul_div_round(*one, count, whole);
    if (target)
      fit(plan, {op}, plan.cores[shard], static_cast<int>(*plan.resolved->task->split), count,
          {&body}, *target);
  };
  for (size_t t : order) {
    const TaskPlan& plan = plans[t];
    const bool split = !plan.shard_channels.empty();
    std::vector<KernelTrace> bodies;
    if (split) {
      int64_t offset = 0;
      for (size_t shard = 0; shard < plan.cores.size(); ++shard) {
        const int64_t count = plan.shard_channels[shard];
        if (count == 0) {
          bodies.emplace_back();
          continue;
        }
        bodies.push_back(
            kernel_trace({plan.resolved->ops.front(), plan.resolved->device, plan.resolved->pu,
                          plan.dtype, static_cast<int>(*plan.resolved->task->split), offset, count,
                          kernel_choice_code(plan.resolved->task->kernel)}));
        offset += count;
        if (measured_) apply_measured_shard(plan, shard, count, bodies.back());
      }
    } else {
      for (OpId op : plan.resolved->ops)
        bodies.push_back(
            network_.op(op).cost.is_view
                ? KernelTrace{}
                : kernel_trace({op, plan.resolved->device, plan.resolved->pu, plan.dtype, -1, 0, 0,
                                kernel_choice_code(plan.resolved->task->kernel)}));
      links[t] = link_chain(network_, plan.resolved->ops, *plan.pu, plan.dtype, bodies);
      if (measured_) apply_measured_chain(plan, bodies);
    }
    task_bodies[t] = std::move(bodies);
  }
  // Emits task t of one inference into its cores' programs.
  auto emit = [&](int64_t inference, size_t t) {
    const TaskPlan& plan = plans[t];
    const bool split = !plan.shard_channels.empty();
    const std::vector<KernelTrace>& bodies = task_bodies[t];
    const Op& first = network_.op(plan.resolved->ops.front());
    for (size_t b = 0; b < bodies.size(); ++b) {
      const bool starts = split || b == 0;
      const bool ends = split || b + 1 == bodies.size();
      const Op& op = split ? first : network_.op(plan.resolved->ops[b]);
      KernelTrace wait;
      wait.name = "wait:" + op.name;
      if (starts)
        for (int d : plan.deps)
          for (size_t s = 0; s < signals(static_cast<size_t>(d)); ++s)
            wait.records.push_back(event_record(RecordKind::kWait, done_event(inference, d, s)));
      KernelTrace work;
      work.name = op.name;
      work.dtype = plan.dtype;
      if (starts) {
        const int64_t dispatch_cycles =
            mul_div_round(plan.pu->dispatch_overhead, plan.pu->clock, 1'000'000'000'000);
        if (dispatch_cycles > 0)
          work.records.push_back(compute_record(dispatch_cycles, ComputeUnit::kScalar));
        for (const TraceRecord& r : prologue[t]) work.records.push_back(r);
      }
      work.records.insert(work.records.end(), bodies[b].records.begin(), bodies[b].records.end());
      if (ends)
        work.records.push_back(event_record(
            RecordKind::kSignal, done_event(inference, static_cast<int>(t), split ? b : 0)));
      const size_t core = split ? plan.cores[b] : plan.cores.front();
      kernels.push_back(std::move(wait));
      kernels.push_back(std::move(work));
      CoreProgram& program = programs[core];
      program.core = core;
      units.push_back({inference, t, b, core, program.kernels.size() + 1, kernels.size() - 1});
      program.kernels.push_back(&kernels[kernels.size() - 2]);
      program.kernels.push_back(&kernels.back());
    }
  };
  for (int64_t inference = 0; inference < stream; ++inference)
    for (size_t t : order) emit(inference, t);

  std::vector<CoreProgram> list;
  for (auto& entry : programs) list.push_back(std::move(entry.second));
  ScheduleResult result;
  result.run = platform_.run(list);
  for (const CoreProgram& program : list)
    if (result.run.kernel_ends[program.core].size() != program.kernels.size())
      throw std::logic_error("a core stopped before the end of its program (deadlock)");
  std::sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) {
    if (a.inference != b.inference) return a.inference < b.inference;
    return a.task != b.task ? a.task < b.task : a.shard < b.shard;
  });
  result.inferences.assign(static_cast<size_t>(stream),
                           {std::numeric_limits<Picoseconds>::max(), 0});
  for (const Unit& unit : units) {
    const auto& ends = result.run.kernel_ends[unit.core];
    OpTiming timing;
    const bool split = !plans[unit.task].shard_channels.empty();
    timing.op = plans[unit.task].resolved->ops[split ? 0 : unit.shard];
    timing.core = unit.core;
    timing.start = ends[unit.program_index - 1];
    timing.end = ends[unit.program_index];
    timing.ready = timing.start;
    timing.loaded = kernels[unit.kernel].total_bytes(RecordKind::kLoad);
    timing.stored = kernels[unit.kernel].total_bytes(RecordKind::kStore);
    timing.compute = mul_div_round(kernels[unit.kernel].total_cycles(), 1'000'000'000'000,
                                   plans[unit.task].pu->clock);
    timing.dtype = plans[unit.task].dtype;
    timing.inference = unit.inference;
    InferenceSpan& span = result.inferences[static_cast<size_t>(unit.inference)];
    span.start = std::min(span.start, timing.start);
    span.end = std::max(span.end, timing.end);
    timing.shard = split ? unit.shard : 0;
    timing.shards = split ? plans[unit.task].cores.size() : 1;
    if (!split && unit.shard < links[unit.task].size()) timing.link = links[unit.task][unit.shard];
    result.ops.push_back(timing);
  }
  return result;
}

}  // namespace hsim::sim
