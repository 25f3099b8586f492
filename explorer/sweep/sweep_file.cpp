#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "common/error.h"
#include "config/codecs.h"
#include "config/cursor.h"
#include "config/key_report.h"
#include "config/yaml_document.h"
#include "sweep/sweep_spec.h"

namespace hsim::explorer {

namespace {

using config::Cursor;
using config::Node;

// A non-empty list: every dimension of a sweep needs a value.
template <typename F>
void for_each_item(const Cursor& list, const std::string& expected, F&& f) {
  if (list.node().is_sequence() && list.node().items.empty()) list.fail("needs at least one entry");
  config::for_each_list_item(list, expected, f);
}

std::vector<std::string> paths(const Cursor& top, const char* key, const std::string& base) {
  const Cursor list = top.key(key);
  if (!list.present()) list.fail("missing; list the files to sweep over");
  std::vector<std::string> out;
  for_each_item(list, "a list of files", [&](const Cursor& item) {
    const std::string& text = config::scalar_text(item, "a file path");
    std::filesystem::path p(text);
    if (p.is_relative()) p = std::filesystem::path(base) / p;
    if (!std::filesystem::is_regular_file(p)) item.fail("no such file: " + p.string());
    out.push_back(p.lexically_normal().string());
  });
  return out;
}

// The values a job field takes in the sweep; none when `field` is not a job field.
std::vector<std::string> field_values(const SweepSpec& spec, const std::string& field) {
  if (field == "board") return spec.boards;
  if (field == "net") return spec.nets;
  if (field == "strategy") return spec.strategies;
  if (field == "seed") {
    std::vector<std::string> out;
    for (int64_t seed : spec.seeds) out.push_back(std::to_string(seed));
    return out;
  }
  for (const auto& axis : spec.axes)
    if (axis.path == field) return axis.values;
  return {};
}

// An include or exclude list: rules mapping job fields to a value or a list of values, each of
// which must be one the sweep has (a value matching nothing is a typo, not a filter).
std::vector<SweepRule> rules(const Cursor& list, const SweepSpec& spec, const std::string& base) {
  std::vector<SweepRule> out;
  if (!list.present()) return out;
  for_each_item(list, "a list of field maps", [&](const Cursor& rule) {
    if (!rule.node().is_map()) rule.fail("expected a map such as {board: ..., strategy: ...}");
    SweepRule fields;
    for (const config::MapEntry& entry : rule.node().entries) {
      const std::vector<std::string> known = field_values(spec, entry.key);
      if (known.empty())
        rule.fail_at_key(entry, "not a job field (board, net, strategy, seed or an axis)");
      auto add = [&](const Cursor& at) {
        std::string value = config::scalar_text(at, "a value");
        if (entry.key == "board" || entry.key == "net") {
          std::filesystem::path p(value);
          if (p.is_relative()) p = std::filesystem::path(base) / p;
          value = p.lexically_normal().string();
        }
        if (std::find(known.begin(), known.end(), value) == known.end())
          at.fail("'" + value + "' is not one of the sweep's " + entry.key + " values");
        fields[entry.key].push_back(value);
      };
      const Cursor value = rule.key(entry.key);
      if (value.node().is_sequence())
        for_each_item(value, "a list of values", add);
      else
        add(value);
    }
    out.push_back(std::move(fields));
  });
  return out;
}

bool matches(const SweepRule& rule, const std::map<std::string, std::string>& job) {
  for (const auto& [field, values] : rule)
    if (std::find(values.begin(), values.end(), job.at(field)) == values.end()) return false;
  return true;
}

}  // namespace

SweepSpec parse_sweep_text(const std::string& yaml, const std::string& origin,
                           const std::string& base_dir) {
  const Node root = config::parse_yaml_text(yaml, origin);
  const Cursor top(root);
  if (!root.is_map()) top.fail("expected a sweep (a map with boards, nets and strategies)");
  config::check_keys(
      top, {"boards", "nets", "strategies", "seeds", "inferences", "axes", "include", "exclude"});
  SweepSpec spec;
  spec.source = origin;
  spec.boards = paths(top, "boards", base_dir);
  spec.nets = paths(top, "nets", base_dir);
  const Cursor strategies = top.key("strategies");
  if (!strategies.present()) strategies.fail("missing; name the strategies to run");
  for_each_item(strategies, "a list of strategy names", [&](const Cursor& s) {
    spec.strategies.push_back(config::scalar_text(s, "a strategy name"));
  });
  if (const Cursor seeds = top.key("seeds"); seeds.present()) {
    spec.seeds.clear();
    for_each_item(seeds, "a list of whole numbers",
                  [&](const Cursor& s) { spec.seeds.push_back(config::whole_number(0).read(s)); });
  }
  if (const Cursor c = top.key("inferences"); c.present())
    spec.inferences = config::whole_number(1).read(c);
  if (const Cursor axes = top.key("axes"); axes.present()) {
    if (!axes.node().is_map()) axes.fail("expected a map of board key paths to value lists");
    for (const config::MapEntry& entry : axes.node().entries) {
      SweepAxis axis{entry.key, {}};
      for_each_item(axes.key(entry.key), "a list of values", [&](const Cursor& v) {
        axis.values.push_back(config::scalar_text(v, "a value"));
      });
      spec.axes.push_back(std::move(axis));
    }
  }
  spec.include = rules(top.key("include"), spec, base_dir);
  spec.exclude = rules(top.key("exclude"), spec, base_dir);
  config::report_unused(root);
  return spec;
}

SweepSpec load_sweep_file(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw InputError(path, "no such file");
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_sweep_text(text, path, std::filesystem::path(path).parent_path().string());
}

std::vector<SweepJob> expand_jobs(const SweepSpec& spec) {
  std::vector<SweepJob> jobs;
  std::vector<size_t> index(spec.axes.size(), 0);
  for (const auto& board : spec.boards)
    for (const auto& net : spec.nets)
      for (const auto& strategy : spec.strategies)
        for (int64_t seed : spec.seeds) {
          std::fill(index.begin(), index.end(), 0);
          while (true) {
            SweepJob job{board, net, strategy, seed, {}, ""};
            std::map<std::string, std::string> fields = {{"board", board},
                                                         {"net", net},
                                                         {"strategy", strategy},
                                                         {"seed", std::to_string(seed)}};
            for (size_t a = 0; a < spec.axes.size(); ++a) {
              job.axis_values.push_back(spec.axes[a].values[index[a]]);
              fields[spec.axes[a].path] = job.axis_values.back();
            }
            job.id = board + "|" + net + "|" + strategy + "|" + std::to_string(seed);
            for (const auto& v : job.axis_values) job.id += "|" + v;
            bool keep = spec.include.empty();
            for (const auto& rule : spec.include) keep = keep || matches(rule, fields);
            for (const auto& rule : spec.exclude) keep = keep && !matches(rule, fields);
            if (keep) jobs.push_back(std::move(job));
            // Next axis combination, the last axis fastest.
            size_t a = spec.axes.size();
            while (a > 0 && ++index[a - 1] == spec.axes[a - 1].values.size()) index[--a] = 0;
            if (a == 0) break;
          }
        }
  return jobs;
}

}  // namespace hsim::explorer
