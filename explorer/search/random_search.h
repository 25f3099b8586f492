#pragma once

// `random`: the control. Batches of `population` random genomes (random_genome), evaluated until
// the budget is spent; seeds are ignored, so it shows what the budget buys without any guidance.
#include "search/search.h"

namespace hsim::explorer {

SearchResult random_search(const SearchContext& context, const SearchOptions& options);

}  // namespace hsim::explorer
