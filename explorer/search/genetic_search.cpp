#include "search/genetic_search.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "search/search_run.h"
#include "search/variation.h"

namespace hsim::explorer {

namespace {

struct Individual {
  Genome genome;
  double score = std::numeric_limits<double>::infinity();
};

// Mutations: a first with probability `rate`, then each further with half the previous chance;
// at least one when `force`.
void mutations(const SearchSpace& space, Genome& genome, double rate, bool force, Rng& rng) {
  double chance = rate;
  bool changed = false;
  while (rng.chance(chance)) {
    changed = mutate(space, genome, rng) || changed;
    chance /= 2;
  }
  if (force && !changed) mutate(space, genome, rng);
}

const Individual& tournament(const std::vector<Individual>& population, int64_t size, Rng& rng) {
  size_t best = rng.below(population.size());
  for (int64_t k = 1; k < size; ++k) {
    const size_t other = rng.below(population.size());
    if (population[other].score < population[best].score ||
        (population[other].score == population[best].score && other < best))
      best = other;
  }
  return population[best];
}

// Keeps the genomes that were evaluated, with their scores.
void admit(std::vector<Genome>& genomes, const std::vector<std::optional<double>>& scores,
           std::vector<Individual>& into) {
  for (size_t i = 0; i < genomes.size(); ++i)
    if (scores[i]) into.push_back({std::move(genomes[i]), *scores[i]});
}

std::vector<double> scores_of(const std::vector<Individual>& population) {
  std::vector<double> scores;
  for (const Individual& individual : population) scores.push_back(individual.score);
  return scores;
}

// Island model: immigrants that are new to the population take the places of its worst.
void immigrate(SearchRun& run, const decltype(SearchHooks::migrate)& migrate,
               std::vector<Individual>& population) {
  std::vector<Genome> genomes;
  for (const Individual& individual : population) genomes.push_back(individual.genome);
  std::vector<Genome> immigrants = migrate(genomes);
  if (immigrants.empty()) return;
  const auto scores = run.evaluate(immigrants);
  size_t worst = population.size();
  for (size_t i = 0; i < immigrants.size() && worst > 0; ++i) {
    const bool known = std::any_of(population.begin(), population.end(),
                                   [&](const Individual& p) { return p.genome == immigrants[i]; });
    if (scores[i] && !known) population[--worst] = {std::move(immigrants[i]), *scores[i]};
  }
}

}  // namespace

SearchResult genetic_search(const SearchContext& context, const SearchOptions& options) {
  SearchRun run(context, options, "ga");
  const SearchSpace& space = context.space;
  Rng& rng = run.rng();
  const size_t size = static_cast<size_t>(options.population);

  std::vector<Genome> seeds;
  for (const sim::Schedule& schedule : context.seeds) {
    Genome genome = encode(space, schedule);
    if (std::find(seeds.begin(), seeds.end(), genome) == seeds.end() && seeds.size() < size)
      seeds.push_back(std::move(genome));
  }
  std::vector<Genome> first = seeds;
  while (first.size() < size) {
    if (!seeds.empty() && rng.chance(0.5)) {
      Genome mutant = seeds[rng.below(seeds.size())];
      mutations(space, mutant, 1.0, /*force=*/true, rng);
      first.push_back(std::move(mutant));
    } else {
      first.push_back(random_genome(space, rng));
    }
  }
  std::vector<Individual> population;
  {
    const auto scores = run.evaluate(first);
    admit(first, scores, population);
  }
  run.end_generation(scores_of(population));

  const auto by_score = [](const Individual& a, const Individual& b) { return a.score < b.score; };
  while (run.keep_going() && !population.empty()) {
    std::stable_sort(population.begin(), population.end(), by_score);
    if (context.hooks.migrate) {  // immigrants replace the worst: sort again
      immigrate(run, context.hooks.migrate, population);
      std::stable_sort(population.begin(), population.end(), by_score);
    }
    std::vector<Individual> next;
    for (const Individual& individual : population) {
      if (next.size() >= static_cast<size_t>(options.elites)) break;
      const bool twin = std::any_of(next.begin(), next.end(), [&](const Individual& e) {
        return e.genome == individual.genome;
      });
      if (!twin) next.push_back(individual);
    }
    std::vector<Genome> children;
    while (next.size() + children.size() < size) {
      const Individual& a = tournament(population, options.tournament, rng);
      const Individual& b = tournament(population, options.tournament, rng);
      Genome child =
          rng.chance(options.crossover_rate) ? crossover(a.genome, b.genome, rng) : a.genome;
      const bool copy = child == a.genome || child == b.genome;
      mutations(space, child, options.mutation_rate, copy, rng);
      children.push_back(std::move(child));
    }
    const auto scores = run.evaluate(children);
    admit(children, scores, next);
    population = std::move(next);
    run.end_generation(scores_of(population));
  }
  return run.finish();
}

}  // namespace hsim::explorer
