#include "reports/search_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "common/error.h"
#include "reports/html/assets.h"
#include "reports/html/page.h"
#include "reports/html/report_data.h"
#include "reports/html/search_assets.h"
#include "reports/html/search_data.h"

namespace hsim::reports {

namespace {

using html::escape_html;
using html::fact;

struct Ran {
  std::string name;
  const sim::Schedule* schedule;
  sim::ScheduleResult result;
};

// The baselines the runtime accepts, run in full (those it rejects are no yardstick).
std::vector<Ran> run_baselines(const SearchReportInputs& in, sim::ScheduleRunner& runner) {
  std::vector<Ran> out;
  for (const auto& [name, schedule] : in.baselines) {
    try {
      out.push_back({name, &schedule, runner.run(schedule, "baseline " + name)});
    } catch (const InputError&) {
    } catch (const std::logic_error&) {  // a deadlock the runtime detected
    }
  }
  return out;
}

std::string score_text(double score, explorer::Objective objective) {
  switch (objective) {
    case explorer::Objective::kLatency:
      return fmt::format("{:.3f} ms", score / 1e9);
    case explorer::Objective::kEnergy:
      return fmt::format("{:.3f} mJ", score / 1e12);
    case explorer::Objective::kEdp:
      return fmt::format("{:.4g} ms\u00b7mJ", score / 1e21);
  }
  return "";
}

constexpr const char* kSearchSections = R"(<section id="convergence-section"><h2>Convergence</h2>
<p class="note">Best score found so far (solid, one point per generation) and the mean score of each generation's feasible candidates (dashed), against the candidates evaluated so far. The dotted line is the best baseline.</p>
<div id="convergence"></div><div class="legend" id="convergence-legend"></div></section>
<section id="scatter-section"><h2>Latency and energy of the candidates evaluated</h2>
<div class="controls" id="scatter-view"><button data-view="near" class="on">Near the best</button><button data-view="all">All candidates</button></div>
<p class="note" id="scatter-note"></p>
<div id="scatter"></div><div class="legend" id="scatter-legend"></div></section>
<section id="top-section"><h2>Top candidates side by side</h2>
<p class="note" id="top-note"></p>
<div id="top-cards"></div>
<details id="placement-details"><summary>Placement op by op</summary>
<p class="note">Where each candidate ran each op: PU and core, or the cores and axis of a split; &#8594; marks an op linked to the next op of its chain (its output stays in local memory). Cells that differ from the first candidate are highlighted (light: same place, other settings).</p>
<label class="check"><input type="checkbox" id="placement-differ" checked> only ops that differ</label>
<div class="table-wrap"><table id="placement-table"></table></div></details></section>
<section id="reasons-section"><h2>Repairs and infeasible candidates</h2>
<p class="note">Repairs: candidates the decoder changed to make them legal, by reason. Infeasible: candidates the runtime rejected, by kind of reason (names blanked).</p>
<div id="reasons"></div></section>
)";

}  // namespace

