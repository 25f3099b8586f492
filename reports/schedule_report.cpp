#include "schedule_report.h"

#include <fmt/format.h>

#include "csv.h"
#include "format.h"
#include "table.h"

namespace hsim::reports {

namespace {

double us(sim::Picoseconds ps) { return static_cast<double>(ps) / 1e6; }

double stat_value(const sim::RunResult& run, const std::string& name) {
  for (const auto& s : run.stats)
    if (s.name == name) return s.value;
  return 0;
}

}  // namespace

double core_utilisation(const sim::ScheduleResult& result, const std::string& core_name) {
  if (result.run.latency <= 0) return 0;
  return stat_value(result.run, core_name + ".compute_busy") / static_cast<double>(result.run.latency);
}

void print_op_timeline(const sim::Network& net, const std::vector<sim::CoreInfo>& cores,
                       const sim::ScheduleResult& result, std::ostream& out) {
  Table table;
  table.add_column("op");
  table.add_column("type");
  table.add_column("core");
  table.add_column("dtype");
  for (const char* title : {"start (us)", "end (us)", "time (us)", "loaded", "stored"})
    table.add_column(title, Table::Align::kRight);
  for (const auto& t : result.ops) {
    const sim::Op& op = net.op(t.op);
    table.add_row({op.name, op.type, cores[t.core].name, std::string(sim::dtype_name(t.dtype)),
                   fmt::format("{:.3f}", us(t.start)), fmt::format("{:.3f}", us(t.end)),
                   fmt::format("{:.3f}", us(t.end - t.start)), binary_bytes(t.loaded),
                   binary_bytes(t.stored)});
  }
  table.render(out);
}

void print_schedule_summary(const sim::BoardSpec& board, const std::vector<sim::CoreInfo>& cores,
                            const sim::ScheduleResult& result, std::ostream& out) {
  const auto& run = result.run;
  out << fmt::format("Board        {} ({})\n", board.name, board.source);
  if (result.inferences.size() > 1) {
    out << fmt::format("Stream       {} inferences in {:.3f} ms\n", result.inferences.size(),
                       static_cast<double>(run.latency) / 1e9);
    out << fmt::format("Latency      {:.3f} ms per inference (mean)\n",
                       static_cast<double>(result.latency_per_inference()) / 1e9);
  } else {
    out << fmt::format("Latency      {:.3f} ms\n", static_cast<double>(run.latency) / 1e9);
  }
  out << fmt::format("Throughput   {:.1f} inferences/s\n", result.throughput());
  out << fmt::format("DRAM         {}\n", binary_bytes(run.dram_bytes));
  if (run.link_bytes) out << fmt::format("Links        {}\n", binary_bytes(run.link_bytes));
  out << fmt::format("Energy       {:.3f} mJ\n", static_cast<double>(run.energy) / 1e12);
  std::string busy;
  for (size_t c = 0; c < cores.size(); ++c)
    if (run.core_finish[c] > 0)
      busy += fmt::format("{}{} {:.0f}%", busy.empty() ? "" : ", ", cores[c].name,
                          100 * core_utilisation(result, cores[c].name));
  out << fmt::format("Utilisation  {}\n", busy);
}

void write_ops_csv(const sim::Network& net, const std::vector<sim::CoreInfo>& cores,
                   const sim::ScheduleResult& result, std::ostream& out) {
  write_csv_row(out, {"op", "type", "core", "dtype", "start_ps", "end_ps", "loaded_bytes",
                      "stored_bytes", "linked", "split", "inference"});
  for (const auto& t : result.ops) {
    const sim::Op& op = net.op(t.op);
    write_csv_row(out, {op.name, op.type, cores[t.core].name, std::string(sim::dtype_name(t.dtype)),
                        std::to_string(t.start), std::to_string(t.end), std::to_string(t.loaded),
                        std::to_string(t.stored),
                        t.link == sim::LinkOutcome::kLinked    ? "linked"
                        : t.link == sim::LinkOutcome::kSpilled ? "spilled"
                                                               : "0",
                        t.shards > 1 ? fmt::format("{}/{}", t.shard + 1, t.shards) : "0",
                        std::to_string(t.inference)});
  }
}

void write_pus_csv(const std::vector<sim::CoreInfo>& cores, const sim::ScheduleResult& result,
                   std::ostream& out) {
  write_csv_row(out, {"core", "compute_busy_ps", "stalled_ps", "finished_ps", "macs", "ops",
                      "utilisation"});
  for (size_t c = 0; c < cores.size(); ++c) {
    if (result.run.core_finish[c] == 0) continue;
    const std::string& name = cores[c].name;
    write_csv_row(out, {name, fmt::format("{:.0f}", stat_value(result.run, name + ".compute_busy")),
                        fmt::format("{:.0f}", stat_value(result.run, name + ".stalled")),
                        std::to_string(result.run.core_finish[c]),
                        fmt::format("{:.0f}", stat_value(result.run, name + ".macs")),
                        fmt::format("{:.0f}", stat_value(result.run, name + ".ops")),
                        fmt::format("{:.6f}", core_utilisation(result, name))});
  }
}

}  // namespace hsim::reports
