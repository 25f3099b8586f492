#include "search/tune_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <type_traits>
#include <variant>

#include "search/search_run.h"
#include "search/variation.h"

namespace hsim::explorer {

namespace {

constexpr double kStartTemperature = 0.01;  // of the starting score
constexpr int kStepsBeforeKick = 8;

std::string attr_text(const sim::AttrValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, double>)
          return fmt::format("{}", v);
        else if constexpr (std::is_same_v<T, std::string>)
          return v;
        else
          return fmt::format("[{}]", fmt::join(v, ","));
      },
      value);
}

std::string tensor_text(const sim::Network& net, sim::TensorId id) {
  if (id == sim::kNoTensor) return "-";
  const sim::Tensor& t = net.tensor(id);
  return fmt::format("{}:{}", sim::dtype_name(t.dtype), fmt::join(t.shape, "x"));
}

// What makes two nodes the same kernel: per op its type, input and output shapes and element
// types, and attributes; ops of a chain joined with '+'.
std::string node_signature(const SearchSpace& space, const std::vector<size_t>& chain) {
  const sim::Network& net = space.network();
  std::string signature;
  for (size_t g : chain) {
    const sim::Op& op = net.op(space.gene(g).op);
    if (!signature.empty()) signature += '+';
    signature += op.type + '(';
    for (sim::TensorId in : op.inputs) signature += tensor_text(net, in) + ' ';
    signature += "->";
    for (sim::TensorId out : op.outputs) signature += ' ' + tensor_text(net, out);
    for (const auto& [key, value] : op.attrs) signature += ' ' + key + '=' + attr_text(value);
    signature += ')';
  }
  return signature;
}

// The kernel-level part of a config: single core (parts 1) or a split. Cores are left out.
struct Cut {
  std::optional<sim::SplitAxis> split;
  int64_t parts = 1;
  bool operator==(const Cut& o) const { return split == o.split && parts == o.parts; }
};

class Tuner {
 public:
  Tuner(const SearchContext& context, const SearchOptions& options)
      : run_(context, options, "tune"), space_(context.space) {}

  SearchResult tune(const std::vector<sim::Schedule>& seeds) {
    start_from_best_seed(seeds);
    if (!std::isfinite(current_score_)) return run_.finish();
    // Passes until one changes nothing: a local optimum for single-node changes.
    for (double before = current_score_; run_.keep_going(); before = current_score_) {
      tune_nodes();
      if (!(current_score_ < before)) break;
    }
    anneal();
    return run_.finish();
  }

 private:
  // Evaluates the seeds as the first generation and starts from the best.
  void start_from_best_seed(const std::vector<sim::Schedule>& seeds) {
    std::vector<Genome> first;
    for (const sim::Schedule& s : seeds) first.push_back(encode(space_, s));
    if (first.empty()) first.push_back(random_genome(space_, run_.rng()));
    const auto scores = run_.evaluate(first);
    std::vector<double> evaluated;
    for (size_t i = 0; i < first.size(); ++i) {
      if (!scores[i]) continue;
      evaluated.push_back(*scores[i]);
      if (*scores[i] < current_score_) {
        current_score_ = *scores[i];
        current_ = first[i];
      }
    }
    run_.end_generation(evaluated);
  }

  // Evaluates `variants` as one generation; adopts the best if it beats the current genome.
  void try_variants(std::vector<Genome>& variants) {
    if (variants.empty()) return;
    const auto scores = run_.evaluate(variants);
    std::vector<double> evaluated;
    std::optional<size_t> best;
    for (size_t i = 0; i < variants.size(); ++i) {
      if (!scores[i]) continue;
      evaluated.push_back(*scores[i]);
      if (*scores[i] < current_score_ && (!best || *scores[i] < *scores[*best])) best = i;
    }
    if (best) {
      current_ = variants[*best];
      current_score_ = *scores[*best];
    }
    run_.end_generation(evaluated);
  }

  // Work of a gene's op, to order nodes and weigh cores: flops plus bytes moved.
  double weight(size_t g) const {
    const sim::OpCost& c = space_.network().op(space_.gene(g).op).cost;
    return static_cast<double>(c.flops + c.input_bytes + c.output_bytes + c.weight_bytes);
  }

  // Single cores of `place` worth trying for the node `chain`: the one it runs on now, those its
  // producers run on (no transfer), and the two with the least work placed on them (room to run
  // in parallel), ties to the lower index. All of them on a PU of four cores or fewer.
  std::set<int64_t> candidate_cores(const std::vector<size_t>& chain, uint32_t place) const {
    const int64_t count = space_.places()[place].spec->count;
    std::set<int64_t> cores;
    if (count <= 4) {
      for (int64_t c = 0; c < count; ++c) cores.insert(c);
      return cores;
    }
    const Gene& head = current_[chain.front()];
    if (head.place == place) cores.insert(head.cores.front());
    for (uint32_t producer : space_.gene(chain.front()).depends_on)
      if (current_[producer].place == place) cores.insert(current_[producer].cores.front());
    std::vector<std::pair<double, int64_t>> load(static_cast<size_t>(count));
    for (int64_t c = 0; c < count; ++c) load[static_cast<size_t>(c)] = {0.0, c};
    for (size_t g = 0; g < current_.size(); ++g) {
      if (current_[g].place != place || std::find(chain.begin(), chain.end(), g) != chain.end())
        continue;
      const double share = weight(g) / static_cast<double>(current_[g].cores.size());
      for (int64_t c : current_[g].cores) load[static_cast<size_t>(c)].first += share;
    }
    std::sort(load.begin(), load.end());
    for (size_t i = 0; i < 2 && i < load.size(); ++i) cores.insert(load[i].second);
    return cores;
  }

