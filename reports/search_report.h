#pragma once

// The report of a search (report.html of `hsim explore`): one self-contained page, like the run
// report (html_report.h), with the search's own sections on top: convergence (best and mean score
// per generation, one line per search), latency vs energy of a sample of the evaluated candidates
// with the Pareto front and the baselines, the top candidates side by side (latency, energy,
// placement summary, a small Gantt chart each, and their placement op by op), and the repair and
// infeasibility reasons with counts. Below them, the run report's sections for the best candidate
// found, compared with the baselines: Gantt chart, utilisation, bandwidth, bytes, energy, op table.
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "reports/html_report.h"
#include "search/search.h"

namespace hsim::reports {

struct SearchReportInputs {
  const sim::Network& net;
  const sim::BoardSpec& board;
  const std::vector<sim::CoreInfo>& cores;
  explorer::Objective objective;
  // Every search that ran, in the order to show them (`hsim explore` runs one). Each needs at
  // least one candidate in `top`.
  std::vector<const explorer::SearchResult*> searches;
  // The baselines' schedules, by name: the yardstick. Those the runtime rejects are left out.
  std::vector<std::pair<std::string, sim::Schedule>> baselines;
  ReportMetadata metadata;
};

// At most this many of each search's top candidates are run in full and shown side by side.
constexpr size_t kReportedTopCandidates = 10;

// Runs the baselines and the top candidates in full on `runner` (the platform of `cores`), then
// writes the page. Deterministic like the run report: the output depends only on the inputs
// (wall times, which vary from run to run, are left out), and the timestamp is confined to the
// one line holding `data-hsim-timestamp`.
void write_search_report(const SearchReportInputs& in, sim::ScheduleRunner& runner,
                         std::ostream& out);

}  // namespace hsim::reports
