#include "baselines/partition_dp.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>

#include "baselines/baselines.h"
#include "baselines/cost_estimates.h"
#include "baselines/op_dag.h"
#include "common/error.h"
#include "kernels/kernel_model.h"
#include "schedule/op_linking.h"

namespace hsim::explorer {

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

// The non-view ops whose outputs reach `tensor` through views, as the runtime finds the tasks a
// tensor comes from; empty for graph inputs.
std::vector<size_t> tensor_sources(const sim::Network& net, sim::TensorId tensor) {
  const sim::OpId producer = net.tensor(tensor).producer;
  if (producer == sim::kNoOp) return {};
  const sim::Op& op = net.op(producer);
  if (!op.cost.is_view) return {static_cast<size_t>(producer)};
  std::vector<size_t> found;
  for (sim::TensorId in : op.inputs)
    if (in != sim::kNoTensor && !net.tensor(in).is_fixed())
      for (size_t s : tensor_sources(net, in)) found.push_back(s);
  return found;
}

// Group costs on the PUs of one device, from the kernel models with linking applied; cached.
class GroupEstimator {
 public:
  GroupEstimator(const sim::Network& net, const sim::DeviceSpec& device)
      : net_(net), device_(device), dtypes_(net.ops().size()) {
    for (size_t o = 0; o < net.ops().size(); ++o)
      for (const sim::PuSpec& pu : device.pus)
        dtypes_[o].push_back(net.ops()[o].cost.is_view ? std::nullopt
                                                       : baseline_dtype(net, net.ops()[o], pu));
  }

  // The element type `op` computes in on PU `pu` (nullopt: it cannot run there).
  std::optional<sim::DType> dtype(size_t op, size_t pu) const { return dtypes_[op][pu]; }

  const sim::PuSpec& pu(size_t p) const { return device_.pus[p]; }

  // Ops [first, end) of `chain` as one linked task on `pu`; kNever if they cannot be one.
  double group(const std::vector<size_t>& chain, size_t first, size_t end, size_t pu) {
    const auto key = std::make_tuple(chain[first], end - first, pu);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    return cache_[key] = estimate(chain, first, end, pu);
  }

 private:
  double estimate(const std::vector<size_t>& chain, size_t first, size_t end, size_t p) const {
    const sim::PuSpec& spec = device_.pus[p];
    // A task computes in one element type: every op of the group must be at home in it.
    const auto type = dtype(chain[first], p);
    if (!type) return kNever;
    std::vector<sim::OpId> ops;
    for (size_t k = first; k < end; ++k) {
      if (dtype(chain[k], p) != type) return kNever;
      ops.push_back(static_cast<sim::OpId>(chain[k]));
    }
    if (!sim::chain_problem(net_, ops).empty()) return kNever;  // a view sits between two ops
    sim::KernelOptions options;
    options.dtype = type;
    std::vector<sim::KernelTrace> traces;
    try {
      for (sim::OpId op : ops)
        traces.push_back(sim::build_kernel_trace(net_, net_.op(op), spec, options));
    } catch (const std::exception&) {
      return kNever;  // no rate or memory for it in that type
    }
    if (ops.size() > 1) sim::link_chain(net_, ops, spec, *type, traces);
    double total = static_cast<double>(spec.dispatch_overhead);
    for (const sim::KernelTrace& trace : traces) total += kernel_estimate_ps(trace, spec, device_);
    // Graph inputs arrive in their own type and are converted by the task reading them.
    for (sim::OpId op : ops)
      for (sim::TensorId in : net_.op(op).inputs)
        if (in != sim::kNoTensor && !net_.tensor(in).is_fixed() &&
            tensor_sources(net_, in).empty() && net_.tensor(in).dtype != *type)
          total += conversion_ps(spec, *type, static_cast<double>(net_.tensor(in).elements()));
    return total;
  }

