#pragma once

// The data behind a search report's own sections, as JSON search.js draws from (the run sections
// below them use report_data.h). Latencies in ps and energies in fJ as integers; scores rounded to
// whole units of the objective (ps, fJ or ps x fJ); no wall times, so the data is reproducible.
#include <nlohmann/json.hpp>

#include "reports/search_report.h"

namespace hsim::reports::html {

// One of the top candidates, run in full.
struct TopRun {
  std::string label;  // "ga #1"
  size_t search = 0;  // index into SearchReportInputs::searches
  const explorer::Candidate* candidate = nullptr;
  const sim::ScheduleResult* result = nullptr;
};

// "objective" (name, unit, scale from base units), "searches" (per search: generations, sample,
// Pareto front, repairs and infeasibility reasons with counts, totals), "baselines" (name,
// latency, energy, score), "top" (per candidate: latency, energy, score, placement summary, ops
// placed differently from the first and ops placed alike but with other settings, its Gantt
// lanes and bars), "types" (op types the bars index) and "placement" (per op, where each top
// candidate ran it, and whether its settings differ from the first's there).
nlohmann::json search_data(const SearchReportInputs& in, const std::vector<ReportStrategy>& baselines,
                           const std::vector<TopRun>& top);

}  // namespace hsim::reports::html
