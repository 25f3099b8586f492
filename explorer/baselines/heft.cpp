#include "baselines/heft.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "baselines/baselines.h"
#include "baselines/list_scheduling.h"
#include "baselines/op_dag.h"
#include "common/error.h"
#include "kernels/kernel_model.h"

namespace hsim::explorer {

namespace {

// Bytes an op hands on: its outputs in their stored element type.
double output_bytes(const sim::Network& net, const sim::Op& op) {
  double bytes = 0;
  for (sim::TensorId t : op.outputs) bytes += static_cast<double>(net.tensor(t).bytes());
  return bytes;
}

double output_elements(const sim::Network& net, const sim::Op& op) {
  double elements = 0;
  for (sim::TensorId t : op.outputs) elements += static_cast<double>(net.tensor(t).elements());
  return elements;
}

const sim::LinkSpec* link_between(const sim::BoardSpec& board, const std::string& a,
                                  const std::string& b) {
  for (const sim::LinkSpec& link : board.links)
    if ((link.from == a && link.to == b) || (link.from == b && link.to == a)) return &link;
  return nullptr;
}

}  // namespace

HeftCosts heft_costs(const sim::Network& net, const sim::BoardSpec& board) {
  HeftCosts costs;
  for (size_t d = 0; d < board.devices.size(); ++d)
    for (size_t p = 0; p < board.devices[d].pus.size(); ++p)
      for (int64_t c = 0; c < board.devices[d].pus[p].count; ++c)
        costs.processors.push_back({d, p, c});
  const size_t procs = costs.processors.size();
  costs.op_cost.assign(net.ops().size(), std::vector<double>(procs, kCannotRun));
  for (size_t o = 0; o < net.ops().size(); ++o) {
    const sim::Op& op = net.ops()[o];
    if (op.cost.is_view) continue;
    for (size_t q = 0; q < procs; ++q) {
      const auto& proc = costs.processors[q];
      if (q > 0 && costs.processors[q - 1].device == proc.device &&
          costs.processors[q - 1].pu == proc.pu) {  // another core of the same PU: same costs
        costs.op_cost[o][q] = costs.op_cost[o][q - 1];
        continue;
      }
      const sim::DeviceSpec& device = board.devices[proc.device];
      const sim::PuSpec& pu = device.pus[proc.pu];
      const auto dtype = baseline_dtype(net, op, pu);
      if (!dtype) continue;
      try {
        sim::KernelOptions options;
        options.dtype = dtype;
        const sim::KernelTrace trace = sim::build_kernel_trace(net, op, pu, options);
        const double dispatch = static_cast<double>(pu.dispatch_overhead);
        const double compute = static_cast<double>(trace.total_cycles()) * 1e12 /
                               static_cast<double>(pu.clock);
        const double bytes = static_cast<double>(trace.total_bytes(sim::RecordKind::kLoad) +
                                                 trace.total_bytes(sim::RecordKind::kStore));
        const double dram = bytes * 1e12 / static_cast<double>(device.dram.bandwidth);
        costs.op_cost[o][q] = std::max(compute, dram) + dispatch;
      } catch (const std::exception&) {
        // no rate or memory for it on this PU: it cannot run there
      }
    }
  }
  return costs;
}

sim::Schedule heft_schedule(const sim::Network& net, const sim::BoardSpec& board) {
  const HeftCosts costs = heft_costs(net, board);
  // Tasks are the non-view ops.
  std::vector<size_t> op_of;
  std::vector<size_t> task_of(net.ops().size(), 0);
  for (size_t o = 0; o < net.ops().size(); ++o)
    if (!net.ops()[o].cost.is_view) {
      task_of[o] = op_of.size();
      op_of.push_back(o);
    }
  ListProblem problem;
  problem.processors = costs.processors.size();
  std::vector<double> edge_bytes, edge_elements;
  const auto succs = op_successors(net);
  for (size_t o : op_of) {
    problem.cost.push_back(costs.op_cost[o]);
    for (size_t s : succs[o]) {
      problem.edges.push_back({task_of[o], task_of[s], edge_bytes.size()});
      edge_bytes.push_back(output_bytes(net, net.ops()[o]));
      edge_elements.push_back(output_elements(net, net.ops()[o]));
    }
  }
  // An edge costs what the runtime charges the consumer: converting the tensor when the two
  // ends compute in different element types (one vector operation per element on the
  // consumer's PU), and moving the producer's output over the link between devices (latency +
  // bytes / bandwidth; devices without a direct link cannot hand tensors to each other).
  const size_t procs = costs.processors.size();
  std::vector<std::vector<std::optional<sim::DType>>> dtype(op_of.size());
  std::vector<double> convert_ps_per_element(procs * op_of.size(), 0);
  for (size_t t = 0; t < op_of.size(); ++t)
    for (size_t q = 0; q < procs; ++q) {
      const auto& proc = costs.processors[q];
      const sim::PuSpec& pu = board.devices[proc.device].pus[proc.pu];
      dtype[t].push_back(baseline_dtype(net, net.ops()[op_of[t]], pu));
      if (!dtype[t].back()) continue;
      const auto rate = pu.compute.find(*dtype[t].back());
      const double per_cycle = rate != pu.compute.end() && rate->second.ops_per_cycle > 0
                                   ? static_cast<double>(rate->second.ops_per_cycle)
                                   : 1.0;
      convert_ps_per_element[t * procs + q] = 1e12 / per_cycle / static_cast<double>(pu.clock);
    }
  std::vector<std::vector<const sim::LinkSpec*>> links(
      board.devices.size(), std::vector<const sim::LinkSpec*>(board.devices.size()));
  for (size_t a = 0; a < board.devices.size(); ++a)
    for (size_t b = 0; b < board.devices.size(); ++b)
      links[a][b] = link_between(board, board.devices[a].name, board.devices[b].name);
  problem.comm = [&](size_t from, size_t to, const ListProblem::Edge& e) {
    const size_t index = e.id;
    double delay = 0;
    if (dtype[e.from][from] != dtype[e.to][to])
      delay += edge_elements[index] * convert_ps_per_element[e.to * procs + to];
    const size_t a = costs.processors[from].device, b = costs.processors[to].device;
    if (a != b) {
      const sim::LinkSpec* link = links[a][b];
      if (!link) return kCannotRun;
      delay += static_cast<double>(link->latency) +
               edge_bytes[index] * 1e12 / static_cast<double>(link->bandwidth);
    }
    return delay;
  };
  ListSchedule placed;
  try {
    placed = heft(problem);
  } catch (const std::invalid_argument&) {
    for (size_t t = 0; t < op_of.size(); ++t)
      if (std::all_of(problem.cost[t].begin(), problem.cost[t].end(),
                      [](double c) { return c == kCannotRun; }))
        throw InputError(board.source,
                         "no PU of the board can run op '" + net.ops()[op_of[t]].name + "'");
    throw;
  }
  sim::Schedule schedule{"heft", {}, 1};
  for (size_t position = 0; position < placed.order.size(); ++position) {
    const size_t t = placed.order[position];
    const sim::Op& op = net.ops()[op_of[t]];
    const auto& proc = costs.processors[placed.processor[t]];
    const sim::DeviceSpec& device = board.devices[proc.device];
    sim::ScheduledTask task;
    task.ops = {op.name};
    if (board.devices.size() > 1) task.device = device.name;
    task.pu = device.pus[proc.pu].name;
    task.cores = {proc.core};
    task.dtype = baseline_dtype(net, op, device.pus[proc.pu]);
    task.priority = static_cast<int64_t>(placed.order.size() - position);  // higher rank first
    schedule.tasks.push_back(std::move(task));
  }
  return schedule;
}

}  // namespace hsim::explorer
