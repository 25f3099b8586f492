#include "baselines/heft.h"

#include "baselines/baselines.h"

#include <algorithm>
#include <functional>
#include <limits>

#include "common/error.h"
#include "kernels/kernel_model.h"

namespace hsim::explorer {

namespace {

constexpr double kCannot = std::numeric_limits<double>::infinity();

struct Slot {
  double start;
  double end;
};

// Earliest start >= ready on a processor with busy `slots` (sorted), for a task of `duration`.
double insertion_start(const std::vector<Slot>& slots, double ready, double duration) {
  double candidate = ready;
  for (const Slot& s : slots) {
    if (candidate + duration <= s.start) return candidate;
    candidate = std::max(candidate, s.end);
  }
  return candidate;
}

}  // namespace

HeftCosts heft_costs(const sim::Network& net, const sim::BoardSpec& board) {
  const sim::DeviceSpec& device = board.devices.front();
  HeftCosts costs;
  for (size_t p = 0; p < device.pus.size(); ++p)
    for (int64_t c = 0; c < device.pus[p].count; ++c) costs.processors.push_back({p, c});
  const double dram = static_cast<double>(device.dram.bandwidth);
  costs.op_cost.assign(net.ops().size(), std::vector<double>(costs.processors.size(), kCannot));
  for (size_t o = 0; o < net.ops().size(); ++o) {
    const sim::Op& op = net.ops()[o];
    if (op.cost.is_view) continue;
    for (size_t p = 0; p < device.pus.size(); ++p) {
      const sim::PuSpec& pu = device.pus[p];
      const auto dtype = baseline_dtype(net, op, pu);
      if (!dtype) continue;
      double time = 0;
      try {
        sim::KernelOptions options;
        options.dtype = dtype;
        const sim::KernelTrace trace = sim::build_kernel_trace(net, op, pu, options);
        const double compute = static_cast<double>(trace.total_cycles()) * 1e12 /
                               static_cast<double>(pu.clock);
        const double bytes = static_cast<double>(trace.total_bytes(sim::RecordKind::kLoad) +
                                                 trace.total_bytes(sim::RecordKind::kStore));
        time = std::max(compute, bytes * 1e12 / dram) + static_cast<double>(pu.dispatch_overhead);
      } catch (const std::exception&) {
        continue;  // no rate or memory for it on this PU
      }
      for (size_t q = 0; q < costs.processors.size(); ++q)
        if (costs.processors[q].pu == p) costs.op_cost[o][q] = time;
    }
  }
  return costs;
}

sim::Schedule heft_schedule(const sim::Network& net, const sim::BoardSpec& board) {
  const HeftCosts costs = heft_costs(net, board);
  const size_t n = net.ops().size();
  const size_t procs = costs.processors.size();
  // Successor lists between non-view ops, looking through views.
  std::vector<std::vector<size_t>> preds(n), succs(n);
  std::function<void(size_t, size_t)> link = [&](size_t from, size_t through) {
    for (sim::OpId s : net.successors(static_cast<sim::OpId>(through))) {
      const auto succ = static_cast<size_t>(s);
      if (net.ops()[succ].cost.is_view) {
        link(from, succ);
      } else if (std::find(succs[from].begin(), succs[from].end(), succ) == succs[from].end()) {
        succs[from].push_back(succ);
        preds[succ].push_back(from);
      }
    }
  };
  for (size_t o = 0; o < n; ++o)
    if (!net.ops()[o].cost.is_view) link(o, o);

  std::vector<double> mean(n, 0);
  for (size_t o = 0; o < n; ++o) {
    if (net.ops()[o].cost.is_view) continue;
    double sum = 0;
    int count = 0;
    for (double c : costs.op_cost[o])
      if (c != kCannot) {
        sum += c;
        ++count;
      }
    if (count == 0)
      throw InputError(board.source, "no PU of device '" + board.devices.front().name +
                                         "' can run op '" + net.ops()[o].name + "'");
    mean[o] = sum / count;
  }
  // Upward ranks, exits first (ops are in topological order). Edge costs are zero here: every
  // PU reads and writes tensors through DRAM whatever the placement, and the kernel traces
  // already carry those transfers.
  std::vector<double> rank(n, 0);
  for (size_t i = n; i-- > 0;) {
    if (net.ops()[i].cost.is_view) continue;
    double longest = 0;
    for (size_t s : succs[i]) longest = std::max(longest, rank[s]);
    rank[i] = mean[i] + longest;
  }
  std::vector<size_t> order;
  for (size_t o = 0; o < n; ++o)
    if (!net.ops()[o].cost.is_view) order.push_back(o);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rank[a] > rank[b]; });

  std::vector<std::vector<Slot>> busy(procs);
  std::vector<double> finish(n, 0);
  std::vector<size_t> placed(n, 0);
  sim::Schedule schedule{"heft", {}, 1};
  for (size_t position = 0; position < order.size(); ++position) {
    const size_t o = order[position];
    double ready = 0;
    for (size_t p : preds[o]) ready = std::max(ready, finish[p]);
    double best_finish = kCannot;
    size_t best = 0;
    double best_start = 0;
    for (size_t q = 0; q < procs; ++q) {
      const double cost = costs.op_cost[o][q];
      if (cost == kCannot) continue;
      const double start = insertion_start(busy[q], ready, cost);
      if (start + cost < best_finish) {
        best_finish = start + cost;
        best = q;
        best_start = start;
      }
    }
    busy[best].push_back({best_start, best_finish});
    std::sort(busy[best].begin(), busy[best].end(),
              [](const Slot& a, const Slot& b) { return a.start < b.start; });
    finish[o] = best_finish;
    placed[o] = best;
    sim::ScheduledTask task;
    task.ops = {net.ops()[o].name};
    task.pu = board.devices.front().pus[costs.processors[best].pu].name;
    task.cores = {costs.processors[best].core};
    task.dtype = baseline_dtype(net, net.ops()[o], board.devices.front().pus[costs.processors[best].pu]);
    task.priority = static_cast<int64_t>(order.size() - position);  // higher rank, earlier
    schedule.tasks.push_back(std::move(task));
  }
  return schedule;
}

}  // namespace hsim::explorer
