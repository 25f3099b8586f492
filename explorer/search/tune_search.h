#pragma once

// `tune`: auto-tuning in the manner of XTA. Two phases over the best seed schedule (the best
// baseline; a random genome when there is none):
//
// 1. Node tuning. The schedule's nodes (an op, or a chain of linked ops) are visited in network
//    order, each once. For every place (PU) that can run a node, its configs (variation.h:
//    node_configs: each core, and for a lone op each split axis over 2, half of and all the
//    cores) are evaluated with the rest of the schedule fixed, together with linking the node to
//    each successor it may link with or unlinking it; the best is kept when it beats the
//    current schedule. The kernel-level part of the winner (single core, or split axis and
//    parts) is cached per (node signature, place): the signature is the ops' types, shapes,
//    element types and attributes, so a node met again (ResNet's repeated blocks) tries only the
//    cached cut on that place, plus each single core (which core is best depends on what else
//    runs in parallel, not on the node).
// 2. Schedule-level local search: simulated annealing from the best schedule. Each step
//    evaluates `population` neighbours (one mutation or two, variation.h) as one batch and moves
//    to the best of them if it is better, or else with the Metropolis probability at a
//    temperature that falls linearly from 1% of the starting score to zero as the budget is
//    spent; after 8 steps without a new best it restarts from the best.
//
// Each node's batch, and each annealing step, is one generation of search.csv. Deterministic for
// a seed with an evaluation or generation budget.
#include "search/search.h"

namespace hsim::explorer {

SearchResult tune_search(const SearchContext& context, const SearchOptions& options);

}  // namespace hsim::explorer
