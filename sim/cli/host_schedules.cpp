#include "cli/host_schedules.h"

#include "baselines/list_scheduling.h"
#include "baselines/op_dag.h"
#include "common/error.h"
#include "kernels/kernel_model.h"

namespace hsim::cli {

namespace {

const sim::PuSpec& first_cpu(const sim::BoardSpec& board) {
  for (const sim::PuSpec& pu : board.devices.front().pus)
    if (pu.kind == sim::PuKind::kCpu) return pu;
  throw InputError(board.source, "the board has no CPU to run the host's schedules on");
}

}  // namespace

sim::Schedule one_core_schedule(const sim::Network& network, const sim::BoardSpec& board) {
  const sim::PuSpec& cpu = first_cpu(board);
  sim::Schedule schedule;
  schedule.strategy = "host-1-core";
  for (const sim::Op& op : network.ops()) {
    if (op.cost.is_view) continue;
    sim::ScheduledTask task;
    task.ops = {op.name};
    task.pu = cpu.name;
    schedule.tasks.push_back(task);
  }
  return schedule;
}

sim::Schedule branch_parallel_schedule(const sim::Network& network, const sim::BoardSpec& board,
                                       const sim::MeasuredCompute& times, int cores) {
  const sim::PuSpec& cpu = first_cpu(board);
  cores = static_cast<int>(std::min<int64_t>(cores, cpu.count));
  const auto successors = explorer::op_successors(network);
  explorer::ListProblem problem;
  problem.processors = static_cast<size_t>(cores);
  std::vector<sim::OpId> task_op;
  std::vector<int> task_of(network.ops().size(), -1);
  for (sim::OpId id = 0; id < static_cast<sim::OpId>(network.ops().size()); ++id) {
    const sim::Op& op = network.op(id);
    if (op.cost.is_view) continue;
    task_of[static_cast<size_t>(id)] = static_cast<int>(task_op.size());
    task_op.push_back(id);
    const auto dtype = sim::resolve_kernel_dtype(network, op, cpu, std::nullopt);
    auto measured = times.time(network, {id}, cpu.kind, dtype, 1);
    if (!measured) {
      const sim::KernelTrace trace = sim::build_kernel_trace(network, op, cpu);
      measured = static_cast<sim::Picoseconds>(static_cast<double>(trace.total_cycles()) * 1e12 /
                                               static_cast<double>(cpu.clock));
    }
    problem.cost.emplace_back(problem.processors, static_cast<double>(*measured));
  }
  for (size_t o = 0; o < successors.size(); ++o)
    for (size_t s : successors[o])
      if (task_of[o] >= 0 && task_of[s] >= 0)
        problem.edges.push_back({static_cast<size_t>(task_of[o]), static_cast<size_t>(task_of[s]), 0});
  const explorer::ListSchedule placed = explorer::heft(problem);
  sim::Schedule schedule;
  schedule.strategy = "host-heft-" + std::to_string(cores) + "-cores";
  for (size_t position = 0; position < placed.order.size(); ++position) {
    const size_t t = placed.order[position];
    sim::ScheduledTask task;
    // The runtime orders a core's ready tasks by priority: keep HEFT's order.
    task.priority = static_cast<int64_t>(placed.order.size() - position);
    task.ops = {network.op(task_op[t]).name};
    task.pu = cpu.name;
    task.cores = {static_cast<int64_t>(placed.processor[t])};
    schedule.tasks.push_back(task);
  }
  return schedule;
}

}  // namespace hsim::cli
