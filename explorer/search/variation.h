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

enum class Mutation { kMove, kSplit, kLink, kPriority };

// Every op on a random PU and core that can run it; some split, some linked, random priorities.
Genome random_genome(const SearchSpace& space, Rng& rng);

// Applies one mutation of the given kind to a random gene it applies to; false if it changed
// nothing (the space offers nothing of that kind, or the draw was a no-op).
//   kMove: an op, with the ops linked to it, to another PU or core;
//   kSplit: an op split across 2..n cores of a PU (axis, cores and shares drawn), or unsplit;
//   kLink: an op linked with a successor (which joins its core) or unlinked;
//   kPriority: two ops swap priorities, or one draws a new one.
bool mutate(const SearchSpace& space, Genome& genome, Mutation kind, Rng& rng);

// One mutation of a kind drawn uniformly among those that change something; false if none can.
bool mutate(const SearchSpace& space, Genome& genome, Rng& rng);

// Parent `a` with a contiguous range of genes in network (topological) order taken from `b`:
// the range holds a connected stretch of the graph, so a sub-graph's placement, splits and
// links move together.
Genome crossover(const Genome& a, const Genome& b, Rng& rng);

}  // namespace hsim::explorer
