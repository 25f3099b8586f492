#include "baselines/baselines.h"

#include "baselines/heft.h"
#include "baselines/partition_dp.h"

#include <algorithm>

#include "common/error.h"
#include "kernels/kernel_model.h"
#include "schedule/op_shards.h"

namespace hsim::explorer {

namespace {

using sim::BoardSpec;
using sim::Network;
using sim::PuSpec;
using sim::Schedule;

// Peak MACs per second of one core for the best element type it has.
double peak_rate(const PuSpec& pu) {
  int64_t best = 0;
  for (const auto& [dtype, rate] : pu.compute) best = std::max(best, rate.macs_per_cycle);
  return static_cast<double>(best) * static_cast<double>(pu.clock);
}

const PuSpec* first_cpu(const BoardSpec& board) {
  for (const PuSpec& pu : board.devices.front().pus)
    if (pu.kind == sim::PuKind::kCpu) return &pu;
  return nullptr;
}

sim::ScheduledTask task_on(const Network& net, const sim::Op& op, const PuSpec& pu) {
  sim::ScheduledTask task;
  task.ops = {op.name};
  task.pu = pu.name;
  task.dtype = baseline_dtype(net, op, pu);
  return task;
}

Schedule cpu_only(const Network& net, const BoardSpec& board) {
  const PuSpec* cpu = first_cpu(board);
  if (!cpu) throw InputError(board.source, "the cpu strategy needs a CPU on the first device");
  Schedule schedule{"cpu", {}, 1};
  for (const sim::Op& op : net.ops())
    if (!op.cost.is_view) schedule.tasks.push_back(task_on(net, op, *cpu));
  return schedule;
}

// Every op on the first CPU; each op that can be split along its output channels (else rows) is
// split across all the CPU's cores in equal shares, the others run on core 0.
Schedule cpu_all_cores(const Network& net, const BoardSpec& board) {
  Schedule schedule = cpu_only(net, board);
  schedule.strategy = "cpu-all";
  const PuSpec& cpu = *first_cpu(board);
  if (cpu.count < 2) return schedule;
  std::vector<int64_t> all(static_cast<size_t>(cpu.count));
  for (int64_t c = 0; c < cpu.count; ++c) all[static_cast<size_t>(c)] = c;
  for (sim::ScheduledTask& task : schedule.tasks) {
    const sim::Op& op = net.op(*net.find_op(task.ops.front()));
    for (sim::SplitAxis axis : {sim::SplitAxis::kOutputChannels, sim::SplitAxis::kOutputRows})
      if (sim::split_unsupported_reason(net, op, axis).empty() &&
          sim::split_extent(net, op, axis) >= cpu.count) {
        task.cores = all;
        task.split = axis;
        break;
      }
  }
  return schedule;
}

bool can_run(const Network& net, const sim::Op& op, const PuSpec& pu) {
  return baseline_dtype(net, op, pu).has_value();
}

Schedule static_placement(const Network& net, const BoardSpec& board) {
  const PuSpec* cpu = first_cpu(board);
  std::vector<const PuSpec*> by_rate;
  for (const PuSpec& pu : board.devices.front().pus) by_rate.push_back(&pu);
  std::stable_sort(by_rate.begin(), by_rate.end(),
                   [](const PuSpec* a, const PuSpec* b) { return peak_rate(*a) > peak_rate(*b); });
  Schedule schedule{"static", {}, 1};
  for (const sim::Op& op : net.ops()) {
    if (op.cost.is_view) continue;
    const PuSpec* chosen = cpu;
    for (const PuSpec* pu : by_rate)
      if (can_run(net, op, *pu)) {
        chosen = pu;
        break;
      }
    if (!chosen)
      throw InputError(board.source, "no PU of the first device can run op '" + op.name + "'");
    schedule.tasks.push_back(task_on(net, op, *chosen));
  }
  return schedule;
}

}  // namespace

std::optional<sim::DType> baseline_dtype(const Network& net, const sim::Op& op, const PuSpec& pu) {
  if (!pu.supports(op.type)) return std::nullopt;
  try {
    return sim::resolve_kernel_dtype(net, op, pu, std::nullopt);
  } catch (const std::exception&) {
  }
  for (sim::DType preferred : {sim::DType::kInt8, sim::DType::kFloat16, sim::DType::kBFloat16})
    if (pu.compute.count(preferred)) return preferred;
  if (pu.compute.empty()) return std::nullopt;
  return pu.compute.begin()->first;
}

const std::map<std::string, Strategy>& baseline_strategies() {
  static const std::map<std::string, Strategy> strategies = {
      {"cpu", {"every op on one CPU core", cpu_only}},
      {"cpu-all", {"every op on the CPU, split across all its cores where it can be",
                   cpu_all_cores}},
      {"static", {"each op on the most capable PU supporting it, else the CPU",
                  static_placement}},
      {"heft", {"HEFT list scheduling over every core with kernel-model costs", heft_schedule}},
      {"partition-dp", {"PartitionTuner's DP over chains with fused groups, branches spread",
                        partition_dp_schedule}},
  };
  return strategies;
}

}  // namespace hsim::explorer
