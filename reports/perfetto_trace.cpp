#include "perfetto_trace.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace hsim::reports {

namespace {

using nlohmann::json;

double us(sim::Picoseconds ps) { return static_cast<double>(ps) / 1e6; }

json metadata(const char* what, int pid, int tid, const std::string& name) {
  return {{"ph", "M"}, {"name", what}, {"pid", pid}, {"tid", tid}, {"args", {{"name", name}}}};
}

// Engines are named "<device>.<engine>"; the device is the process.
std::string device_of(const std::string& engine) { return engine.substr(0, engine.find('.')); }

}  // namespace

void write_perfetto_trace(const sim::Network& net, const sim::BoardSpec& board,
                          const std::vector<sim::CoreInfo>& cores,
                          const sim::ScheduleResult& result, std::ostream& out) {
  json events = json::array();
  std::map<std::string, int> pid_of;
  for (size_t d = 0; d < board.devices.size(); ++d) {
    const int pid = static_cast<int>(d) + 1;
    pid_of[board.devices[d].name] = pid;
    events.push_back(metadata("process_name", pid, 0, board.devices[d].name));
  }
  std::map<size_t, bool> core_used;
  for (const auto& op : result.ops) core_used[op.core] = true;
  for (const auto& [core, used] : core_used) {
    (void)used;
    const int pid = static_cast<int>(cores[core].device) + 1;
    events.push_back(metadata("thread_name", pid, static_cast<int>(core) + 1, cores[core].name));
  }
  for (const auto& op : result.ops) {
    const sim::Op& o = net.op(op.op);
    events.push_back({{"ph", "X"},
                      {"name", o.name},
                      {"cat", o.type},
                      {"pid", static_cast<int>(cores[op.core].device) + 1},
                      {"tid", static_cast<int>(op.core) + 1},
                      {"ts", us(op.start)},
                      {"dur", us(op.end - op.start)},
                      {"args", {{"type", o.type}, {"dtype", std::string(sim::dtype_name(op.dtype))},
                                {"loaded_bytes", op.loaded}, {"stored_bytes", op.stored},
                                {"inference", op.inference}}}});
  }
  // Channel tracks after the cores' thread ids.
  std::map<std::pair<std::string, int64_t>, int> channel_tid;
  int next_tid = static_cast<int>(cores.size()) + 1;
  for (const auto& span : result.run.transfers) {
    const auto key = std::make_pair(span.engine, span.channel);
    auto [it, fresh] = channel_tid.emplace(key, next_tid);
    const int pid = pid_of.count(device_of(span.engine)) ? pid_of[device_of(span.engine)] : 1;
    if (fresh) {
      ++next_tid;
      events.push_back(metadata("thread_name", pid, it->second,
                                span.engine + " ch" + std::to_string(span.channel)));
    }
    events.push_back({{"ph", "X"},
                      {"name", span.write ? "store" : "load"},
                      {"cat", "transfer"},
                      {"pid", pid},
                      {"tid", it->second},
                      {"ts", us(span.start)},
                      {"dur", us(span.end - span.start)},
                      {"args", {{"bytes", span.bytes}}}});
  }
  // DRAM bandwidth per device: +rate at each transfer's start, -rate at its end.
  std::map<int, std::map<sim::Picoseconds, double>> steps;
  for (const auto& span : result.run.transfers) {
    if (span.end <= span.start) continue;
    const double gbps = static_cast<double>(span.bytes) * 1000.0 / static_cast<double>(span.end - span.start);
    const int pid = pid_of.count(device_of(span.engine)) ? pid_of[device_of(span.engine)] : 1;
    steps[pid][span.start] += gbps;
    steps[pid][span.end] -= gbps;
  }
  for (const auto& [pid, changes] : steps) {
    double level = 0;
    for (const auto& [at, delta] : changes) {
      level = std::max(0.0, level + delta);
      events.push_back({{"ph", "C"}, {"name", "DRAM bandwidth (GB/s)"}, {"pid", pid},
                        {"ts", us(at)}, {"args", {{"GB/s", level < 1e-9 ? 0.0 : level}}}});
    }
  }
  out << json{{"traceEvents", events}, {"displayTimeUnit", "ns"}}.dump() << '\n';
}

}  // namespace hsim::reports
