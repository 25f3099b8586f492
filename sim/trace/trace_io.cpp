#include "trace/trace_io.h"

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "common/error.h"

namespace hsim::sim {

namespace {

const std::map<std::string, MemoryLevel> kLevels = {{"dram", MemoryLevel::kDram},
                                                    {"sram", MemoryLevel::kSharedSram},
                                                    {"local", MemoryLevel::kLocal},
                                                    {"link", MemoryLevel::kLink}};
const std::map<std::string, TransferRole> kRoles = {
    {"in", TransferRole::kInput}, {"w", TransferRole::kWeight}, {"out", TransferRole::kOutput}};
const std::map<std::string, ComputeUnit> kUnits = {
    {"mac", ComputeUnit::kMac}, {"vector", ComputeUnit::kVector}, {"scalar", ComputeUnit::kScalar}};

std::optional<DType> dtype_by_name(const std::string& name) {
  for (int code = 0; code < 32; ++code)
    if (auto type = dtype_from_onnx(code); type && dtype_name(*type) == name) return type;
  return std::nullopt;
}

void write_record(std::ostream& out, const TraceRecord& r) {
  out << record_kind_name(r.kind);
  switch (r.kind) {
    case RecordKind::kLoad:
    case RecordKind::kStore:
      out << " bytes=" << r.bytes << " from=" << memory_level_name(r.from)
          << " to=" << memory_level_name(r.to);
      if (!r.tag.empty()) out << " tag=" << r.tag;
      if (r.async) out << " async";
      if (!r.peer.empty()) out << " peer=" << r.peer;
      if (r.role != TransferRole::kUnspecified) out << " role=" << transfer_role_name(r.role);
      break;
    case RecordKind::kCompute:
      out << " cycles=" << r.cycles << " unit=" << compute_unit_name(r.unit);
      if (r.macs) out << " macs=" << r.macs;
      if (r.ops) out << " ops=" << r.ops;
      break;
    case RecordKind::kWait:
      if (!r.tag.empty())
        out << " tag=" << r.tag;
      else
        out << " event=" << r.event;
      break;
    case RecordKind::kSignal:
      out << " event=" << r.event;
      break;
  }
  out << '\n';
}

// One line's words after the first: `key=value` pairs and bare flags.
class Fields {
 public:
  Fields(std::istringstream& words, std::string where) : where_(std::move(where)) {
    std::string word;
    while (words >> word) {
      const auto eq = word.find('=');
      if (eq == std::string::npos) {
        flags_[word] = false;
      } else {
        values_[word.substr(0, eq)] = {word.substr(eq + 1), false};
      }
    }
  }

  int64_t number(const std::string& key, bool required) {
    auto it = values_.find(key);
    if (it == values_.end()) {
      if (required) throw InputError(where_, "missing " + key + "=N");
      return 0;
    }
    it->second.second = true;
    const std::string& text = it->second.first;
    int64_t value = 0;
    auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (err != std::errc() || end != text.data() + text.size() || value < 0)
      throw InputError(where_, key + " must be a whole number >= 0, got '" + text + "'");
    return value;
  }

  std::string text(const std::string& key) {
    auto it = values_.find(key);
    if (it == values_.end()) return "";
    it->second.second = true;
    if (it->second.first.empty()) throw InputError(where_, key + "= needs a value");
    return it->second.first;
  }

  template <typename T>
  T choice(const std::string& key, const std::map<std::string, T>& options, bool required,
           T fallback) {
    const std::string value = text(key);
    if (value.empty()) {
      if (required) throw InputError(where_, "missing " + key + "=");
      return fallback;
    }
    auto it = options.find(value);
    if (it == options.end()) {
      std::string allowed;
      for (const auto& entry : options) allowed += (allowed.empty() ? "" : ", ") + entry.first;
      throw InputError(where_, key + "=" + value + " is not one of " + allowed);
    }
    return it->second;
  }

  bool flag(const std::string& name) {
    auto it = flags_.find(name);
    if (it == flags_.end()) return false;
    it->second = true;
    return true;
  }

  void reject_unused() const {
    for (const auto& [key, entry] : values_)
      if (!entry.second) throw InputError(where_, "unknown field '" + key + "'");
    for (const auto& [name, used] : flags_)
      if (!used) throw InputError(where_, "unknown word '" + name + "'");
  }

 private:
  std::string where_;
  std::map<std::string, std::pair<std::string, bool>> values_;
  std::map<std::string, bool> flags_;
};

TraceRecord parse_record(const std::string& kind, Fields& f, const std::string& where) {
  TraceRecord r;
  if (kind == "load" || kind == "store") {
    r.kind = kind == "load" ? RecordKind::kLoad : RecordKind::kStore;
    r.bytes = f.number("bytes", true);
    r.from = f.choice("from", kLevels, true, MemoryLevel::kDram);
    r.to = f.choice("to", kLevels, true, MemoryLevel::kLocal);
    r.tag = f.text("tag");
    r.async = f.flag("async");
    r.peer = f.text("peer");
    r.role = f.choice("role", kRoles, false, TransferRole::kUnspecified);
    if (r.async && r.tag.empty()) throw InputError(where, "an async transfer needs a tag=");
  } else if (kind == "compute") {
    r.kind = RecordKind::kCompute;
    r.cycles = f.number("cycles", true);
    r.unit = f.choice("unit", kUnits, false, ComputeUnit::kMac);
    r.macs = f.number("macs", false);
    r.ops = f.number("ops", false);
  } else if (kind == "wait") {
    r.kind = RecordKind::kWait;
    r.tag = f.text("tag");
    r.event = f.text("event");
    if (r.tag.empty() == r.event.empty()) throw InputError(where, "wait needs tag= or event=");
  } else if (kind == "signal") {
    r.kind = RecordKind::kSignal;
    r.event = f.text("event");
    if (r.event.empty()) throw InputError(where, "signal needs event=");
  } else {
    throw InputError(where, "unknown record '" + kind +
                                "' (expected kernel, load, store, compute, wait or signal)");
  }
  return r;
}

}  // namespace

void write_traces(std::ostream& out, const std::vector<KernelTrace>& traces) {
  out << "# hsim kernel traces v1\n";
  for (const auto& trace : traces) {
    out << "kernel " << trace.name << " dtype=" << dtype_name(trace.dtype) << '\n';
    for (const auto& record : trace.records) write_record(out, record);
  }
}

std::vector<KernelTrace> read_traces(std::istream& in, const std::string& source) {
  std::vector<KernelTrace> traces;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string kind;
    if (!(words >> kind)) continue;
    const std::string where = source + ":" + std::to_string(number);
    if (kind == "kernel") {
      KernelTrace trace;
      if (!(words >> trace.name)) throw InputError(where, "kernel needs a name");
      Fields fields(words, where);
      const std::string dtype = fields.text("dtype");
      if (!dtype.empty()) {
        const auto type = dtype_by_name(dtype);
        if (!type) throw InputError(where, "unknown dtype '" + dtype + "'");
        trace.dtype = *type;
      }
      fields.reject_unused();
      traces.push_back(std::move(trace));
      continue;
    }
    if (traces.empty()) throw InputError(where, "a record before the first 'kernel' line");
    Fields fields(words, where);
    traces.back().records.push_back(parse_record(kind, fields, where));
    fields.reject_unused();
  }
  return traces;
}

std::vector<KernelTrace> read_trace_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, "cannot be opened");
  return read_traces(in, path);
}

}  // namespace hsim::sim
