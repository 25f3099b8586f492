#include "baselines/partition_dp.h"

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>

#include "baselines/baselines.h"
#include "baselines/op_dag.h"
#include "common/error.h"
#include "kernels/kernel_model.h"
#include "schedule/op_linking.h"

namespace hsim::explorer {

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

// Kernel-model estimates of groups on the first device's PUs, cached.
class GroupEstimator {
 public:
  GroupEstimator(const sim::Network& net, const sim::DeviceSpec& device)
      : net_(net), device_(device) {}

  // Ops [first, end) of `chain` as one linked task on PU `pu`, in the element type of its first
  // op there: the sum of its ops' max(compute, DRAM) after linking, plus one dispatch.
  double group(const std::vector<size_t>& chain, size_t first, size_t end, size_t pu) {
    const auto key = std::make_tuple(chain[first], end - first, pu);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    return cache_[key] = estimate(chain, first, end, pu);
  }

  // The element type op `op` computes in on `pu` (nullopt: it cannot run there).
  std::optional<sim::DType> dtype(size_t op, size_t pu) const {
    return baseline_dtype(net_, net_.ops()[op], device_.pus[pu]);
  }

  // The consumer's conversion of `elements` values into its type on `pu`.
  double conversion(double elements, size_t pu, sim::DType type) const {
    const sim::PuSpec& spec = device_.pus[pu];
    const auto rate = spec.compute.find(type);
    const double per_cycle = rate != spec.compute.end() && rate->second.ops_per_cycle > 0
                                 ? static_cast<double>(rate->second.ops_per_cycle)
                                 : 1.0;
    return elements / per_cycle * 1e12 / static_cast<double>(spec.clock);
  }

 private:
  double estimate(const std::vector<size_t>& chain, size_t first, size_t end, size_t pu) const {
    const sim::PuSpec& spec = device_.pus[pu];
    const auto type = dtype(chain[first], pu);
    if (!type) return kNever;
    std::vector<sim::OpId> ops;
    std::vector<sim::KernelTrace> traces;
    sim::KernelOptions options;
    options.dtype = type;
    try {
      for (size_t k = first; k < end; ++k) {
        if (!dtype(chain[k], pu)) return kNever;
        ops.push_back(static_cast<sim::OpId>(chain[k]));
        traces.push_back(sim::build_kernel_trace(net_, net_.ops()[chain[k]], spec, options));
      }
    } catch (const std::exception&) {
      return kNever;  // no rate or memory for it in that type
    }
    if (ops.size() > 1) {
      if (!sim::chain_problem(net_, ops).empty()) return kNever;  // a view sits between two ops
      sim::link_chain(net_, ops, spec, *type, traces);
    }
    double total = static_cast<double>(spec.dispatch_overhead);
    for (const sim::KernelTrace& trace : traces) {
      const double compute =
          static_cast<double>(trace.total_cycles()) * 1e12 / static_cast<double>(spec.clock);
      const double bytes = static_cast<double>(trace.total_bytes(sim::RecordKind::kLoad) +
                                               trace.total_bytes(sim::RecordKind::kStore));
      total += std::max(compute, bytes * 1e12 / static_cast<double>(device_.dram.bandwidth));
    }
    return total;
  }

  const sim::Network& net_;
  const sim::DeviceSpec& device_;
  std::map<std::tuple<size_t, size_t, size_t>, double> cache_;
};

double output_elements(const sim::Network& net, size_t op) {
  double elements = 0;
  for (sim::TensorId t : net.ops()[op].outputs)
    elements += static_cast<double>(net.tensor(t).elements());
  return elements;
}

// Maximal chains of the DAG, heads in network (topological) order.
std::vector<std::vector<size_t>> chains_of(const sim::Network& net,
                                           const std::vector<std::vector<size_t>>& succs,
                                           const std::vector<std::vector<size_t>>& preds) {
  std::vector<std::vector<size_t>> chains;
  auto continues = [&](size_t from) {
    return succs[from].size() == 1 && preds[succs[from].front()].size() == 1;
  };
  for (size_t o = 0; o < net.ops().size(); ++o) {
    if (net.ops()[o].cost.is_view) continue;
    if (preds[o].size() == 1 && continues(preds[o].front())) continue;  // inside a chain
    std::vector<size_t> chain = {o};
    while (continues(chain.back())) chain.push_back(succs[chain.back()].front());
    chains.push_back(std::move(chain));
  }
  return chains;
}

}  // namespace

