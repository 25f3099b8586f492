#include "baselines/partition_dp.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>
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
  const size_t n = net.ops().size();
  std::vector<size_t> run(n, 0);  // ops of the chain so far, ending at o
  std::vector<std::optional<size_t>> next(n), previous(n);
  // Every op the chain ending at `last` reads from outside it.
  auto chain_inputs = [&](size_t last) {
    std::set<size_t> inputs;
    for (std::optional<size_t> x = last; x; x = previous[*x])
      inputs.insert(predecessors[*x].begin(), predecessors[*x].end());
    return inputs;
  };
  for (size_t v = 0; v < n; ++v) {  // network order is topological
    if (net.ops()[v].cost.is_view) continue;
    std::optional<size_t> main;
    if (predecessors[v].size() == 1) {
      if (successors[predecessors[v].front()].size() == 1) main = predecessors[v].front();
    } else {
      // A join continues the chain of an input it can be linked to whose chain already waits
      // for all its other inputs (a residual Add's skip is the block's input), so joining adds
      // no wait; a sibling branch (a downsample conv) would.
      for (size_t u : predecessors[v]) {
        if (successors[u].size() != 1 ||
            sim::chain_problem(net, {static_cast<sim::OpId>(u), static_cast<sim::OpId>(v)}).size() >
                0)
          continue;
        const std::set<size_t> waited = chain_inputs(u);
        bool joins = true;
        for (size_t w : predecessors[v]) joins = joins && (w == u || waited.count(w) > 0);
        if (joins && (!main || run[u] > run[*main])) main = u;
      }
    }
    run[v] = main ? run[*main] + 1 : 1;
    if (main) {
      next[*main] = v;
      previous[v] = main;
    }
  }
  std::vector<std::vector<size_t>> chains;
  for (size_t o = 0; o < n; ++o) {
    if (net.ops()[o].cost.is_view || previous[o]) continue;
    chains.push_back({o});
    while (next[chains.back().back()]) chains.back().push_back(*next[chains.back().back()]);
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

  // Chain c depends on every chain producing an input of one of its ops.
  std::vector<size_t> chain_of(net.ops().size(), 0);
  for (size_t c = 0; c < chains.size(); ++c)
    for (size_t op : chains[c]) chain_of[op] = c;
  std::vector<std::vector<size_t>> chain_preds(chains.size()), chain_succs(chains.size());
  for (size_t c = 0; c < chains.size(); ++c)
    for (size_t op : chains[c])
      for (size_t s : succs[op])
        if (chain_of[s] != c && std::find(chain_succs[c].begin(), chain_succs[c].end(),
                                          chain_of[s]) == chain_succs[c].end()) {
          chain_succs[c].push_back(chain_of[s]);
          chain_preds[chain_of[s]].push_back(c);
        }

  // The element type each op computes in and when its task ends, once its chain is placed.
  std::vector<std::optional<sim::DType>> type_of(net.ops().size());
  std::vector<double> end_of(net.ops().size(), 0);
  // Op k of chain c converts what ops outside the chain hand it in another type (the previous
  // op's hand-over is `cross`; graph inputs are in the estimator's group cost).
  auto side_inputs = [&](size_t c, size_t k, size_t pu) {
    const auto wanted = estimator.dtype(chains[c][k], pu);
    double total = 0;
    if (!wanted) return total;
    for (sim::TensorId in : net.ops()[chains[c][k]].inputs) {
      if (in == sim::kNoTensor || net.tensor(in).is_fixed()) continue;
      const auto from = tensor_sources(net, in);
      if (from.empty() || (k > 0 && std::count(from.begin(), from.end(), chains[c][k - 1])))
        continue;
      if (type_of[from.back()] && *type_of[from.back()] != *wanted)
        total += conversion_ps(estimator.pu(pu), *wanted,
                               static_cast<double>(net.tensor(in).elements()));
    }
    return total;
  };
  // Costs of chain c for the DP; without inputs (for ranks, before anything is placed) the
  // conversions of what other chains hand it are left out.
  auto chain_costs = [&](size_t c, bool with_inputs) {
    const std::vector<size_t>& chain = chains[c];
    ChainCosts costs;
    costs.length = chain.size();
    costs.pus = pus;
    costs.group = [&, c, with_inputs](size_t first, size_t end, size_t pu) {
      double total = estimator.group(chains[c], first, end, pu);
      for (size_t k = first; with_inputs && k < end && total != kNever; ++k)
        total += side_inputs(c, k, pu);
      return total;
    };
    costs.cross = [&, &chain = chain](size_t position, size_t from, size_t to) {
      const auto produced = estimator.dtype(chain[position - 1], from);
      const auto wanted = estimator.dtype(chain[position], to);
      if (!produced || !wanted || *produced == *wanted) return 0.0;
      return conversion_ps(estimator.pu(to), *wanted,
                           handed_elements(net, chain[position - 1], chain[position]));
    };
    costs.start = [](size_t) { return 0.0; };
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

  // Upward ranks: a chain's cheapest cost plus the largest rank among the chains it feeds.
  std::vector<std::optional<double>> rank(chains.size());
  std::function<double(size_t)> rank_of = [&](size_t c) {
    if (rank[c]) return *rank[c];
    double after = 0;
    for (size_t s : chain_succs[c]) after = std::max(after, rank_of(s));
    try {
      rank[c] = partition_chain(chain_costs(c, false)).cost + after;
    } catch (const std::invalid_argument&) {
      throw cannot_run(c);
    }
    return *rank[c];
  };
  for (size_t c = 0; c < chains.size(); ++c) rank_of(c);

  // List scheduling of whole chains. A placement puts each group on a core of its PU (the one
  // free first when the chain first uses that PU, then that same core), starting once the core
  // is free, the previous group has ended and every op outside the chain it reads has ended.
  std::vector<std::vector<double>> core_free(pus);
  for (size_t p = 0; p < pus; ++p) core_free[p].assign(static_cast<size_t>(device.pus[p].count), 0);
  auto place = [&](size_t c, const ChainPartition& partition, const ChainCosts& costs) {
    Placement placement{partition, {}, {}, 0};
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
      double begin = std::max(placement.finish, free[group.pu][core]);
      for (size_t k = group.first; k < group.end; ++k)
        for (size_t p : preds[chains[c][k]])
          if (chain_of[p] != c) begin = std::max(begin, end_of[p]);
      const double entry = g == 0 ? costs.start(group.pu)
                                  : costs.cross(group.first, partition.groups[g - 1].pu, group.pu);
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
      if (ready && (c == chains.size() || *rank[k] > *rank[c])) c = k;
    }
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
    // The option finishing first, ties to the cheapest.
    std::stable_sort(options.begin(), options.end(),
                     [](const auto& a, const auto& b) { return a.cost < b.cost; });
    Placement chosen = place(c, options.front(), costs);
    for (const ChainPartition& option : options) {
      Placement candidate = place(c, option, costs);
      if (candidate.finish < chosen.finish) chosen = std::move(candidate);
    }
    for (size_t g = 0; g < chosen.partition.groups.size(); ++g) {
      const auto& group = chosen.partition.groups[g];
      core_free[group.pu][static_cast<size_t>(chosen.cores[g])] = chosen.ends[g];
      for (size_t k = group.first; k < group.end; ++k) {
        type_of[chains[c][k]] = estimator.dtype(chains[c][group.first], group.pu);
        end_of[chains[c][k]] = chosen.ends[g];
      }
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
      task.priority = std::llround(*rank[c] / 1e6);  // us
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
