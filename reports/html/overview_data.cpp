// The report's header, strategy comparison, per-core utilisation, bytes per memory level and
// energy breakdown, from the results and the components' statistics.
#include <filesystem>
#include <map>

#include "reports/html/report_data.h"

namespace hsim::reports::html {

namespace {

using nlohmann::json;

// The statistics of one run by name, with sums over families of names.
class StatIndex {
 public:
  explicit StatIndex(const sim::RunResult& run) {
    for (const auto& s : run.stats) values_[s.name] += s.value;
  }
  int64_t get(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? 0 : static_cast<int64_t>(it->second);
  }
  // Sum of every "<prefix>...<suffix>" statistic.
  int64_t sum(const std::string& prefix, const std::string& suffix) const {
    double total = 0;
    for (auto it = values_.lower_bound(prefix); it != values_.end(); ++it) {
      const std::string& name = it->first;
      if (name.compare(0, prefix.size(), prefix) != 0) break;
      if (name.size() >= prefix.size() + suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        total += it->second;
    }
    return static_cast<int64_t>(total);
  }

 private:
  std::map<std::string, double> values_;
};

// Bytes through the DMA engines and core ports of a device, named as the platform names them.
int64_t engine_bytes(const StatIndex& stats, const sim::DeviceSpec& device) {
  int64_t total = 0;
  for (const auto& dma : device.dmas) total += stats.get(device.name + "." + dma.name + ".bytes");
  for (const auto& pu : device.pus)
    if (pu.dma.empty())
      for (int64_t c = 0; c < pu.count; ++c)
        total += stats.get(device.name + "." + pu.name + std::to_string(c) + "_port.bytes");
  return total;
}

// Mean busy share of each PU's cores, for PUs that computed at all.
json pu_utilisation(const ReportInputs& in, const sim::ScheduleResult& result) {
  const StatIndex stats(result.run);
  json out = json::array();
  const bool devices = in.board.devices.size() > 1;
  for (size_t d = 0; d < in.board.devices.size(); ++d)
    for (size_t p = 0; p < in.board.devices[d].pus.size(); ++p) {
      double busy = 0;
      int64_t count = 0;
      for (const auto& core : in.cores)
        if (core.device == d && core.pu == p) {
          busy += static_cast<double>(stats.get(core.name + ".compute_busy"));
          ++count;
        }
      if (busy <= 0 || result.run.latency <= 0) continue;
      const auto& dev = in.board.devices[d];
      const std::string name = devices ? dev.name + "." + dev.pus[p].name : dev.pus[p].name;
      out.push_back(
          json::array({name, rounded(busy / static_cast<double>(count * result.run.latency), 4)}));
    }
  return out;
}

json strategy_entry(const ReportInputs& in, const ReportStrategy& s) {
  const auto& r = *s.result;
  return {{"name", s.name},
          {"latency_ps", r.latency_per_inference()},
          {"makespan_ps", r.run.latency},
          {"throughput", rounded(r.throughput(), 3)},
          {"dram_bytes", r.run.dram_bytes},
          {"link_bytes", r.run.link_bytes},
          {"energy_fj", r.run.energy},
          {"utilisation", pu_utilisation(in, r)}};
}

json cores_data(const ReportInputs& in, const StatIndex& stats) {
  std::map<size_t, bool> ran;
  for (const auto& t : in.result().ops) ran[t.core] = true;
  json out = table({"name", "compute", "finish", "macs"});
  for (const auto& [core, yes] : ran) {
    const std::string& name = in.cores[core].name;
    out["rows"].push_back(
        json::array({name, stats.get(name + ".compute_busy"), in.result().run.core_finish[core],
                     stats.get(name + ".macs")}));
  }
  return out;
}

// Bytes served by each DRAM and shared SRAM, moved through DMA engines and ports (in and out of
// local memories), and over each link; energy the same way, as the platform accounts it. Levels
// and parts that moved or cost nothing are left out (a 4-board cluster running on one board).
void memory_and_energy(const ReportInputs& in, const StatIndex& stats, json& memory, json& energy) {
  const auto& run = in.result().run;
  memory = table({"name", "level", "bytes"});
  std::map<std::string, int64_t> parts;  // fJ
  int64_t accounted = 0;
  auto charge = [&](const char* part, int64_t fj) {
    parts[part] += fj;
    accounted += fj;
  };
  auto level = [&](const std::string& name, const char* kind, int64_t bytes) {
    if (bytes > 0) memory["rows"].push_back(json::array({name, kind, bytes}));
  };
  for (const auto& device : in.board.devices) {
    const std::string& d = device.name;
    const int64_t dram = stats.sum(d + ".dram.ch", ".bytes");
    const int64_t sram = stats.sum(d + ".sram.ch", ".bytes");
    const int64_t local = engine_bytes(stats, device);
    level(d + " DRAM", "dram", dram);
    level(d + " shared SRAM", "sram", sram);
    level(d + " local (DMA, ports)", "local", local);
    const auto& e = device.energy;
    const int64_t data =
        dram * e.per_byte_dram + sram * e.per_byte_shared_sram + local * e.per_byte_local;
    charge("compute", stats.get(d + ".dynamic_energy") - data);
    charge("DRAM", dram * e.per_byte_dram);
    if (device.shared_sram) charge("shared SRAM", sram * e.per_byte_shared_sram);
    charge("local memories", local * e.per_byte_local);
    charge("static", e.static_power * run.latency / 1000);  // uW x ps = 1e-3 fJ
  }
  for (const auto& link : in.board.links) {
    const int64_t bytes =
        stats.get(link.name + ".a_to_b.bytes") + stats.get(link.name + ".b_to_a.bytes");
    level(link.name + " (" + link.from + " <-> " + link.to + ")", "link", bytes);
    for (const auto& device : in.board.devices)
      if (device.name == link.from) charge("links", bytes * device.energy.per_byte_link);
  }
  if (run.energy != accounted) charge("other", run.energy - accounted);
  energy = table({"part", "fj"});
  for (const char* part :
       {"compute", "DRAM", "shared SRAM", "local memories", "links", "static", "other"})
    if (parts[part] != 0) energy["rows"].push_back(json::array({part, parts[part]}));
}

}  // namespace

json overview_data(const ReportInputs& in) {
  const ReportStrategy& best = in.strategies.at(in.detailed);
  const auto& r = in.result();
  const StatIndex stats(r.run);
  json meta = {{"net", std::filesystem::path(in.metadata.network).stem().string()},
               {"net_path", in.metadata.network},
               {"net_ops", in.net.ops().size()},
               {"board", in.board.name},
               {"board_description", in.board.description},
               {"strategy", best.name},
               {"version", in.metadata.version},
               {"command", in.metadata.command_line},
               {"inferences", r.inferences.size()}};
  json strategies = json::array();
  for (const auto& s : in.strategies) strategies.push_back(strategy_entry(in, s));
  json memory, energy;
  memory_and_energy(in, stats, memory, energy);
  return {{"meta", std::move(meta)},
          {"summary", strategy_entry(in, best)},
          {"strategies", std::move(strategies)},
          {"cores", cores_data(in, stats)},
          {"memory", std::move(memory)},
          {"energy", std::move(energy)}};
}

}  // namespace hsim::reports::html
