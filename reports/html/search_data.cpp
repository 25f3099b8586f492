// The search report's own data: convergence, the evaluated sample and Pareto front, reasons, and
// the top candidates' placements and timelines.
#include "reports/html/search_data.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "reports/html/report_data.h"
#include "schedule/schedule_file.h"

namespace hsim::reports::html {

namespace {

using nlohmann::json;

const char* axis_name(sim::SplitAxis axis) {
  switch (axis) {
    case sim::SplitAxis::kOutputChannels:
      return "channels";
    case sim::SplitAxis::kOutputRows:
      return "rows";
    case sim::SplitAxis::kBatch:
      return "batch";
  }
  return "?";
}

json objective_data(explorer::Objective objective) {
  struct Unit {
    const char* unit;
    double scale;  // base units (ps, fJ, ps x fJ) per unit
  };
  const Unit unit = objective == explorer::Objective::kLatency  ? Unit{"ms", 1e9}
                    : objective == explorer::Objective::kEnergy ? Unit{"mJ", 1e12}
                                                                : Unit{"ms\u00b7mJ", 1e21};
  return {{"name", explorer::objective_name(objective)},
          {"unit", unit.unit},
          {"scale", unit.scale}};
}

// A score in whole base units, or null (nothing feasible yet, no mean).
json score_value(double score) {
  return std::isfinite(score) ? json(rounded(score, 0)) : json(nullptr);
}

// Reasons by count, most frequent first, ties by reason.
json reason_table(const explorer::RepairCounts& counts) {
  std::vector<std::pair<std::string, int64_t>> list(counts.begin(), counts.end());
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  json out = table({"reason", "count"});
  for (const auto& [reason, n] : list) out["rows"].push_back(json::array({reason, n}));
  return out;
}

json search_entry(const explorer::SearchResult& s) {
  json generations = table(
      {"generation", "evaluations", "feasible", "best", "mean", "best_latency", "best_energy"});
  for (const auto& g : s.generations) {
    const bool any = std::isfinite(g.best);
    generations["rows"].push_back(json::array(
        {g.generation, g.evaluations, g.feasible, score_value(g.best), score_value(g.mean),
         any ? json(g.best_evaluation.latency) : json(nullptr),
         any ? json(g.best_evaluation.energy) : json(nullptr)}));
  }
  json sample = table({"evaluation", "latency", "energy"});
  for (const auto& p : s.sampled)
    sample["rows"].push_back(json::array({p.evaluation, p.latency, p.energy}));
  json pareto = table({"latency", "energy"});
  for (const auto& c : s.pareto)
    pareto["rows"].push_back(json::array({c.evaluation.latency, c.evaluation.energy}));
  return {{"strategy", s.strategy},
          {"evaluations", s.evaluations},
          {"memo_hits", s.memo_hits},
          {"stop_reason", s.stop_reason},
          {"kept", s.top.size()},
          {"generations", std::move(generations)},
          {"sample", std::move(sample)},
          {"pareto", std::move(pareto)},
          {"repairs", reason_table(s.repairs)},
          {"infeasible", reason_table(s.infeasible)}};
}

// Where a schedule puts things, in the board's terms.
class Placement {
 public:
  Placement(const sim::BoardSpec& board, const sim::Network& net, const sim::Schedule& schedule)
      : board_(board) {
    for (const auto& task : schedule.tasks) {
      const auto [device, pu] = locate(task);
      auto& summary = per_pu_[{device, pu}];
      summary.ops += static_cast<int64_t>(task.ops.size());
      summary.cores.insert(task.cores.begin(), task.cores.end());
      if (task.cores.size() > 1) {
        ++splits_;
        split_ops_ += static_cast<int64_t>(task.ops.size());
        ++axes_[axis_name(task.split.value_or(sim::SplitAxis::kOutputChannels))];
      }
      if (task.ops.size() > 1) {
        ++chains_;
        linked_ops_ += static_cast<int64_t>(task.ops.size());
      }
      const std::string where = where_text(device, pu, task);
      // The whole task as a schedule file writes it: any other setting (priority, element type,
      // kernel choices, chain members) shows up as a difference.
      sim::Schedule alone;
      alone.tasks = {task};
      const std::string settings = sim::schedule_yaml(alone);
      for (size_t i = 0; i < task.ops.size(); ++i) {
        const auto id = net.find_op(task.ops[i]);
        if (!id) continue;
        // The arrow: linked to the next op of its chain (its output stays in local memory).
        cells_[*id] = where + (i + 1 < task.ops.size() ? " \u2192" : "");
        settings_[*id] = settings;
      }
    }
  }