void write_search_report(const SearchReportInputs& in, sim::ScheduleRunner& runner,
                         std::ostream& out) {
  if (in.searches.empty()) throw std::invalid_argument("write_search_report: no search");
  const std::vector<Ran> baselines = run_baselines(in, runner);

  // The top candidates of each search, run in full; the best by the objective is drawn in detail.
  std::vector<html::TopRun> top;
  std::vector<sim::ScheduleResult> top_results;
  for (size_t s = 0; s < in.searches.size(); ++s) {
    const auto& found = in.searches[s]->top;
    if (found.empty())
      throw std::invalid_argument("write_search_report: search '" + in.searches[s]->strategy +
                                  "' has no candidate");
    for (size_t k = 0; k < found.size() && k < kReportedTopCandidates; ++k)
      top.push_back({fmt::format("{} #{}", in.searches[s]->strategy, k + 1), s, &found[k],
                     nullptr});
  }
  top_results.reserve(top.size());
  for (auto& t : top) {
    top_results.push_back(runner.run(t.candidate->schedule, t.label));
    t.result = &top_results.back();
  }
  std::stable_sort(top.begin(), top.end(), [](const html::TopRun& a, const html::TopRun& b) {
    return a.candidate->score < b.candidate->score;
  });
  const html::TopRun& best = top.front();

  // The run sections compare the baselines with each search's best; sorted by latency.
  std::vector<ReportStrategy> compared;
  for (const auto& b : baselines) compared.push_back({b.name, b.schedule, &b.result});
  for (const auto& t : top)
    if (t.label == in.searches[t.search]->strategy + " #1")
      compared.push_back({t.label, &t.candidate->schedule, t.result});
  std::stable_sort(compared.begin(), compared.end(), [](const auto& a, const auto& b) {
    return a.result->latency_per_inference() < b.result->latency_per_inference();
  });
  size_t detailed = 0;
  while (compared[detailed].result != best.result) ++detailed;
  const html::ReportInputs run_inputs{in.net,   in.board, in.cores, compared,
                                      detailed, in.metadata};
  nlohmann::json run_data = html::overview_data(run_inputs);
  run_data.update(html::timeline_data(run_inputs));
  std::vector<ReportStrategy> baseline_list;
  for (const auto& b : baselines) baseline_list.push_back({b.name, b.schedule, &b.result});
  const nlohmann::json search_data = html::search_data(in, baseline_list, top);

  // The header.
  const std::string net = std::filesystem::path(in.metadata.network).stem().string();
  std::string strategies;
  for (const auto* s : in.searches) strategies += (strategies.empty() ? "" : ", ") + s->strategy;
  int64_t evaluations = 0, memo_hits = 0;
  std::string stopped;
  for (const auto* s : in.searches) {
    evaluations += s->evaluations;
    memo_hits += s->memo_hits;
    stopped += (stopped.empty() ? "" : "; ") +
               (in.searches.size() > 1 ? s->strategy + ": " : std::string()) + s->stop_reason;
  }
  const double best_baseline = [&] {
    double score = 0;
    for (const auto& row : search_data["baselines"]["rows"])
      if (!row[3].is_null() && (score == 0 || row[3].get<double>() < score))
        score = row[3].get<double>();
    return score;
  }();
  const std::string title = fmt::format("{} on {}: {} search", net, in.board.name, strategies);
  html::write_page_start(out, "hsim: " + title, std::string(html::kReportCss) + html::kSearchCss);
  out << "<header>\n<h1>" << escape_html(title) << "</h1>\n<dl class=\"facts\">\n"
      << fact("Network", fmt::format("{} ({} ops)", in.metadata.network, in.net.ops().size()))
      << fact("Board", in.board.name)
      << fact("Search", fmt::format("{}, {} objective", strategies,
                                    explorer::objective_name(in.objective)))
      << fact("Best found", fmt::format("{} ({})", score_text(best.candidate->score, in.objective),
                                        best.label))
      << fact("Vs best baseline", best_baseline > 0
                                      ? fmt::format("{:.3f}x", best_baseline / best.candidate->score)
                                      : std::string("-"))
      << fact("Latency", fmt::format("{:.3f} ms",
                                     static_cast<double>(best.candidate->evaluation.latency) / 1e9))
      << fact("Energy", fmt::format("{:.3f} mJ",
                                    static_cast<double>(best.candidate->evaluation.energy) / 1e12))
      << fact("Evaluations", fmt::format("{} ({} memo hits)", evaluations, memo_hits))
      << fact("Stopped", stopped) << fact("hsim", in.metadata.version) << "</dl>\n"
      << "<p class=\"cmd\"><code>" << escape_html(in.metadata.command_line) << "</code></p>\n"
      << html::timestamp_line(in.metadata.timestamp) << "</header>\n";
  out << "<main>\n" << kSearchSections;
  out << "<h2 class=\"part\">The best candidate in full: " << escape_html(best.label) << "</h2>\n";
  html::write_run_sections(out, best.label);
  out << "</main>\n";
  html::write_page_end_elements(out);
  html::write_json_script(out, "hsim-data", run_data);
  html::write_json_script(out, "hsim-search-data", search_data);
  out << "<script>\n"
      << html::kReportJs << "</script>\n<script>\n"
      << html::kSearchJs << "</script>\n</body>\n</html>\n";
}

}  // namespace hsim::reports