  const sim::Network& net_;
  const sim::DeviceSpec& device_;
  std::vector<std::vector<std::optional<sim::DType>>> dtypes_;  // [op][pu]
  std::map<std::tuple<size_t, size_t, size_t>, double> cache_;
};

// Elements `consumer` reads from `producer`'s outputs (directly or through views).
double handed_elements(const sim::Network& net, size_t producer, size_t consumer) {
  double elements = 0;
  for (sim::TensorId in : net.ops()[consumer].inputs) {
    if (in == sim::kNoTensor || net.tensor(in).is_fixed()) continue;
    const auto from = tensor_sources(net, in);
    if (std::find(from.begin(), from.end(), producer) != from.end())
      elements += static_cast<double>(net.tensor(in).elements());
  }
  return elements;
}

// A chain's placement: its partition, and the core and estimated end of each group.
struct Placement {
  ChainPartition partition;
  std::vector<int64_t> cores;
  std::vector<double> ends;
  double finish = 0;
};

}  // namespace

std::vector<std::vector<size_t>> dag_chains(const sim::Network& net,
                                            const std::vector<std::vector<size_t>>& successors,
                                            const std::vector<std::vector<size_t>>& predecessors) {
  auto continues = [&](size_t from) {
    return successors[from].size() == 1 && predecessors[successors[from].front()].size() == 1;
  };
  std::vector<std::vector<size_t>> chains;
  for (size_t o = 0; o < net.ops().size(); ++o) {
    if (net.ops()[o].cost.is_view) continue;
    if (predecessors[o].size() == 1 && continues(predecessors[o].front())) continue;  // inside
    std::vector<size_t> chain = {o};
    while (continues(chain.back())) chain.push_back(successors[chain.back()].front());
    chains.push_back(std::move(chain));
  }
  return chains;
}

ChainPartition partition_chain(const ChainCosts& costs, std::optional<size_t> only_pu) {
  const size_t n = costs.length, m = costs.pus;
  // best[i][p]: the cheapest cover of ops [0, i) whose last group runs on p; from[i][p]: where
  // that last group starts and the PU of the group before it.
  std::vector<std::vector<double>> best(n + 1, std::vector<double>(m, kNever));
  std::vector<std::vector<std::pair<size_t, size_t>>> from(
      n + 1, std::vector<std::pair<size_t, size_t>>(m));
  for (size_t i = 1; i <= n; ++i)
    for (size_t p = 0; p < m; ++p) {
      if (only_pu && *only_pu != p) continue;
      for (size_t k = 1; k <= std::min(kMaxGroup, i); ++k) {
        const size_t j = i - k;
        const double group = costs.group(j, i, p);
        if (group == kNever) continue;
        for (size_t q = 0; q < m; ++q) {
          if (j == 0 && q != p) continue;  // the first group: only the start cost
          const double before = j == 0 ? costs.start(p) : best[j][q] + costs.cross(j, q, p);
          if (before + group < best[i][p]) {
            best[i][p] = before + group;
            from[i][p] = {j, q};
          }
        }
      }
    }
  ChainPartition out;
  out.cost = kNever;
  size_t last = 0;
  for (size_t p = 0; p < m; ++p)
    if (best[n][p] < out.cost) {
      out.cost = best[n][p];
      last = p;
    }
  if (out.cost == kNever) throw std::invalid_argument("no PU can run this chain");
  for (size_t i = n, p = last; i > 0;) {
    const auto [j, q] = from[i][p];
    out.groups.push_back({j, i, p});
    i = j;
    p = q;
  }
  std::reverse(out.groups.begin(), out.groups.end());
  return out;
}