  // Per op: where it runs ("" when the schedule leaves it out) and its task's full settings.
  std::string cell(sim::OpId id) const { return find(cells_, id); }
  std::string settings(sim::OpId id) const { return find(settings_, id); }
  const std::map<sim::OpId, std::string>& cells() const { return cells_; }

  json summary() const {
    json pus = json::array();
    for (const auto& [key, s] : per_pu_)
      pus.push_back(json::array({pu_label(key.first, key.second), s.ops, s.cores.size()}));
    json axes = json::array();
    for (const auto& [axis, n] : axes_) axes.push_back(json::array({axis, n}));
    return {{"pus", std::move(pus)},       {"splits", splits_}, {"split_ops", split_ops_},
            {"split_axes", std::move(axes)}, {"chains", chains_}, {"linked_ops", linked_ops_}};
  }

 private:
  struct PuSummary {
    int64_t ops = 0;
    std::set<int64_t> cores;
  };

  std::pair<size_t, size_t> locate(const sim::ScheduledTask& task) const {
    size_t device = 0;
    for (size_t d = 0; d < board_.devices.size(); ++d)
      if (board_.devices[d].name == task.device) device = d;
    const auto& pus = board_.devices.at(device).pus;
    size_t pu = pus.size();
    for (size_t p = 0; p < pus.size(); ++p)
      if (pus[p].name == task.pu) pu = p;
    return {device, pu};
  }

  std::string pu_label(size_t device, size_t pu) const {
    const auto& dev = board_.devices.at(device);
    const std::string name = pu < dev.pus.size() ? dev.pus[pu].name : "?";
    return board_.devices.size() > 1 ? dev.name + "." + name : name;
  }

  // "npu0", "dsp0-7 rows", "cpu0,2 channels".
  std::string where_text(size_t device, size_t pu, const sim::ScheduledTask& task) const {
    std::string text = pu_label(device, pu);
    std::vector<int64_t> cores = task.cores;
    std::sort(cores.begin(), cores.end());
    const bool contiguous = cores.size() > 2 && cores.back() - cores.front() + 1 ==
                                                    static_cast<int64_t>(cores.size());
    if (contiguous) {
      text += std::to_string(cores.front()) + "-" + std::to_string(cores.back());
    } else {
      for (size_t i = 0; i < task.cores.size(); ++i)
        text += (i ? "," : "") + std::to_string(task.cores[i]);
    }
    if (task.cores.size() > 1)
      text += std::string(" ") + axis_name(task.split.value_or(sim::SplitAxis::kOutputChannels));
    return text;
  }

  static std::string find(const std::map<sim::OpId, std::string>& map, sim::OpId id) {
    auto it = map.find(id);
    return it == map.end() ? "" : it->second;
  }

