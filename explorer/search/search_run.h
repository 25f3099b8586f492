#pragma once

// What every strategy does the same way: decode and repair candidates, look them up in the memo,
// send the new ones to the evaluator as one batch while the evaluation budget lasts, keep the
// best and the Pareto front, count repairs and infeasibility reasons, record each generation and
// decide when to stop. A strategy only proposes genomes.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "search/evaluation_memo.h"
#include "search/rng.h"
#include "search/search.h"

namespace hsim::explorer {

class SearchRun {
 public:
  // Throws InputError when the options set no budget or impossible values.
  SearchRun(const SearchContext& context, const SearchOptions& options, std::string strategy);

  Rng& rng() { return rng_; }
  const SearchSpace& space() const { return context_.space; }
  const SearchOptions& options() const { return options_; }

  // Scores of `genomes` in order. Each is decoded (repairs counted) and replaced by the encoding
  // of what it decoded to, so populations hold only legal genomes. Known schedules come from the
  // memo; new ones are evaluated in one batch, in order, until the evaluation budget is spent:
  // the genomes beyond get nullopt.
  std::vector<std::optional<double>> evaluate(std::vector<Genome>& genomes);

  // False once a budget is spent, a stop was requested or generations stopped bringing anything
  // new; the reason goes into the result. Checks the deterministic limits first.
  bool keep_going();

  // The share of the tightest budget spent so far, in [0, 1]: evaluations, generations or wall
  // time (a strategy that anneals cools by it).
  double budget_spent() const;

  // Records the generation just evaluated from its population's scores and reports it.
  void end_generation(const std::vector<double>& population_scores);

  SearchResult finish();

 private:
  double elapsed() const;

  const SearchContext& context_;
  SearchOptions options_;
  Rng rng_;
  EvaluationMemo memo_;
  TopCandidates top_;
  ParetoFront pareto_;
  EvaluatedSample sample_;
  SearchResult result_;
  std::chrono::steady_clock::time_point start_;
  int64_t evaluations_at_last_generation_ = 0;
  int64_t stalled_ = 0;
};

}  // namespace hsim::explorer