  void tune_nodes() {
    // Heaviest nodes first: a budget that ends mid-pass has tuned what matters most.
    std::vector<size_t> order(space_.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return weight(a) > weight(b); });
    std::set<size_t> visited;
    for (size_t g : order) {
      if (!run_.keep_going()) break;
      if (visited.count(g)) continue;
      const std::vector<size_t> chain = chain_of(space_, current_, g);
      visited.insert(chain.begin(), chain.end());
      const std::string signature = node_signature(space_, chain);
      std::vector<Genome> variants;
      const size_t device = space_.places()[current_[chain.front()].place].device;
      for (uint32_t place : space_.gene(chain.front()).places) {
        if (space_.places()[place].device != device) continue;  // moves across links: phase 2
        const auto cached = cache_.find({signature, place});
        const std::set<int64_t> cores = candidate_cores(chain, place);
        for (const NodeConfig& config : node_configs(space_, current_, chain.front(), place)) {
          if (!config.split && !cores.count(config.core)) continue;
          // A node met before tries only its cached cut here, and any single core.
          if (config.split && cached != cache_.end() &&
              !(cached->second == Cut{config.split, config.parts}))
            continue;
          variants.push_back(with_config(space_, current_, chain.front(), config));
        }
      }
      if (variants.empty()) variants.push_back(current_);
      // Each config linked to each successor the node may link with, or unlinked: a move that
      // pays only together with a link is found in one step.
      for (size_t i = 0, configs = variants.size(); i < configs; ++i)
        for (Genome& linked : link_variants(space_, variants[i], chain.back()))
          variants.push_back(std::move(linked));
      variants.erase(std::remove(variants.begin(), variants.end(), current_), variants.end());
      try_variants(variants);
      // The cut the node now runs with, on its place, for the nodes that share its signature.
      const Gene& head = current_[chain.front()];
      const bool split = head.cores.size() > 1;
      cache_[{signature, head.place}] =
          Cut{split ? head.split : std::nullopt, static_cast<int64_t>(head.cores.size())};
      tune_kernel(chain.front(), signature);
    }
  }

  // The node's kernel choice on its place (tiling loop order, weight residency, buffering). The
  // first time a signature is met on a place, one choice at a time (coordinate descent): the
  // other two settings of the loop order, then of weight residency, then of buffering, each kept
  // when it helps, so 6 evaluations rather than all 26 other combinations; the tiler's own
  // choice is usually near the best and the settings interact little. The cached best after.
  void tune_kernel(size_t g, const std::string& signature) {
    const Gene& head = current_[g];
    if (!space_.kernel_choice_matters(g, head.place)) return;
    const auto key = std::make_pair(signature, head.place);
    std::vector<Genome> variants;
    auto add = [&](const sim::KernelChoice& choice) {
      if (choice == current_[g].kernel) return;
      variants.push_back(current_);
      variants.back()[g].kernel = choice;
    };
    if (const auto cached = kernel_cache_.find(key); cached != kernel_cache_.end()) {
      add(cached->second);
      try_variants(variants);
    } else {
      for (int part = 0; part < sim::kKernelChoiceParts; ++part) {
        variants.clear();
        for (int value = 0; value < sim::kKernelChoiceValues; ++value)
          add(sim::with_part(current_[g].kernel, static_cast<sim::KernelChoicePart>(part), value));
        try_variants(variants);
      }
    }
    kernel_cache_[key] = current_[g].kernel;
  }

  void anneal() {
    const double start_score = current_score_;
    Genome best = current_;
    double best_score = current_score_;
    int since_best = 0;
    bool kick = false;
    Rng& rng = run_.rng();
    while (run_.keep_going()) {
      // Neighbours: one or two mutations of the current schedule; after a kick, three to five
      // of the best, the best of which is taken whatever its score (iterated local search).
      std::vector<Genome> neighbours;
      for (int64_t i = 0; i < run_.options().population; ++i) {
        Genome n = kick ? best : current_;
        const int steps = kick ? 3 + static_cast<int>(rng.below(3)) : 1 + rng.chance(0.5);
        for (int k = 0; k < steps; ++k) mutate(space_, n, rng);
        neighbours.push_back(std::move(n));
      }
      const auto scores = run_.evaluate(neighbours);
      std::vector<double> evaluated;
      std::optional<size_t> pick;
      for (size_t i = 0; i < neighbours.size(); ++i) {
        if (!scores[i]) continue;
        evaluated.push_back(*scores[i]);
        if (std::isfinite(*scores[i]) && (!pick || *scores[i] < *scores[*pick])) pick = i;
      }
      run_.end_generation(evaluated);
      if (!pick) continue;
      const double candidate = *scores[*pick];
      const double temperature = kStartTemperature * start_score * (1 - run_.budget_spent());
      const bool accept =
          kick || candidate < current_score_ ||
          (temperature > 0 && rng.chance(std::exp((current_score_ - candidate) / temperature)));
      kick = false;
      if (accept) {
        current_ = neighbours[*pick];
        current_score_ = candidate;
      }
      if (current_score_ < best_score) {
        best = current_;
        best_score = current_score_;
        since_best = 0;
      } else if (++since_best >= kStepsBeforeKick) {
        kick = true;
        since_best = 0;
      }
    }
  }

  SearchRun run_;
  const SearchSpace& space_;
  Genome current_;
  double current_score_ = std::numeric_limits<double>::infinity();
  std::map<std::pair<std::string, uint32_t>, Cut> cache_;
  std::map<std::pair<std::string, uint32_t>, sim::KernelChoice> kernel_cache_;
};

}  // namespace

SearchResult tune_search(const SearchContext& context, const SearchOptions& options) {
  return Tuner(context, options).tune(context.seeds);
}

}  // namespace hsim::explorer
