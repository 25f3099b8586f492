#include "search/search_space.h"

#include <algorithm>
#include <functional>
#include <set>

#include "baselines/baselines.h"
#include "common/error.h"
#include "kernels/gemm_problem.h"
#include "schedule/op_linking.h"
#include "schedule/op_shards.h"

namespace hsim::explorer {

namespace {

// NPUs and DSPs run matrix ops as GEMM tilings, whose loop order, weight residency and buffering
// a KernelChoice fixes; CPU kernels have no such choices.
bool tiles_gemms(const Place& place) {
  return place.spec->kind == sim::PuKind::kNpu || place.spec->kind == sim::PuKind::kDsp;
}

using sim::OpId;

// The non-view ops whose outputs `op` reads, looking through views.
std::set<OpId> producers_through_views(const sim::Network& net, OpId op) {
  std::set<OpId> found;
  std::function<void(OpId)> visit = [&](OpId id) {
    for (sim::TensorId in : net.op(id).inputs) {
      if (in == sim::kNoTensor) continue;
      const OpId producer = net.tensor(in).producer;
      if (producer == sim::kNoOp) continue;
      if (net.op(producer).cost.is_view)
        visit(producer);
      else
        found.insert(producer);
    }
  };
  visit(op);
  return found;
}

}  // namespace

SearchSpace::SearchSpace(const sim::Network& network, const sim::BoardSpec& board,
                         SpaceOptions options)
    : network_(network), board_(board), options_(options) {
  for (size_t d = 0; d < board.devices.size(); ++d)
    for (size_t p = 0; p < board.devices[d].pus.size(); ++p)
      places_.push_back(
          {d, p, &board.devices[d].pus[p], board.devices.size() > 1 ? board.devices[d].name : ""});

  gene_of_op_.assign(network.ops().size(), -1);
  for (size_t i = 0; i < network.ops().size(); ++i) {
    const sim::Op& op = network.ops()[i];
    if (op.cost.is_view) continue;
    GeneChoices choices;
    choices.op = static_cast<OpId>(i);
    for (uint32_t p = 0; p < places_.size(); ++p) {
      choices.dtype.push_back(baseline_dtype(network, op, *places_[p].spec));
      if (!choices.dtype.back()) continue;
      choices.places.push_back(p);
      if (places_[p].spec->count >= 2) choices.split_places.push_back(p);
    }
    if (choices.places.empty())
      throw InputError(board.source,
                       "no PU of the board can run op '" + op.name + "' (" + op.type + ")");
    if (options_.splits)
      for (sim::SplitAxis axis :
           {sim::SplitAxis::kOutputChannels, sim::SplitAxis::kOutputRows, sim::SplitAxis::kBatch})
        if (sim::split_unsupported_reason(network, op, axis).empty() &&
            sim::split_extent(network, op, axis) >= 2)
          choices.split_axes.push_back(axis);
    if (choices.split_axes.empty()) choices.split_places.clear();
    if (options_.kernel_choices && sim::is_gemm_op(op))
      for (uint32_t p : choices.places)
        choices.kernel_tunable = choices.kernel_tunable || tiles_gemms(places_[p]);
    gene_of_op_[i] = static_cast<int64_t>(genes_.size());
    genes_.push_back(std::move(choices));
  }

  for (size_t g = 0; g < genes_.size(); ++g) {
    GeneChoices& choices = genes_[g];
    for (OpId producer : producers_through_views(network, choices.op)) {
      const auto from = static_cast<uint32_t>(gene_of_op_[static_cast<size_t>(producer)]);
      choices.depends_on.push_back(from);
      genes_[from].used_by.push_back(static_cast<uint32_t>(g));
    }
  }
  for (GeneChoices& choices : genes_) {
    std::sort(choices.used_by.begin(), choices.used_by.end());
    if (!options_.links) continue;
    for (OpId next : network.successors(choices.op)) {
      if (network.op(next).cost.is_view) continue;
      if (!sim::chain_problem(network, {choices.op, next}).empty()) continue;
      const size_t target = static_cast<size_t>(gene_of_op_[static_cast<size_t>(next)]);
      bool shared_place = false;
      for (uint32_t p : choices.places) shared_place = shared_place || can_run(target, p);
      if (shared_place) choices.link_targets.push_back(static_cast<uint32_t>(target));
    }
  }

  for (uint32_t g = 0; g < genes_.size(); ++g) {
    const GeneChoices& choices = genes_[g];
    int64_t options_count = 0;
    for (uint32_t p : choices.places) options_count += places_[p].spec->count;
    if (options_count > 1) movable_.push_back(g);
    if (!choices.split_places.empty()) splittable_.push_back(g);
    if (!choices.link_targets.empty()) linkable_.push_back(g);
    if (choices.kernel_tunable) kernel_tunable_.push_back(g);
  }
}

bool SearchSpace::kernel_choice_matters(size_t gene, uint32_t place) const {
  return genes_.at(gene).kernel_tunable && place < places_.size() && tiles_gemms(places_[place]);
}

std::optional<size_t> SearchSpace::gene_of(sim::OpId op) const {
  if (op < 0 || static_cast<size_t>(op) >= gene_of_op_.size() ||
      gene_of_op_[static_cast<size_t>(op)] < 0)
    return std::nullopt;
  return static_cast<size_t>(gene_of_op_[static_cast<size_t>(op)]);
}

std::optional<uint32_t> SearchSpace::place_of(const std::string& device,
                                              const std::string& pu) const {
  for (uint32_t p = 0; p < places_.size(); ++p) {
    const std::string& name = board_.devices[places_[p].device].name;
    const bool device_matches = device.empty() ? places_[p].device == 0 : device == name;
    if (device_matches && places_[p].spec->name == pu) return p;
  }
  return std::nullopt;
}

}  // namespace hsim::explorer
