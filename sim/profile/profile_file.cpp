#include "profile/profile_file.h"

#include <charconv>

#include "config/cursor.h"
#include "config/key_report.h"
#include "config/units.h"
#include "config/value_error.h"
#include "config/yaml_document.h"

namespace hsim::sim {

namespace {

using config::Cursor;
using config::Node;

const std::string& scalar(const Cursor& at, const std::string& expected) {
  if (!at.node().is_scalar()) at.fail("expected " + expected + ", got " + at.node().describe());
  return at.node().scalar;
}

int64_t whole_number(const Cursor& at, const std::string& text, int64_t minimum) {
  int64_t value = 0;
  const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (err != std::errc() || end != text.data() + text.size())
    at.fail("expected a whole number, got '" + text + "'");
  if (value < minimum) at.fail("must be at least " + std::to_string(minimum));
  return value;
}

std::optional<DType> dtype_named(const std::string& name) {
  for (int code = 0; code < 32; ++code)
    if (auto type = dtype_from_onnx(code); type && dtype_name(*type) == name) return type;
  return std::nullopt;
}

PuKind pu_kind(const Cursor& at) {
  const std::string& word = scalar(at, "cpu | npu | dsp");
  for (PuKind kind : {PuKind::kCpu, PuKind::kNpu, PuKind::kDsp})
    if (pu_kind_name(kind) == word) return kind;
  at.fail("expected cpu | npu | dsp, got '" + word + "'");
}

std::map<int, Picoseconds> read_times(const Cursor& at) {
  if (!at.node().is_map() || at.node().entries.empty())
    at.fail("expected a map of thread counts to times, e.g. {1: 2.31 ms, 2: 1.24 ms}, got " +
            at.node().describe());
  std::map<int, Picoseconds> times;
  for (const config::MapEntry& entry : at.node().entries) {
    const Cursor value = at.key(entry.key);
    const int64_t threads = whole_number(value, entry.key, 1);
    if (threads > 4096) value.fail("thread count " + entry.key + " is out of range (1..4096)");
    try {
      times[static_cast<int>(threads)] =
          config::parse_quantity(config::Quantity::kTime, scalar(value, "a time such as '2.31 ms'"));
    } catch (const config::ValueError& e) {
      value.fail(e.what());
    }
  }
  return times;
}

ProfileEntry read_entry(const Cursor& at) {
  if (!at.node().is_map()) at.fail("expected an entry (a map with op, pu and times)");
  config::check_keys(at, {"op", "pu", "dtype", "times", "repetitions", "example"});
  ProfileEntry entry;
  const Cursor op = at.key("op");
  if (!op.present()) op.fail("missing; the op signature the times belong to");
  entry.signature = scalar(op, "an op signature");
  if (entry.signature.empty()) op.fail("is empty");
  const Cursor pu = at.key("pu");
  if (!pu.present()) pu.fail("missing; the PU kind it was measured on (cpu | npu | dsp)");
  entry.pu = pu_kind(pu);
  if (const Cursor c = at.key("dtype"); c.present()) {
    const std::string& name = scalar(c, "an element type such as fp32");
    const auto type = dtype_named(name);
    if (!type) c.fail("unknown element type '" + name + "'");
    entry.dtype = *type;
  }
  const Cursor times = at.key("times");
  if (!times.present()) times.fail("missing; the measured time per thread count");
  entry.times = read_times(times);
  if (const Cursor c = at.key("repetitions"); c.present())
    entry.repetitions = whole_number(c, scalar(c, "a whole number"), 1);
  if (const Cursor c = at.key("example"); c.present()) entry.example = scalar(c, "an op name");
  return entry;
}

MeasuredProfile read_profile(const Node& root) {
  const Cursor top(root);
  if (!root.is_map()) top.fail("expected a profile (a map with profile, entries)");
  config::check_keys(top, {"profile", "source", "machine", "entries"});
  const Cursor version = top.key("profile");
  if (!version.present()) version.fail("missing; hsim profiles start with 'profile: 1'");
  if (whole_number(version, scalar(version, "a format version"), 1) != 1)
    version.fail("unknown profile format version (this hsim reads 1)");
  MeasuredProfile profile;
  if (const Cursor c = top.key("source"); c.present()) profile.source = scalar(c, "text");
  if (const Cursor c = top.key("machine"); c.present()) profile.machine = scalar(c, "text");
  const Cursor entries = top.key("entries");
  if (!entries.present()) entries.fail("missing; a profile lists its measured entries");
  if (entries.node().is_null()) return profile;  // an empty list written as `entries:`
  config::for_each_list_item(entries, "a list of entries", [&](const Cursor& item) {
    ProfileEntry entry = read_entry(item);
    if (profile.find(entry.signature, entry.pu, entry.dtype))
      item.key("op").fail("listed twice for pu " + std::string(pu_kind_name(entry.pu)) +
                          " and dtype " + std::string(dtype_name(entry.dtype)));
    profile.entries.push_back(std::move(entry));
  });
  config::report_unused(root);
  return profile;
}

Node scalar_node(const std::string& text) { return Node::scalar_at(text, {}); }

void add(Node& map, const std::string& key, Node value) {
  map.entries.push_back({key, {}, std::move(value)});
}

}  // namespace

MeasuredProfile load_profile_file(const std::string& path) {
  return read_profile(config::load_yaml_file(path));
}

MeasuredProfile parse_profile_text(const std::string& yaml, const std::string& origin) {
  return read_profile(config::parse_yaml_text(yaml, origin));
}

std::string profile_yaml(const MeasuredProfile& profile) {
  Node root;
  root.kind = Node::Kind::kMap;
  add(root, "profile", scalar_node("1"));
  if (!profile.source.empty()) add(root, "source", scalar_node(profile.source));
  if (!profile.machine.empty()) add(root, "machine", scalar_node(profile.machine));
  Node entries;
  entries.kind = Node::Kind::kSequence;
  for (const ProfileEntry& entry : profile.entries) {
    Node item;
    item.kind = Node::Kind::kMap;
    add(item, "op", scalar_node(entry.signature));
    add(item, "pu", scalar_node(std::string(pu_kind_name(entry.pu))));
    add(item, "dtype", scalar_node(std::string(dtype_name(entry.dtype))));
    Node times;
    times.kind = Node::Kind::kMap;
    for (const auto& [threads, time] : entry.times)
      add(times, std::to_string(threads),
          scalar_node(config::format_quantity(config::Quantity::kTime, time)));
    add(item, "times", std::move(times));
    if (entry.repetitions > 0)
      add(item, "repetitions", scalar_node(std::to_string(entry.repetitions)));
    if (!entry.example.empty()) add(item, "example", scalar_node(entry.example));
    entries.items.push_back(std::move(item));
  }
  add(root, "entries", std::move(entries));
  return "# hsim measured profile (README \"Measured profiles\"): op signature, PU kind, time per "
         "thread count\n" +
         config::emit_yaml(root);
}

}  // namespace hsim::sim
