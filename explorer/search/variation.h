#pragma once

// The variation operators of the search: random genomes, mutations and crossover. Each draws
// only from the Rng it is given, so a seed fixes everything they do. They keep genes within the
// space's choices (a PU that runs the op, a core it has, an axis the op can be cut along, a link
// target); what only the combination makes illegal (a link between ops on different cores after
// a crossover) is left for the decoder to repair.
#include "search/genome.h"
#include "search/rng.h"
#include "search/search_space.h"

namespace hsim::explorer {

enum class Mutation { kMove, kSplit, kLink, kPriority, kKernel };

// Every op on a random PU and core that can run it; some split, some linked, random priorities.
Genome random_genome(const SearchSpace& space, Rng& rng);

// Applies one mutation of the given kind to a random gene it applies to; false if it changed
// nothing (the space offers nothing of that kind, or the draw was a no-op).
//   kMove: an op, with the ops linked to it, to another PU or core;
//   kSplit: an op split across 2..n cores of a PU (axis, cores and shares drawn), or unsplit;
//   kLink: an op linked with a successor (which joins its core) or unlinked;
//   kPriority: two ops swap priorities, or one draws a new one;
//   kKernel: a matrix op draws a new KernelChoice (each part unset or one of its values).
bool mutate(const SearchSpace& space, Genome& genome, Mutation kind, Rng& rng);

// One mutation of a kind drawn uniformly among those that change something; false if none can.
bool mutate(const SearchSpace& space, Genome& genome, Rng& rng);

// The genes linked with `g` into one chain (a node of the schedule), head first; {g} alone when
// it is not linked.
std::vector<size_t> chain_of(const SearchSpace& space, const Genome& genome, size_t g);

// How a node (a chain) runs on a place: on one core, or (a lone gene only) cut along `split`
// into `parts` equal shares on cores 0..parts-1.
struct NodeConfig {
  uint32_t place = 0;
  int64_t core = 0;
  std::optional<sim::SplitAxis> split;
  int64_t parts = 1;

  bool operator==(const NodeConfig& o) const {
    return place == o.place && core == o.core && split == o.split && parts == o.parts;
  }
};

// Every config of the node through `g` on `place` (empty if some gene of it cannot run there):
// each core, and for a lone splittable gene each axis with 2, half of and all the cores.
std::vector<NodeConfig> node_configs(const SearchSpace& space, const Genome& genome, size_t g,
                                     uint32_t place);

// `genome` with the node through `g` run as `config` (its genes keep their links and
// priorities; element types return to the place's baseline).
Genome with_config(const SearchSpace& space, const Genome& genome, size_t g,
                   const NodeConfig& config);

// `genome` with `g` unlinked (if linked) and linked to each of its link targets in turn (the
// target's chain joining g's core, as the kLink mutation does); the ones that can be made.
std::vector<Genome> link_variants(const SearchSpace& space, const Genome& genome, size_t g);

// The KernelChoices a node may try: every combination of each part unset or set (3 x 3 x 3),
// in code order (kernel_choice.h), the all-unset one first.
const std::vector<sim::KernelChoice>& kernel_choices();

// Parent `a` with a contiguous range of genes in network (topological) order taken from `b`:
// the range holds a connected stretch of the graph, so a sub-graph's placement, splits and
// links move together.
Genome crossover(const Genome& a, const Genome& b, Rng& rng);

}  // namespace hsim::explorer
