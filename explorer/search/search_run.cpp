#include "search/search_run.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "common/error.h"

namespace hsim::explorer {

void check_search_options(const SearchOptions& o) {
  const std::string where = "search options";
  if (o.evaluations <= 0 && o.seconds <= 0 && o.generations <= 0)
    throw InputError(where, "give a budget: evaluations, seconds or generations");
  if (o.evaluations < 0 || o.seconds < 0 || o.generations < 0)
    throw InputError(where, "budgets cannot be negative");
  if (o.population < 2) throw InputError(where, "the population needs at least 2 individuals");
  if (o.tournament < 1) throw InputError(where, "a tournament needs at least 1 individual");
  if (o.elites < 0 || o.elites >= o.population)
    throw InputError(where, "elites must be fewer than the population");
  for (double rate : {o.crossover_rate, o.mutation_rate})
    if (!(rate >= 0 && rate <= 1)) throw InputError(where, "rates lie in [0, 1]");
  if (o.stall_generations < 1) throw InputError(where, "stall_generations must be at least 1");
}

SearchRun::SearchRun(const SearchContext& context, const SearchOptions& options,
                     std::string strategy)
    : context_(context),
      options_(options),
      rng_(options.seed),
      top_(options.top),
      start_(std::chrono::steady_clock::now()) {
  check_search_options(options);
  result_.strategy = std::move(strategy);
}

double SearchRun::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

std::vector<std::optional<double>> SearchRun::evaluate(std::vector<Genome>& genomes) {
  std::vector<std::optional<double>> scores(genomes.size());
  std::vector<sim::Schedule> batch;
  std::vector<std::string> batch_keys;
  std::unordered_map<std::string, size_t> pending;  // key -> index in batch
  std::vector<std::optional<size_t>> waits_for(genomes.size());
  for (size_t i = 0; i < genomes.size(); ++i) {
    sim::Schedule schedule = decode(space(), genomes[i], result_.strategy, &result_.repairs);
    genomes[i] = encode(space(), schedule);
    std::string key = canonical_key(schedule);
    if (const auto known = memo_.find(key)) {
      scores[i] = score(*known, options_.objective);
    } else if (const auto it = pending.find(key); it != pending.end()) {
      memo_.count_hit();
      waits_for[i] = it->second;
    } else if (options_.evaluations <= 0 ||
               result_.evaluations + static_cast<int64_t>(batch.size()) < options_.evaluations) {
      waits_for[i] = batch.size();
      pending.emplace(key, batch.size());
      batch.push_back(std::move(schedule));
      batch_keys.push_back(std::move(key));
    }
  }
  if (batch.empty()) return scores;
  const std::vector<Evaluation> evaluations = context_.evaluator.evaluate(batch);
  if (evaluations.size() != batch.size())
    throw std::logic_error("an evaluator returned " + std::to_string(evaluations.size()) +
                           " evaluations for " + std::to_string(batch.size()) + " schedules");
  const int64_t first_evaluation = result_.evaluations;
  result_.evaluations += static_cast<int64_t>(batch.size());
  std::vector<double> batch_scores(batch.size());
  for (size_t b = 0; b < batch.size(); ++b) {
    const Evaluation& e = evaluations[b];
    memo_.store(batch_keys[b], e);
    sample_.offer(first_evaluation + static_cast<int64_t>(b), e);
    batch_scores[b] = score(e, options_.objective);
    if (!e.feasible) {
      ++result_.infeasible[reason_kind(e.reason)];
      continue;
    }
    const Candidate candidate{std::move(batch[b]), e, batch_scores[b]};
    top_.offer(candidate);
    pareto_.offer(candidate);
  }
  for (size_t i = 0; i < genomes.size(); ++i)
    if (waits_for[i]) scores[i] = batch_scores[*waits_for[i]];
  return scores;
}

bool SearchRun::keep_going() {
  if (!result_.stop_reason.empty()) return false;
  const int64_t generation = static_cast<int64_t>(result_.generations.size()) - 1;
  if (options_.evaluations > 0 && result_.evaluations >= options_.evaluations)
    result_.stop_reason = "evaluation budget";
  else if (options_.generations > 0 && generation >= options_.generations)
    result_.stop_reason = "generations";
  else if (stalled_ >= options_.stall_generations)
    result_.stop_reason = "no new candidates";
  else if (options_.seconds > 0 && elapsed() >= options_.seconds)
    result_.stop_reason = "time budget";
  else if (context_.hooks.stop_requested && context_.hooks.stop_requested())
    result_.stop_reason = "interrupted";
  return result_.stop_reason.empty();
}

double SearchRun::budget_spent() const {
  double spent = 0;
  if (options_.evaluations > 0)
    spent = std::max(spent, static_cast<double>(result_.evaluations) /
                                static_cast<double>(options_.evaluations));
  if (options_.generations > 0)
    spent = std::max(spent, static_cast<double>(result_.generations.size()) /
                                static_cast<double>(options_.generations + 1));
  if (options_.seconds > 0) spent = std::max(spent, elapsed() / options_.seconds);
  return std::min(spent, 1.0);
}

void SearchRun::end_generation(const std::vector<double>& population_scores) {
  GenerationStats stats;
  stats.generation = static_cast<int64_t>(result_.generations.size());
  stats.evaluations = result_.evaluations;
  stats.memo_hits = memo_.hits();
  double sum = 0;
  for (double s : population_scores)
    if (std::isfinite(s)) {
      sum += s;
      ++stats.feasible;
    }
  stats.mean = stats.feasible > 0 ? sum / static_cast<double>(stats.feasible)
                                  : std::numeric_limits<double>::quiet_NaN();
  stats.best = std::numeric_limits<double>::infinity();
  if (!top_.best().empty()) {
    stats.best = top_.best().front().score;
    stats.best_evaluation = top_.best().front().evaluation;
  }
  stats.seconds = elapsed();
  stalled_ = result_.evaluations == evaluations_at_last_generation_ ? stalled_ + 1 : 0;
  evaluations_at_last_generation_ = result_.evaluations;
  result_.generations.push_back(stats);
  if (context_.hooks.on_generation) context_.hooks.on_generation(stats);
}

SearchResult SearchRun::finish() {
  if (result_.stop_reason.empty()) keep_going();
  result_.top = top_.best();
  result_.pareto = pareto_.front();
  result_.sampled = sample_.points();
  result_.memo_hits = memo_.hits();
  result_.seconds = elapsed();
  return std::move(result_);
}

}  // namespace hsim::explorer
