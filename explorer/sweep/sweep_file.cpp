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

const std::vector<std::string> kJobFields = {"board", "net", "strategy", "seed"};

}  // namespace

SweepSpec parse_sweep_text(const std::string& yaml, const std::string& origin,
                           const std::string& base_dir) {
  const Node root = config::parse_yaml_text(yaml, origin);
  const Cursor top(root);
  if (!root.is_map()) top.fail("expected a sweep (a map with boards, nets and strategies)");
  config::check_keys(top,
                     {"boards", "nets", "strategies", "seeds", "inferences", "axes", "exclude"});
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
  if (const Cursor exclude = top.key("exclude"); exclude.present())
    for_each_item(exclude, "a list of field maps", [&](const Cursor& rule) {
      if (!rule.node().is_map()) rule.fail("expected a map such as {board: ..., strategy: ...}");
      std::map<std::string, std::string> fields;
      for (const config::MapEntry& entry : rule.node().entries) {
        bool known = false;
        for (const auto& f : kJobFields) known = known || f == entry.key;
        for (const auto& a : spec.axes) known = known || a.path == entry.key;
        if (!known)
          rule.fail_at_key(entry, "not a job field (board, net, strategy, seed or an axis)");
        std::string value = config::scalar_text(rule.key(entry.key), "a value");
        if (entry.key == "board" || entry.key == "net") {
          std::filesystem::path p(value);
          if (p.is_relative()) p = std::filesystem::path(base_dir) / p;
          value = p.lexically_normal().string();
        }
        fields[entry.key] = value;
      }
      spec.exclude.push_back(std::move(fields));
    });
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
            bool excluded = false;
            for (const auto& rule : spec.exclude) {
              bool all = true;
              for (const auto& [field, value] : rule) all = all && fields[field] == value;
              excluded = excluded || all;
            }
            if (!excluded) jobs.push_back(std::move(job));
            // Next axis combination, the last axis fastest.
            size_t a = spec.axes.size();
            while (a > 0 && ++index[a - 1] == spec.axes[a - 1].values.size()) index[--a] = 0;
            if (a == 0) break;
          }
        }
  return jobs;
}

}  // namespace hsim::explorer