sim::Schedule partition_dp_schedule(const sim::Network& net, const sim::BoardSpec& board) {
  const sim::DeviceSpec& device = board.devices.front();
  const size_t pus = device.pus.size();
  const auto succs = op_successors(net);
  const auto preds = op_predecessors(succs);
  const auto chains = dag_chains(net, succs, preds);
  GroupEstimator estimator(net, device);

  std::vector<size_t> chain_of(net.ops().size(), 0);
  for (size_t c = 0; c < chains.size(); ++c)
    for (size_t op : chains[c]) chain_of[op] = c;
  std::vector<std::vector<size_t>> chain_preds(chains.size()), chain_succs(chains.size());
  for (size_t c = 0; c < chains.size(); ++c)
    for (size_t s : succs[chains[c].back()]) {
      chain_succs[c].push_back(chain_of[s]);
      chain_preds[chain_of[s]].push_back(c);
    }

  // The element type each op computes in, once its chain is placed.
  std::vector<std::optional<sim::DType>> type_of(net.ops().size());
  auto chain_costs = [&](size_t c, bool with_inputs) {
    const std::vector<size_t>& chain = chains[c];
    ChainCosts costs;
    costs.length = chain.size();
    costs.pus = pus;
    costs.group = [&estimator, &chain](size_t first, size_t end, size_t pu) {
      return estimator.group(chain, first, end, pu);
    };
    costs.cross = [&, &chain = chain](size_t position, size_t from, size_t to) {
      const auto produced = estimator.dtype(chain[position - 1], from);
      const auto wanted = estimator.dtype(chain[position], to);
      if (!produced || !wanted || *produced == *wanted) return 0.0;
      return conversion_ps(estimator.pu(to), *wanted,
                           handed_elements(net, chain[position - 1], chain[position]));
    };
    // The head converts what its placed producers hand it in another type (graph inputs are
    // in the group cost).
    costs.start = [&, with_inputs, &chain = chain](size_t pu) {
      const auto wanted = estimator.dtype(chain.front(), pu);
      if (!wanted || !with_inputs) return 0.0;
      double total = 0;
      for (sim::TensorId in : net.ops()[chain.front()].inputs) {
        if (in == sim::kNoTensor || net.tensor(in).is_fixed()) continue;
        const auto from = tensor_sources(net, in);
        if (!from.empty() && type_of[from.back()] && *type_of[from.back()] != *wanted)
          total += conversion_ps(estimator.pu(pu), *wanted,
                                 static_cast<double>(net.tensor(in).elements()));
      }
      return total;
    };
    return costs;
  };
  auto cannot_run = [&](size_t c) {
    const std::vector<size_t>& chain = chains[c];
    size_t op = chain.front();
    for (size_t k = 0; k < chain.size(); ++k) {
      bool runs = false;
      for (size_t p = 0; p < pus; ++p) runs = runs || estimator.group(chain, k, k + 1, p) != kNever;
      if (!runs) {
        op = chain[k];
        break;
      }
    }
    return InputError(board.source, "no PU of device '" + device.name + "' can run op '" +
                                        net.ops()[op].name + "'");
  };

  // Upward ranks: a chain's cheapest cost plus the largest rank among its consumers. Chains are
  // in network (topological) order, so consumers come later.
  std::vector<double> rank(chains.size(), 0);
  for (size_t c = chains.size(); c-- > 0;) {
    try {
      rank[c] = partition_chain(chain_costs(c, false)).cost;
    } catch (const std::invalid_argument&) {
      throw cannot_run(c);
    }
    double after = 0;
    for (size_t s : chain_succs[c]) after = std::max(after, rank[s]);
    rank[c] += after;
  }

  // List scheduling of whole chains. A placement puts each group on a core of its PU: the one
  // that is free first when the chain first uses that PU, then that same core.
  std::vector<std::vector<double>> core_free(pus);
  for (size_t p = 0; p < pus; ++p) core_free[p].assign(static_cast<size_t>(device.pus[p].count), 0);
  auto place = [&](const ChainPartition& partition, const ChainCosts& costs, double ready) {
    Placement placement{partition, {}, {}, ready};
    std::map<size_t, size_t> core_on;
    std::vector<std::vector<double>> free = core_free;
    for (size_t g = 0; g < partition.groups.size(); ++g) {
      const auto& group = partition.groups[g];
      if (!core_on.count(group.pu)) {
        const auto& cores = free[group.pu];
        core_on[group.pu] =
            static_cast<size_t>(std::min_element(cores.begin(), cores.end()) - cores.begin());
      }
      const size_t core = core_on[group.pu];
      const double entry = g == 0 ? costs.start(group.pu)
                                  : costs.cross(group.first, partition.groups[g - 1].pu, group.pu);
      const double begin = std::max(placement.finish, free[group.pu][core]);
      placement.finish = begin + entry + costs.group(group.first, group.end, group.pu);
      free[group.pu][core] = placement.finish;
      placement.cores.push_back(static_cast<int64_t>(core));
      placement.ends.push_back(placement.finish);
    }
    return placement;
  };

  std::vector<std::optional<Placement>> placed(chains.size());
  for (size_t count = 0; count < chains.size(); ++count) {
    // The ready chain of highest rank (ties: network order).
    size_t c = chains.size();
    for (size_t k = 0; k < chains.size(); ++k) {
      if (placed[k]) continue;
      bool ready = true;
      for (size_t p : chain_preds[k]) ready = ready && placed[p].has_value();
      if (ready && (c == chains.size() || rank[k] > rank[c])) c = k;
    }
    double ready = 0;
    for (size_t p : chain_preds[c]) ready = std::max(ready, placed[p]->finish);
    const ChainCosts costs = chain_costs(c, true);
    std::vector<ChainPartition> options;
    try {
      options.push_back(partition_chain(costs));  // the DP's free choice, PUs mixed
    } catch (const std::invalid_argument&) {
      throw cannot_run(c);
    }
    for (size_t p = 0; p < pus; ++p) {
      try {
        options.push_back(partition_chain(costs, p));
      } catch (const std::invalid_argument&) {
      }
    }
    // Alone (all cores idle) the cheapest option finishes first; another wins only by finishing
    // sooner by more than the margin of the chain's own cost.
    size_t cheapest = 0;
    for (size_t i = 1; i < options.size(); ++i)
      if (options[i].cost < options[cheapest].cost) cheapest = i;
    Placement chosen = place(options[cheapest], costs, ready);
    for (const ChainPartition& option : options) {
      Placement candidate = place(option, costs, ready);
      if (candidate.finish < chosen.finish - kSpreadMargin * options[cheapest].cost)
        chosen = std::move(candidate);
    }
    for (size_t g = 0; g < chosen.partition.groups.size(); ++g) {
      const auto& group = chosen.partition.groups[g];
      core_free[group.pu][static_cast<size_t>(chosen.cores[g])] = chosen.ends[g];
      for (size_t k = group.first; k < group.end; ++k)
        type_of[chains[c][k]] = estimator.dtype(chains[c][group.first], group.pu);
    }
    placed[c] = std::move(chosen);
  }

  // One task per group, in network order of its first op; a chain's rank is its priority.
  std::vector<std::pair<size_t, sim::ScheduledTask>> tasks;
  for (size_t c = 0; c < chains.size(); ++c) {
    const Placement& p = *placed[c];
    for (size_t g = 0; g < p.partition.groups.size(); ++g) {
      const auto& group = p.partition.groups[g];
      sim::ScheduledTask task;
      for (size_t k = group.first; k < group.end; ++k)
        task.ops.push_back(net.ops()[chains[c][k]].name);
      task.pu = device.pus[group.pu].name;
      task.cores = {p.cores[g]};
      task.dtype = estimator.dtype(chains[c][group.first], group.pu);
      task.priority = std::llround(rank[c] / 1e6);  // us
      tasks.emplace_back(chains[c][group.first], std::move(task));
    }
  }
  std::sort(tasks.begin(), tasks.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  sim::Schedule schedule{"partition-dp", {}, 1};
  for (auto& entry : tasks) schedule.tasks.push_back(std::move(entry.second));
  return schedule;
}

}  // namespace hsim::explorer
