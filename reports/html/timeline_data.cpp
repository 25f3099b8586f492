// The Gantt chart's data: lanes, one row per scheduled op with why it started when it did, the
// channels' busy intervals and memory bandwidth over time.
#include <algorithm>
#include <cmath>
#include <map>

#include "reports/format.h"
#include "reports/html/report_data.h"

namespace hsim::reports::html {

namespace {

using nlohmann::json;
using sim::OpId;
using sim::Picoseconds;

constexpr int kBandwidthBins = 200;
constexpr Picoseconds kMergeFraction = 2000;  // transfer gaps under makespan / this are merged

using ChannelKey = std::pair<std::string, int64_t>;  // engine, channel

// Engines are named "<device>.<engine>".
std::string device_of(const std::string& engine) {
  return engine.substr(0, engine.find('.'));
}

// The non-view ops whose outputs `id` reads, through any views: what the runner waits for.
std::vector<OpId> producers(const sim::Network& net, OpId id) {
  std::vector<OpId> found;
  std::vector<OpId> pending = {id};
  while (!pending.empty()) {
    const OpId at = pending.back();
    pending.pop_back();
    for (sim::TensorId t : net.op(at).inputs) {
      if (t == sim::kNoTensor) continue;
      const OpId p = net.tensor(t).producer;
      if (p == sim::kNoOp) continue;
      if (net.op(p).cost.is_view)
        pending.push_back(p);
      else if (std::find(found.begin(), found.end(), p) == found.end())
        found.push_back(p);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

// "1x64x56x56 -> 1x256x56x56": the activations it reads (not weights) and what it writes.
std::string op_shapes(const sim::Network& net, const sim::Op& op) {
  std::string in;
  for (sim::TensorId t : op.inputs)
    if (t != sim::kNoTensor && !net.tensor(t).is_fixed())
      in += (in.empty() ? "" : ", ") + shape_text(net.tensor(t).shape);
  std::string out;
  for (sim::TensorId t : op.outputs)
    out += (out.empty() ? "" : ", ") + shape_text(net.tensor(t).shape);
  return in.empty() ? out : in + " -> " + out;
}

struct Lanes {
  json list = json::array();
  std::map<size_t, int> of_core;
  std::map<ChannelKey, int> of_channel;
};

// Device by device: the cores that ran ops, then the channels that moved data.
Lanes make_lanes(const ReportInputs& in) {
  const auto& result = in.result();
  std::map<size_t, bool> ran;
  for (const auto& t : result.ops) ran[t.core] = true;
  std::map<std::string, std::vector<ChannelKey>> channels;  // by device, sorted
  for (const auto& span : result.run.transfers) {
    auto& list = channels[device_of(span.engine)];
    const ChannelKey key{span.engine, span.channel};
    if (std::find(list.begin(), list.end(), key) == list.end()) list.push_back(key);
  }
  Lanes lanes;
  auto add = [&](const std::string& name, const char* kind, const std::string& device) {
    lanes.list.push_back({{"name", name}, {"kind", kind}, {"device", device}});
    return static_cast<int>(lanes.list.size()) - 1;
  };
  for (size_t d = 0; d < in.board.devices.size(); ++d) {
    const std::string& device = in.board.devices[d].name;
    for (const auto& [core, yes] : ran)
      if (yes && in.cores[core].device == d)
        lanes.of_core[core] = add(in.cores[core].name, "core", device);
    auto& list = channels[device];
    std::sort(list.begin(), list.end());
    for (const auto& key : list) {
      // A port has one channel: its name says enough.
      const bool port =
          key.first.size() > 5 && key.first.compare(key.first.size() - 5, 5, "_port") == 0;
      lanes.of_channel[key] =
          add(port ? key.first : key.first + " ch" + std::to_string(key.second), "channel", device);
    }
    channels.erase(device);
  }
  for (auto& [device, list] : channels)  // engines of no known device (not expected)
    for (const auto& key : list) lanes.of_channel[key] = add(key.first, "channel", device);
  return lanes;
}

// Task index of each op in a linked chain or split task, the colour groups of the Gantt chart.
std::map<OpId, int> op_groups(const sim::Network& net, const sim::Schedule* schedule) {
  std::map<OpId, int> groups;
  if (!schedule) return groups;
  for (size_t t = 0; t < schedule->tasks.size(); ++t) {
    const auto& task = schedule->tasks[t];
    if (task.ops.size() < 2 && task.cores.size() < 2) continue;
    for (const auto& name : task.ops)
      if (auto id = net.find_op(name)) groups[*id] = static_cast<int>(t);
  }
  return groups;
}

json timings_table(const ReportInputs& in, const Lanes& lanes, json& ops) {
  const auto& timings = in.result().ops;
  const auto groups = op_groups(in.net, in.strategies.at(in.detailed).schedule);
  // Rows of the ops table, in order of first appearance.
  std::map<OpId, int> op_row;
  for (const auto& t : timings) {
    if (op_row.count(t.op)) continue;
    op_row[t.op] = static_cast<int>(ops["rows"].size());
    const sim::Op& op = in.net.op(t.op);
    ops["rows"].push_back(json::array({op.name, op.type, op_shapes(in.net, op), op.cost.macs}));
  }
  // When each (inference, op) finished: the latest of its shards.
  std::map<std::pair<int64_t, OpId>, Picoseconds> end_of;
  for (const auto& t : timings) {
    Picoseconds& end = end_of[{t.inference, t.op}];
    end = std::max(end, t.end);
  }
  // The op that ran before each one on its core.
  std::vector<size_t> order(timings.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (timings[a].core != timings[b].core) return timings[a].core < timings[b].core;
    return timings[a].start != timings[b].start ? timings[a].start < timings[b].start
                                                : timings[a].end < timings[b].end;
  });
  std::vector<long> previous(timings.size(), -1);
  for (size_t k = 1; k < order.size(); ++k)
    if (timings[order[k]].core == timings[order[k - 1]].core)
      previous[order[k]] = static_cast<long>(order[k - 1]);

  json rows = json::array();
  std::map<OpId, std::vector<OpId>> producers_of;
  for (size_t i = 0; i < timings.size(); ++i) {
    const auto& t = timings[i];
    if (!producers_of.count(t.op)) producers_of[t.op] = producers(in.net, t.op);
    Picoseconds ready = 0;
    OpId last_input = sim::kNoOp;
    for (OpId p : producers_of[t.op]) {
      auto it = end_of.find({t.inference, p});
      if (it != end_of.end() && it->second >= ready) {
        ready = it->second;
        last_input = p;
      }
    }
    const Picoseconds core_free = previous[i] < 0 ? 0 : timings[previous[i]].end;
    // Waited for an input when the core was free before the input arrived; for the core when the
    // input was there before the core was free.
    std::string wait;
    int after = -1;
    if (last_input != sim::kNoOp && ready > core_free) {
      wait = "input";
      after = op_row.at(last_input);
    } else if (previous[i] >= 0 && t.start > ready) {
      wait = "core";
      after = op_row.at(timings[previous[i]].op);
    }
    const char* link = t.link == sim::LinkOutcome::kLinked    ? "linked"
                       : t.link == sim::LinkOutcome::kSpilled ? "spilled"
                                                              : "";
    auto group = groups.find(t.op);
    rows.push_back(json::array(
        {op_row.at(t.op), lanes.of_core.at(t.core), t.start, t.end, ready, core_free, t.compute,
         t.loaded, t.stored, std::string(sim::dtype_name(t.dtype)), t.inference, t.shard, t.shards,
         link, group == groups.end() ? -1 : group->second, wait, after}));
  }
  json out =
      table({"op", "lane", "start", "end", "ready", "core_free", "compute", "loaded", "stored",
             "dtype", "inference", "shard", "shards", "link", "group", "wait", "after"});
  out["rows"] = std::move(rows);
  return out;
}

// Each channel's spans sorted and merged across short gaps: bars a screen can show, few enough
// to keep the file small however finely the platform cut the transfers.
json transfers_table(const ReportInputs& in, const Lanes& lanes) {
  const auto& run = in.result().run;
  std::map<int, std::vector<const sim::TransferSpan*>> by_lane;
  for (const auto& span : run.transfers)
    by_lane[lanes.of_channel.at({span.engine, span.channel})].push_back(&span);
  const Picoseconds gap = std::max<Picoseconds>(1, run.latency / kMergeFraction);
  json out = table({"lane", "start", "end", "bytes", "count", "written"});
  for (auto& [lane, spans] : by_lane) {
    std::stable_sort(spans.begin(), spans.end(), [](const auto* a, const auto* b) {
      return std::tie(a->start, a->end, a->bytes, a->write) <
             std::tie(b->start, b->end, b->bytes, b->write);
    });
    json current;
    for (const auto* span : spans) {
      const sim::Bytes written = span->write ? span->bytes : 0;
      if (!current.is_null() && span->start - current[2].get<Picoseconds>() <= gap) {
        current[2] = std::max(current[2].get<Picoseconds>(), span->end);
        current[3] = current[3].get<int64_t>() + span->bytes;
        current[4] = current[4].get<int64_t>() + 1;
        current[5] = current[5].get<int64_t>() + written;
        continue;
      }
      if (!current.is_null()) out["rows"].push_back(std::move(current));
      current = json::array({lane, span->start, span->end, span->bytes, 1, written});
    }
    if (!current.is_null()) out["rows"].push_back(std::move(current));
  }
  return out;
}

// Bytes of every transfer spread evenly over its duration, summed per device into equal bins.
json bandwidth_data(const ReportInputs& in) {
  const auto& run = in.result().run;
  const Picoseconds span_all = std::max<Picoseconds>(run.latency, 1);
  const double bin = static_cast<double>(span_all) / kBandwidthBins;
  std::map<std::string, std::vector<double>> bytes;
  for (const auto& s : run.transfers) {
    auto& bins = bytes[device_of(s.engine)];
    bins.resize(kBandwidthBins, 0.0);
    const double start = static_cast<double>(s.start), end = static_cast<double>(s.end);
    if (end <= start) {
      bins[std::min<size_t>(kBandwidthBins - 1, static_cast<size_t>(start / bin))] +=
          static_cast<double>(s.bytes);
      continue;
    }
    const double rate = static_cast<double>(s.bytes) / (end - start);
    for (auto b = static_cast<size_t>(start / bin); b < kBandwidthBins; ++b) {
      const double lo = std::max(start, static_cast<double>(b) * bin);
      const double hi = std::min(end, static_cast<double>(b + 1) * bin);
      if (hi <= lo) break;
      bins[b] += rate * (hi - lo);
    }
  }
  json devices = json::array();
  for (const auto& device : in.board.devices) {
    auto it = bytes.find(device.name);
    if (it == bytes.end()) continue;
    json gbps = json::array();
    for (double b : it->second) gbps.push_back(rounded(b * 1000.0 / bin, 2));  // B/ps -> GB/s
    devices.push_back({{"name", device.name},
                       {"peak_gbps", rounded(static_cast<double>(device.dram.bandwidth) / 1e9, 3)},
                       {"gbps", std::move(gbps)}});
  }
  return {{"bin_ps", rounded(bin, 0)}, {"bins", kBandwidthBins}, {"devices", std::move(devices)}};
}

}  // namespace

json table(std::initializer_list<const char*> fields) {
  json names = json::array();
  for (const char* f : fields) names.push_back(f);
  return {{"fields", std::move(names)}, {"rows", json::array()}};
}

double rounded(double value, int places) {
  const double scale = std::pow(10.0, places);
  const double r = std::round(value * scale) / scale;
  return r == 0 ? 0.0 : r;  // no "-0.0"
}

json timeline_data(const ReportInputs& in) {
  const Lanes lanes = make_lanes(in);
  json ops = table({"name", "type", "shapes", "macs"});
  json timings = timings_table(in, lanes, ops);
  return {{"lanes", lanes.list},
          {"ops", std::move(ops)},
          {"timings", std::move(timings)},
          {"transfers", transfers_table(in, lanes)},
          {"bandwidth", bandwidth_data(in)}};
}

}  // namespace hsim::reports::html
