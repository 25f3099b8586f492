#pragma once

// The search strategies (`ga`, `tune`, `random`), by name: each takes a search space, an
// evaluator and seed schedules and returns the best candidates it found within its budget.
// Deterministic: with an evaluation (or generation) budget, equal inputs and seed give an
// identical result; only a wall-time budget or a stop request makes the outcome depend on timing.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "search/best_candidates.h"
#include "search/evaluated_sample.h"
#include "search/evaluator.h"
#include "search/genome_codec.h"
#include "search/search_space.h"

namespace hsim::explorer {

struct SearchOptions {
  Objective objective = Objective::kLatency;
  // Budgets; 0 means none, and at least one must be set. Evaluations count the schedules the
  // evaluator was asked for (memo hits are free).
  int64_t evaluations = 0;
  double seconds = 0;
  int64_t generations = 0;      // after the initial population
  int64_t population = 32;      // also the batch size of `random`
  double crossover_rate = 0.9;  // share of children made by crossover (else a parent's copy)
  double mutation_rate = 0.5;   // chance of a first mutation; each further one has half of it
  int64_t tournament = 3;       // individuals per selection tournament
  int64_t elites = 2;           // best individuals copied into the next generation unchanged
  uint64_t seed = 1;
  size_t top = 5;                  // candidates kept in SearchResult::top
  int64_t stall_generations = 50;  // stop after this many generations with nothing new to try
};

struct GenerationStats {
  int64_t generation = 0;   // 0: the initial population (or first batch)
  int64_t evaluations = 0;  // so far
  int64_t memo_hits = 0;    // so far
  int64_t feasible = 0;     // in this generation's population
  double best = 0;          // best score so far (+inf while nothing is feasible)
  double mean = 0;          // mean score of this generation's feasible individuals (NaN if none)
  Evaluation best_evaluation;
  double seconds = 0;  // wall time since the search began
};

struct SearchResult {
  std::string strategy;
  std::vector<Candidate> top;     // best first
  std::vector<Candidate> pareto;  // latency vs energy, by increasing latency
  // At most EvaluatedSample::kDefaultCapacity of the feasible candidates evaluated, spread
  // evenly over the search in evaluation order (evaluated_sample.h): the report's scatter.
  std::vector<EvaluatedPoint> sampled;
  std::vector<GenerationStats> generations;
  RepairCounts repairs;     // by reason, over every decoded candidate
  RepairCounts infeasible;  // by reason kind (reason_kind), over evaluated candidates
  int64_t evaluations = 0;
  int64_t memo_hits = 0;
  double seconds = 0;
  std::string stop_reason;  // "evaluation budget", "time budget", "generations", "interrupted",
                            // "no new candidates"
};

// Called between generations: a progress report, and a question whether to stop (Ctrl-C).
struct SearchHooks {
  std::function<void(const GenerationStats&)> on_generation;
  std::function<bool()> stop_requested;
  // Island model (`ga` only; islands.h): called once per generation before the next is bred,
  // with the population's genomes best first; returns genomes from other islands (usually none),
  // which the GA evaluates and puts in place of its worst individuals.
  std::function<std::vector<Genome>(const std::vector<Genome>& best_first)> migrate;
};

struct SearchContext {
  const SearchSpace& space;
  Evaluator& evaluator;
  std::vector<sim::Schedule> seeds;  // e.g. the baselines' schedules; `random` ignores them
  SearchHooks hooks;
};

using SearchFn = std::function<SearchResult(const SearchContext&, const SearchOptions&)>;

struct SearchStrategy {
  std::string description;
  SearchFn run;
};

// Throws InputError when the options set no budget or impossible values (strategies check it
// too; callers can check before they start anything costly).
void check_search_options(const SearchOptions& options);

// "ga": genetic algorithm (genetic_search.h); "tune": node auto-tuning then annealing
// (tune_search.h); "random": random sampling, the control.
const std::map<std::string, SearchStrategy>& search_strategies();

}  // namespace hsim::explorer
