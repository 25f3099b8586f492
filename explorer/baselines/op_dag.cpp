#include "baselines/op_dag.h"

#include <algorithm>
#include <functional>

namespace hsim::explorer {

std::vector<std::vector<size_t>> op_successors(const sim::Network& net) {
  const size_t n = net.ops().size();
  std::vector<std::vector<size_t>> succs(n);
  std::function<void(size_t, size_t)> follow = [&](size_t from, size_t through) {
    for (sim::OpId s : net.successors(static_cast<sim::OpId>(through))) {
      const auto succ = static_cast<size_t>(s);
      if (net.ops()[succ].cost.is_view)
        follow(from, succ);
      else if (std::find(succs[from].begin(), succs[from].end(), succ) == succs[from].end())
        succs[from].push_back(succ);
    }
  };
  for (size_t o = 0; o < n; ++o)
    if (!net.ops()[o].cost.is_view) {
      follow(o, o);
      std::sort(succs[o].begin(), succs[o].end());
    }
  return succs;
}

std::vector<std::vector<size_t>> op_predecessors(
    const std::vector<std::vector<size_t>>& successors) {
  std::vector<std::vector<size_t>> preds(successors.size());
  for (size_t o = 0; o < successors.size(); ++o)
    for (size_t s : successors[o]) preds[s].push_back(o);
  return preds;
}

}  // namespace hsim::explorer
