#include "search/variation.h"

#include <algorithm>
#include <numeric>

namespace hsim::explorer {

namespace {

template <typename T>
const T& pick(const std::vector<T>& items, Rng& rng) {
  return items[rng.below(items.size())];
}

// The gene linked to `g` as its predecessor, if any.
std::optional<size_t> linked_from(const SearchSpace& space, const Genome& genome, size_t g) {
  for (size_t h = 0; h < g; ++h)
    if (genome[h].link >= 0) {
      const auto& targets = space.gene(h).link_targets;
      if (static_cast<size_t>(genome[h].link) < targets.size() &&
          targets[static_cast<size_t>(genome[h].link)] == g)
        return h;
    }
  return std::nullopt;
}

std::optional<size_t> linked_to(const SearchSpace& space, const Genome& genome, size_t g) {
  const auto& targets = space.gene(g).link_targets;
  if (genome[g].link < 0 || static_cast<size_t>(genome[g].link) >= targets.size())
    return std::nullopt;
  return targets[static_cast<size_t>(genome[g].link)];
}

// `g` and the genes linked after it.
std::vector<size_t> chain_from(const SearchSpace& space, const Genome& genome, size_t g) {
  std::vector<size_t> chain = {g};
  while (const auto next = linked_to(space, genome, chain.back())) {
    if (std::find(chain.begin(), chain.end(), *next) != chain.end()) break;
    chain.push_back(*next);
  }
  return chain;
}

// The whole chain through `g`.
std::vector<size_t> whole_chain(const SearchSpace& space, const Genome& genome, size_t g) {
  size_t head = g;
  for (size_t steps = 0; steps < genome.size(); ++steps) {
    const auto previous = linked_from(space, genome, head);
    if (!previous) break;
    head = *previous;
  }
  return chain_from(space, genome, head);
}

void detach(const SearchSpace& space, Genome& genome, size_t g) {
  if (const auto previous = linked_from(space, genome, g)) genome[*previous].link = -1;
  genome[g].link = -1;
}

void place_on(Gene& gene, uint32_t place, int64_t core) {
  gene.place = place;
  gene.cores = {core};
  gene.split.reset();
  gene.shares.clear();
  gene.dtype.reset();
}

bool all_can_run(const SearchSpace& space, const std::vector<size_t>& genes, uint32_t place) {
  return std::all_of(genes.begin(), genes.end(), [&](size_t g) { return space.can_run(g, place); });
}

// Moves `genes` (a chain) to a (place, core) drawn among those all of them can run on, other
// than where the first is now; false if there is none.
bool move_together(const SearchSpace& space, Genome& genome, const std::vector<size_t>& genes,
                   Rng& rng) {
  const Gene& first = genome[genes.front()];
  std::vector<std::pair<uint32_t, int64_t>> options;
  for (uint32_t p : space.gene(genes.front()).places) {
    if (!all_can_run(space, genes, p)) continue;
    for (int64_t c = 0; c < space.places()[p].spec->count; ++c)
      if (!(p == first.place && first.cores == std::vector<int64_t>{c})) options.push_back({p, c});
  }
  if (options.empty()) return false;
  const auto [place, core] = pick(options, rng);
  for (size_t g : genes) place_on(genome[g], place, core);
  return true;
}

bool move(const SearchSpace& space, Genome& genome, Rng& rng) {
  if (space.movable().empty()) return false;
  const size_t g = pick(space.movable(), rng);
  if (move_together(space, genome, whole_chain(space, genome, g), rng)) return true;
  detach(space, genome, g);
  return move_together(space, genome, {g}, rng);
}

// Splits gene `g` across 2..n cores of a place with several, along an axis it can be cut
// along, in equal or (sometimes, when allowed) drawn shares; stays on its place when it can and
// `stay` says so.
void draw_split(const SearchSpace& space, Gene& gene, size_t g, bool stay, Rng& rng) {
  const GeneChoices& choices = space.gene(g);
  const auto& eligible = choices.split_places;
  if (!stay || std::find(eligible.begin(), eligible.end(), gene.place) == eligible.end())
    gene.place = pick(eligible, rng);
  const int64_t count = space.places()[gene.place].spec->count;
  const int64_t parts = 2 + static_cast<int64_t>(rng.below(static_cast<uint64_t>(count - 1)));
  std::vector<int64_t> cores(static_cast<size_t>(count));
  std::iota(cores.begin(), cores.end(), 0);
  for (int64_t i = 0; i < parts; ++i)  // a partial Fisher-Yates shuffle picks `parts` cores
    std::swap(cores[static_cast<size_t>(i)],
              cores[static_cast<size_t>(i) + rng.below(static_cast<uint64_t>(count - i))]);
  cores.resize(static_cast<size_t>(parts));
  std::sort(cores.begin(), cores.end());
  gene.cores = std::move(cores);
  gene.split = pick(choices.split_axes, rng);
  gene.shares.clear();
  if (space.options().unequal_shares && rng.chance(0.25))
    for (int64_t i = 0; i < parts; ++i)
      gene.shares.push_back(1 + static_cast<int64_t>(rng.below(4)));
  gene.dtype.reset();
}

bool split(const SearchSpace& space, Genome& genome, Rng& rng) {
  if (space.splittable().empty()) return false;
  const size_t g = pick(space.splittable(), rng);
  const Gene before = genome[g];
  detach(space, genome, g);
  Gene& gene = genome[g];
  if (gene.cores.size() > 1 && rng.chance(1.0 / 3))
    place_on(gene, gene.place, gene.cores.front());
  else
    draw_split(space, gene, g, rng.chance(0.5), rng);
  return gene != before;
}

// Links `g` with its link target `t`, bringing the ops onto one core; false if no core can run
// them all.
bool link_to_target(const SearchSpace& space, Genome& genome, size_t g, size_t t) {
  const size_t to = space.gene(g).link_targets[t];
  if (const auto other = linked_from(space, genome, to)) genome[*other].link = -1;
  const std::vector<size_t> after = chain_from(space, genome, to);
  Gene& head = genome[g];
  if (all_can_run(space, after, head.place)) {
    if (head.cores.size() > 1) place_on(head, head.place, head.cores.front());
    for (size_t a : after) {
      place_on(genome[a], head.place, head.cores.front());
      genome[a].dtype = head.dtype;
    }
  } else {
    std::vector<size_t> before = whole_chain(space, genome, g);
    before.erase(std::find(before.begin(), before.end(), g) + 1, before.end());
    const Gene& target = genome[to];
    if (!all_can_run(space, before, target.place)) return false;
    const int64_t core = target.cores.front();
    if (target.cores.size() > 1) place_on(genome[to], target.place, core);
    for (size_t b : before) place_on(genome[b], genome[to].place, core);
  }
  genome[g].link = static_cast<int32_t>(t);
  return true;
}

bool link_to_random_target(const SearchSpace& space, Genome& genome, size_t g, Rng& rng) {
  return link_to_target(space, genome, g, rng.below(space.gene(g).link_targets.size()));
}

bool link(const SearchSpace& space, Genome& genome, Rng& rng) {
  if (space.linkable().empty()) return false;
  const size_t g = pick(space.linkable(), rng);
  if (genome[g].link >= 0) {
    genome[g].link = -1;
    return true;
  }
  return link_to_random_target(space, genome, g, rng);
}

bool priority(const SearchSpace& space, Genome& genome, Rng& rng) {
  const size_t g = rng.below(genome.size());
  const int64_t before = genome[g].priority;
  if (genome.size() > 1 && rng.chance(0.5)) {
    const size_t other = rng.below(genome.size());
    std::swap(genome[g].priority, genome[other].priority);
  } else if (space.options().priority_levels > 1) {
    genome[g].priority =
        static_cast<int64_t>(rng.below(static_cast<uint64_t>(space.options().priority_levels)));
  }
  return genome[g].priority != before;
}

bool kernel(const SearchSpace& space, Genome& genome, Rng& rng) {
  if (space.kernel_tunable().empty()) return false;
  const size_t g = pick(space.kernel_tunable(), rng);
  const sim::KernelChoice before = genome[g].kernel;
  genome[g].kernel = pick(kernel_choices(), rng);
  return genome[g].kernel != before;
}

}  // namespace

const std::vector<sim::KernelChoice>& kernel_choices() {
  static const std::vector<sim::KernelChoice> all = [] {
    std::vector<sim::KernelChoice> out;
    for (int code = 0; code < sim::kKernelChoiceCount; ++code)
      out.push_back(sim::kernel_choice_of_code(code));
    return out;
  }();
  return all;
}

Genome random_genome(const SearchSpace& space, Rng& rng) {
  Genome genome(space.size());
  const int64_t levels = std::max<int64_t>(1, space.options().priority_levels);
  for (size_t g = 0; g < space.size(); ++g) {
    const GeneChoices& choices = space.gene(g);
    const uint32_t place = pick(choices.places, rng);
    place_on(
        genome[g], place,
        static_cast<int64_t>(rng.below(static_cast<uint64_t>(space.places()[place].spec->count))));
    genome[g].priority = static_cast<int64_t>(rng.below(static_cast<uint64_t>(levels)));
  }
  for (uint32_t g : space.splittable())
    if (rng.chance(0.1)) draw_split(space, genome[g], g, /*stay=*/false, rng);
  for (uint32_t g : space.linkable())
    if (genome[g].cores.size() == 1 && rng.chance(0.25))
      link_to_random_target(space, genome, g, rng);
  return genome;
}

bool mutate(const SearchSpace& space, Genome& genome, Mutation kind, Rng& rng) {
  switch (kind) {
    case Mutation::kMove:
      return move(space, genome, rng);
    case Mutation::kSplit:
      return split(space, genome, rng);
    case Mutation::kLink:
      return link(space, genome, rng);
    case Mutation::kPriority:
      return priority(space, genome, rng);
    case Mutation::kKernel:
      return kernel(space, genome, rng);
  }
  return false;
}

bool mutate(const SearchSpace& space, Genome& genome, Rng& rng) {
  std::vector<Mutation> kinds;
  if (!space.movable().empty()) kinds.push_back(Mutation::kMove);
  if (!space.splittable().empty()) kinds.push_back(Mutation::kSplit);
  if (!space.linkable().empty()) kinds.push_back(Mutation::kLink);
  if (space.options().priority_levels > 1) kinds.push_back(Mutation::kPriority);
  if (!space.kernel_tunable().empty()) kinds.push_back(Mutation::kKernel);
  if (kinds.empty()) return false;
  for (int attempt = 0; attempt < 8; ++attempt)
    if (mutate(space, genome, pick(kinds, rng), rng)) return true;
  return false;
}

std::vector<size_t> chain_of(const SearchSpace& space, const Genome& genome, size_t g) {
  return whole_chain(space, genome, g);
}

std::vector<NodeConfig> node_configs(const SearchSpace& space, const Genome& genome, size_t g,
                                     uint32_t place) {
  const std::vector<size_t> chain = whole_chain(space, genome, g);
  if (!all_can_run(space, chain, place)) return {};
  const int64_t count = space.places()[place].spec->count;
  std::vector<NodeConfig> configs;
  for (int64_t c = 0; c < count; ++c) configs.push_back({place, c, std::nullopt, 1});
  const GeneChoices& choices = space.gene(g);
  const bool can_split = chain.size() == 1 && space.options().splits &&
                         std::find(choices.split_places.begin(), choices.split_places.end(),
                                   place) != choices.split_places.end();
  if (!can_split) return configs;
  std::vector<int64_t> parts = {2, count / 2, count};
  std::sort(parts.begin(), parts.end());
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  for (sim::SplitAxis axis : choices.split_axes)
    for (int64_t n : parts)
      if (n >= 2 && n <= count) configs.push_back({place, 0, axis, n});
  return configs;
}

Genome with_config(const SearchSpace& space, const Genome& genome, size_t g,
                   const NodeConfig& config) {
  Genome out = genome;
  for (size_t member : whole_chain(space, genome, g)) {
    place_on(out[member], config.place, config.core);
    if (config.split) {
      out[member].cores.resize(static_cast<size_t>(config.parts));
      std::iota(out[member].cores.begin(), out[member].cores.end(), 0);
      out[member].split = config.split;
    }
  }
  return out;
}

std::vector<Genome> link_variants(const SearchSpace& space, const Genome& genome, size_t g) {
  std::vector<Genome> variants;
  if (genome[g].link >= 0) {
    variants.push_back(genome);
    variants.back()[g].link = -1;
  }
  const size_t targets = space.gene(g).link_targets.size();
  for (size_t t = 0; t < targets; ++t) {
    if (genome[g].link == static_cast<int32_t>(t)) continue;
    Genome linked = genome;
    linked[g].link = -1;
    if (link_to_target(space, linked, g, t)) variants.push_back(std::move(linked));
  }
  return variants;
}

Genome crossover(const Genome& a, const Genome& b, Rng& rng) {
  Genome child = a;
  if (a.size() < 2 || b.size() != a.size()) return child;
  const size_t first = rng.below(a.size());
  const size_t last = first + rng.below(a.size() - first);  // inclusive
  std::copy(b.begin() + static_cast<std::ptrdiff_t>(first),
            b.begin() + static_cast<std::ptrdiff_t>(last) + 1,
            child.begin() + static_cast<std::ptrdiff_t>(first));
  return child;
}

}  // namespace hsim::explorer