  const sim::BoardSpec& board_;
  std::map<std::pair<size_t, size_t>, PuSummary> per_pu_;
  std::map<sim::OpId, std::string> settings_;
  std::map<std::string, int64_t> axes_;
  std::map<sim::OpId, std::string> cells_;
  int64_t splits_ = 0, split_ops_ = 0, chains_ = 0, linked_ops_ = 0;
};

// A top candidate's lanes (the cores that ran ops, by platform order) and one bar per entry of
// its ScheduleResult::ops, typed by index into `types`.
json gantt(const SearchReportInputs& in, const sim::ScheduleResult& result,
           std::vector<std::string>& types) {
  std::map<size_t, int> lane_of;
  for (const auto& t : result.ops) lane_of[t.core] = 0;
  json lanes = json::array();
  for (auto& [core, lane] : lane_of) {
    lane = static_cast<int>(lanes.size());
    std::string name = in.cores.at(core).name;
    if (in.board.devices.size() == 1) name = name.substr(name.find('.') + 1);
    lanes.push_back(name);
  }
  json bars = table({"lane", "start", "end", "type"});
  for (const auto& t : result.ops) {
    const std::string& type = in.net.op(t.op).type;
    auto it = std::find(types.begin(), types.end(), type);
    if (it == types.end()) it = types.insert(types.end(), type);
    bars["rows"].push_back(
        json::array({lane_of.at(t.core), t.start, t.end, std::distance(types.begin(), it)}));
  }
  return {{"lanes", std::move(lanes)}, {"bars", std::move(bars)}};
}

}  // namespace

json search_data(const SearchReportInputs& in, const std::vector<ReportStrategy>& baselines,
                 const std::vector<TopRun>& top) {
  json searches = json::array();
  for (const auto* s : in.searches) searches.push_back(search_entry(*s));

  json baseline_rows = table({"name", "latency", "energy", "score"});
  for (const auto& b : baselines) {
    explorer::Evaluation e;
    e.feasible = true;
    e.latency = b.result->run.latency;
    e.energy = b.result->run.energy;
    baseline_rows["rows"].push_back(json::array(
        {b.name, e.latency, e.energy, score_value(explorer::score(e, in.objective))}));
  }

  std::vector<Placement> placements;
  for (const auto& t : top) placements.emplace_back(in.board, in.net, t.candidate->schedule);
  std::set<sim::OpId> placed;
  for (const auto& p : placements)
    for (const auto& [id, cell] : p.cells()) placed.insert(id);
  // Per op and candidate: where it ran, and whether it ran at the same place as in the first
  // candidate but with other settings.
  json placement_ops = json::array(), placement_cells = json::array(), retuned = json::array();
  std::vector<int64_t> moved(top.size(), 0), retuned_count(top.size(), 0);
  for (sim::OpId id : placed) {  // network (topological) order
    placement_ops.push_back(in.net.op(id).name);
    json row = json::array(), flags = json::array();
    for (size_t k = 0; k < placements.size(); ++k) {
      const std::string cell = placements[k].cell(id);
      const bool other_place = cell != placements[0].cell(id);
      const bool other_settings =
          !other_place && placements[k].settings(id) != placements[0].settings(id);
      moved[k] += other_place;
      retuned_count[k] += other_settings;
      row.push_back(cell);
      flags.push_back(other_settings ? 1 : 0);
    }
    placement_cells.push_back(std::move(row));
    retuned.push_back(std::move(flags));
  }

  std::vector<std::string> types;
  json top_list = json::array();
  for (size_t k = 0; k < top.size(); ++k) {
    const auto& t = top[k];
    json entry = {{"label", t.label},
                  {"search", t.search},
                  {"latency", t.candidate->evaluation.latency},
                  {"energy", t.candidate->evaluation.energy},
                  {"score", score_value(t.candidate->score)},
                  {"moved", moved[k]},
                  {"retuned", retuned_count[k]},
                  {"makespan", t.result->run.latency}};
    entry.update(placements[k].summary());
    entry.update(gantt(in, *t.result, types));
    top_list.push_back(std::move(entry));
  }

  return {{"objective", objective_data(in.objective)},
          {"searches", std::move(searches)},
          {"baselines", std::move(baseline_rows)},
          {"top", std::move(top_list)},
          {"types", types},
          {"placement",
           {{"ops", std::move(placement_ops)},
            {"cells", std::move(placement_cells)},
            {"retuned", std::move(retuned)}}}};
}

}  // namespace hsim::reports::html
