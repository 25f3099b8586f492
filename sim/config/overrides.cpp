#include "config/overrides.h"

#include <optional>

#include "common/error.h"
#include "config/cursor.h"
#include "config/yaml_document.h"

namespace hsim::config {

namespace {

struct Step {
  std::string word;             // a map key or an item name; empty for an index step
  std::optional<size_t> index;  // [i]
};

const char* const kSyntax =
    "expected KEY.PATH=VALUE such as devices.soc.dram.bandwidth=12.8 GB/s or "
    "devices[0].pus.npu.clock=1 GHz";

bool is_word_char(char c) {
  return c != '.' && c != '[' && c != ']' && c != '=' && c != ' ';
}

std::vector<Step> parse_path(const std::string& path, const std::string& origin) {
  std::vector<Step> steps;
  size_t at = 0;
  while (true) {
    const size_t start = at;
    while (at < path.size() && is_word_char(path[at])) ++at;
    if (at == start) throw InputError(origin, kSyntax);
    steps.push_back({path.substr(start, at - start), std::nullopt});
    while (at < path.size() && path[at] == '[') {
      const size_t close = path.find(']', at);
      const std::string digits =
          close == std::string::npos ? "" : path.substr(at + 1, close - at - 1);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
          digits.size() > 9)
        throw InputError(origin, "'" + path + "': an index is written [0], [1], ...");
      steps.push_back({"", std::stoul(digits)});
      at = close + 1;
    }
    if (at == path.size()) return steps;
    if (path[at] != '.') throw InputError(origin, kSyntax);
    ++at;
  }
}

std::string names_in(const Node& list) {
  std::string names;
  for (const Node& item : list.items)
    if (const MapEntry* name = item.find("name"))
      if (name->value.is_scalar()) names += (names.empty() ? "" : ", ") + name->value.scalar;
  return names.empty() ? "none has a name" : "names there: " + names;
}

std::string keys_in(const Node& map) {
  std::string keys;
  for (const MapEntry& entry : map.entries) keys += (keys.empty() ? "" : ", ") + entry.key;
  return keys.empty() ? "it is empty" : "keys there: " + keys;
}

// The slot a step leads to: an existing node, or a new entry added at the end of a map.
Node& step_into(Node& node, const Step& step, bool last, const std::string& path,
                const std::string& origin, const SourceMark& mark) {
  const std::string here = path.empty() ? "the top level" : "'" + path + "'";
  if (step.index) {
    if (!node.is_sequence())
      throw InputError(origin, here + " is not a list, so [" + std::to_string(*step.index) +
                                   "] selects nothing");
    if (*step.index >= node.items.size())
      throw InputError(origin, "index [" + std::to_string(*step.index) + "] is out of range: " +
                                   here + " has " + std::to_string(node.items.size()) +
                                   (node.items.size() == 1 ? " item" : " items"));
    return node.items[*step.index];
  }
  if (node.is_map()) {
    if (MapEntry* entry = node.find(step.word)) return entry->value;
    if (!last)
      throw InputError(origin,
                       "no key '" + step.word + "' in " + here + " (" + keys_in(node) + ")");
    node.entries.push_back({step.word, mark, Node::null_at(mark)});
    return node.entries.back().value;
  }
  if (node.is_sequence()) {
    Node* found = nullptr;
    for (Node& item : node.items)
      if (const MapEntry* name = item.find("name"))
        if (name->value.is_scalar() && name->value.scalar == step.word) {
          if (found)
            throw InputError(origin, "several items in " + here + " are named '" + step.word + "'");
          found = &item;
        }
    if (!found)
      throw InputError(
          origin, "no item named '" + step.word + "' in " + here + " (" + names_in(node) + ")");
    return *found;
  }
  throw InputError(origin, here + " is a single value, so it has no '" + step.word + "'");
}

}  // namespace

void apply_override(Node& root, const std::string& spec) {
  const std::string origin = "--set '" + spec + "'";
  const size_t equals = spec.find('=');
  if (equals == std::string::npos || equals == 0) throw InputError(origin, kSyntax);
  const std::string path = spec.substr(0, equals);
  const std::vector<Step> steps = parse_path(path, origin);

  Node value;
  try {
    value = parse_yaml_text(spec.substr(equals + 1), origin);
  } catch (const InputError&) {
    throw InputError(origin, "the value is not valid YAML");
  }
  const SourceMark mark{origin, 0, 0};
  remark(value, mark);

  Node* node = &root;
  std::string walked;
  for (size_t i = 0; i < steps.size(); ++i) {
    node = &step_into(*node, steps[i], i + 1 == steps.size(), walked, origin, mark);
    walked = join_path(
        walked, steps[i].index ? "[" + std::to_string(*steps[i].index) + "]" : steps[i].word);
  }
  *node = std::move(value);
}

void apply_overrides(Node& root, const std::vector<std::string>& specs) {
  for (const std::string& spec : specs) apply_override(root, spec);
}

}  // namespace hsim::config