ChainPartition partition_chain(const ChainCosts& costs, std::optional<size_t> only_pu) {
  const size_t n = costs.length, m = costs.pus;
  // best[i][p]: cheapest cover of ops [0, i) whose last group runs on p.
  std::vector<std::vector<double>> best(n + 1, std::vector<double>(m, kNever));
  std::vector<std::vector<std::pair<size_t, size_t>>> from(
      n + 1, std::vector<std::pair<size_t, size_t>>(m));  // (group start, previous PU)
  auto allowed = [&](size_t p) { return !only_pu || *only_pu == p; };
  for (size_t i = 1; i <= n; ++i)
    for (size_t p = 0; p < m; ++p) {
      if (!allowed(p)) continue;
      for (size_t k = 1; k <= std::min(kMaxGroup, i); ++k) {
        const size_t j = i - k;
        const double group = costs.group(j, i, p);
        if (group == kNever) continue;
        if (j == 0) {
          const double total = costs.start(p) + group;
          if (total < best[i][p]) {
            best[i][p] = total;
            from[i][p] = {0, p};
          }
          continue;
        }
        for (size_t q = 0; q < m; ++q) {
          if (best[j][q] == kNever) continue;
          const double total = best[j][q] + costs.cross(j, q, p) + group;
          if (total < best[i][p]) {
            best[i][p] = total;
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
  const auto chains = chains_of(net, succs, preds);
  GroupEstimator estimator(net, device);

  // Where each op ended up: its PU and element type (set chain by chain, in topological order).
  std::vector<std::optional<size_t>> pu_of(net.ops().size());
  std::vector<std::optional<sim::DType>> type_of(net.ops().size());
  auto chain_costs = [&](const std::vector<size_t>& chain) {
    ChainCosts costs;
    costs.length = chain.size();
    costs.pus = pus;
    costs.group = [&, chain](size_t first, size_t end, size_t pu) {
      return estimator.group(chain, first, end, pu);
    };
    costs.cross = [&, chain](size_t position, size_t from, size_t to) {
      const auto produced = estimator.dtype(chain[position - 1], from);
      const auto wanted = estimator.dtype(chain[position], to);
      if (!produced || !wanted || *produced == *wanted) return 0.0;
      return estimator.conversion(output_elements(net, chain[position - 1]), to, *wanted);
    };
    costs.start = [&, chain](size_t pu) {
      const auto wanted = estimator.dtype(chain.front(), pu);
      if (!wanted) return kNever;
      double total = 0;
      const sim::Op& head = net.ops()[chain.front()];
      for (size_t p : preds[chain.front()])
        if (type_of[p] && *type_of[p] != *wanted)
          total += estimator.conversion(output_elements(net, p), pu, *wanted);
      for (sim::TensorId in : head.inputs)  // graph inputs arrive in their own type
        if (in != sim::kNoTensor && net.tensor(in).role == sim::TensorRole::kGraphInput &&
            net.tensor(in).dtype != *wanted)
          total +=
              estimator.conversion(static_cast<double>(net.tensor(in).elements()), pu, *wanted);
      return total;
    };
    return costs;
  };

  struct Placed {
    ChainPartition partition;
    std::vector<int64_t> cores;  // per group
  };
  std::vector<Placed> placed(chains.size());
  std::map<size_t, size_t> chain_of_head;
  for (size_t c = 0; c < chains.size(); ++c) chain_of_head[chains[c].front()] = c;

  auto commit = [&](size_t c, ChainPartition partition, int64_t core) {
    for (const auto& g : partition.groups)
      for (size_t k = g.first; k < g.end; ++k) {
        pu_of[chains[c][k]] = g.pu;
        type_of[chains[c][k]] = estimator.dtype(chains[c][g.first], g.pu);
      }
    placed[c].cores.assign(partition.groups.size(), core);
    placed[c].partition = std::move(partition);
  };
  std::vector<bool> done(chains.size(), false);
  for (size_t c = 0; c < chains.size(); ++c) {
    if (done[c]) continue;
    // The branches of a fork: chains headed by this chain's head's siblings that all meet again
    // at the same ops.
    std::vector<size_t> branches;
    const auto& head_preds = preds[chains[c].front()];
    if (head_preds.size() == 1) {
      const auto& ends = succs[chains[c].back()];
      for (size_t s : succs[head_preds.front()]) {
        const auto it = chain_of_head.find(s);
        if (it == chain_of_head.end() || done[it->second]) continue;
        const auto& other = chains[it->second];
        if (preds[other.front()].size() == 1 && succs[other.back()] == ends)
          branches.push_back(it->second);
      }
    }
    if (branches.size() < 2) {
      try {
        commit(c, partition_chain(chain_costs(chains[c])), 0);
      } catch (const std::invalid_argument&) {
        throw InputError(board.source, "no PU of device '" + device.name + "' can run op '" +
                                           net.ops()[chains[c].front()].name + "'");
      }
      done[c] = true;
      continue;
    }
    // Spread the branches: the DP's own placement runs branches one after another on core 0 of
    // their PUs; longest-first assignment of whole branches to cores may finish sooner.
    std::vector<ChainPartition> free_choice;
    std::map<size_t, double> load_by_pu;
    for (size_t b : branches) {
      free_choice.push_back(partition_chain(chain_costs(chains[b])));
      for (const auto& g : free_choice.back().groups)
        load_by_pu[g.pu] += chain_costs(chains[b]).group(g.first, g.end, g.pu);
    }
    double sequential = 0;
    for (const auto& [pu, load] : load_by_pu) sequential = std::max(sequential, load);
    std::vector<std::vector<ChainPartition>> on_pu(branches.size());
    std::vector<double> longest(branches.size(), kNever);
    for (size_t i = 0; i < branches.size(); ++i)
      for (size_t p = 0; p < pus; ++p) {
        try {
          on_pu[i].push_back(partition_chain(chain_costs(chains[branches[i]]), p));
        } catch (const std::invalid_argument&) {
          on_pu[i].push_back({kNever, {}});
        }
        longest[i] = std::min(longest[i], on_pu[i].back().cost);
      }
    std::vector<size_t> order(branches.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return longest[a] > longest[b]; });
    std::map<std::pair<size_t, int64_t>, double> core_load;
    std::vector<std::pair<size_t, int64_t>> chosen(branches.size());
    double spread = 0;
    for (size_t i : order) {
      double best = kNever;
      for (size_t p = 0; p < pus; ++p)
        for (int64_t k = 0; k < device.pus[p].count; ++k) {
          const double finish = core_load[{p, k}] + on_pu[i][p].cost;
          if (finish < best) {
            best = finish;
            chosen[i] = {p, k};
          }
        }
      core_load[chosen[i]] = best;
      spread = std::max(spread, best);
    }
    for (size_t i = 0; i < branches.size(); ++i) {
      const size_t b = branches[i];
      if (spread < sequential)
        commit(b, on_pu[i][chosen[i].first], chosen[i].second);
      else
        commit(b, free_choice[i], 0);
      done[b] = true;
    }
  }

  // Tasks in network order of their first op; longer branches first among ready tasks.
  sim::Schedule schedule{"partition-dp", {}, 1};
  std::vector<std::pair<size_t, sim::ScheduledTask>> tasks;
  for (size_t c = 0; c < chains.size(); ++c) {
    const Placed& p = placed[c];
    for (size_t g = 0; g < p.partition.groups.size(); ++g) {
      const auto& group = p.partition.groups[g];
      sim::ScheduledTask task;
      for (size_t k = group.first; k < group.end; ++k)
        task.ops.push_back(net.ops()[chains[c][k]].name);
      task.pu = device.pus[group.pu].name;
      task.cores = {p.cores[g]};
      task.dtype = estimator.dtype(chains[c][group.first], group.pu);
      task.priority = static_cast<int64_t>(p.partition.cost / 1e6);  // us of its chain
      tasks.emplace_back(chains[c][group.first], std::move(task));
    }
  }
  std::stable_sort(tasks.begin(), tasks.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& entry : tasks) schedule.tasks.push_back(std::move(entry.second));
  return schedule;
}

}  // namespace hsim::explorer
