#include "search/random_search.h"

#include "search/search_run.h"
#include "search/variation.h"

namespace hsim::explorer {

SearchResult random_search(const SearchContext& context, const SearchOptions& options) {
  SearchRun run(context, options, "random");
  do {
    std::vector<Genome> batch;
    for (int64_t i = 0; i < options.population; ++i)
      batch.push_back(random_genome(context.space, run.rng()));
    const auto scores = run.evaluate(batch);
    std::vector<double> evaluated;
    for (const auto& s : scores)
      if (s) evaluated.push_back(*s);
    run.end_generation(evaluated);
  } while (run.keep_going());
  return run.finish();
}

}  // namespace hsim::explorer
