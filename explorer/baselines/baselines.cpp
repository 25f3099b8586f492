#include "baselines/baselines.h"

#include <algorithm>

#include "common/error.h"
#include "kernels/kernel_model.h"

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

const PuSpec& first_cpu(const BoardSpec& board) {
  for (const PuSpec& pu : board.devices.front().pus)
    if (pu.kind == sim::PuKind::kCpu) return pu;
  throw InputError(board.source, "the cpu and static strategies need a CPU on the first device");
}

sim::ScheduledTask task_on(const sim::Op& op, const PuSpec& pu) {
  sim::ScheduledTask task;
  task.ops = {op.name};
  task.pu = pu.name;
  return task;
}

Schedule cpu_only(const Network& net, const BoardSpec& board) {
  const PuSpec& cpu = first_cpu(board);
  Schedule schedule{"cpu", {}, 1};
  for (const sim::Op& op : net.ops())
    if (!op.cost.is_view) schedule.tasks.push_back(task_on(op, cpu));
  return schedule;
}

bool can_run(const Network& net, const sim::Op& op, const PuSpec& pu) {
  if (!pu.supports(op.type)) return false;
  try {
    (void)sim::resolve_kernel_dtype(net, op, pu, std::nullopt);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

Schedule static_placement(const Network& net, const BoardSpec& board) {
  const PuSpec& cpu = first_cpu(board);
  std::vector<const PuSpec*> by_rate;
  for (const PuSpec& pu : board.devices.front().pus) by_rate.push_back(&pu);
  std::stable_sort(by_rate.begin(), by_rate.end(),
                   [](const PuSpec* a, const PuSpec* b) { return peak_rate(*a) > peak_rate(*b); });
  Schedule schedule{"static", {}, 1};
  for (const sim::Op& op : net.ops()) {
    if (op.cost.is_view) continue;
    const PuSpec* chosen = &cpu;
    for (const PuSpec* pu : by_rate)
      if (can_run(net, op, *pu)) {
        chosen = pu;
        break;
      }
    schedule.tasks.push_back(task_on(op, *chosen));
  }
  return schedule;
}

}  // namespace

const std::map<std::string, Strategy>& baseline_strategies() {
  static const std::map<std::string, Strategy> strategies = {
      {"cpu", {"every op on one CPU core", cpu_only}},
      {"static", {"each op on the most capable PU supporting it, else the CPU",
                  static_placement}},
  };
  return strategies;
}

}  // namespace hsim::explorer
