#pragma once

// `ga`: a generational genetic algorithm over genomes (genome.h). The first population holds the
// seed schedules (encoded, duplicates dropped), then mutants of seeds and random genomes in
// equal measure. Each next generation keeps `elites` best unchanged and fills up with children:
// two parents picked by tournaments, a topological-range crossover (variation.h) with
// `crossover_rate`, then mutations (a first with `mutation_rate`, each further with half the
// previous chance; a child equal to a parent is always mutated). Scores: the objective, lower is
// better, infeasible last.
#include "search/search.h"

namespace hsim::explorer {

SearchResult genetic_search(const SearchContext& context, const SearchOptions& options);

}  // namespace hsim::explorer
