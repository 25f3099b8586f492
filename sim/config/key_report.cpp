#include "config/key_report.h"

#include <algorithm>
#include <cctype>

#include "common/error.h"

namespace hsim::config {

namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      const size_t next = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.size()];
}

std::string unknown_key_message(const std::string& key, const std::vector<std::string>& allowed) {
  std::string what = "unknown key '" + key + "'";
  if (const auto match = closest_match(key, allowed)) what += " (did you mean '" + *match + "'?)";
  if (allowed.empty()) return what + "; nothing is read here";
  what += "; allowed here: ";
  for (size_t i = 0; i < allowed.size(); ++i) what += (i ? ", " : "") + allowed[i];
  return what;
}

void walk_unused(const Node& node, const std::string& path) {
  for (const MapEntry& entry : node.entries) {
    if (!entry.used)
      throw InputError(
          where(entry.key_mark),
          join_path(path, entry.key) + ": " + unknown_key_message(entry.key, node.allowed_keys));
    walk_unused(entry.value, join_path(path, entry.key));
  }
  for (size_t i = 0; i < node.items.size(); ++i)
    walk_unused(node.items[i], join_path(path, item_segment(node.items[i], i)));
}

}  // namespace

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  size_t best_distance = 3;
  for (const std::string& candidate : candidates) {
    const size_t distance = edit_distance(word, candidate);
    if (distance < best_distance && distance < word.size()) {
      best = candidate;
      best_distance = distance;
    }
  }
  if (best) return best;
  // A key with a word added or left out (local_sram_size for local_sram).
  for (const std::string& candidate : candidates) {
    const std::string_view shorter =
        candidate.size() < word.size() ? std::string_view(candidate) : word;
    const std::string_view longer =
        candidate.size() < word.size() ? word : std::string_view(candidate);
    if (shorter.size() >= 4 && longer.find(shorter) != std::string_view::npos) return candidate;
  }
  return std::nullopt;
}

void check_keys(const Cursor& map, const std::vector<std::string>& allowed) {
  map.node().allowed_keys = allowed;
  for (const MapEntry& entry : map.node().entries)
    if (std::find(allowed.begin(), allowed.end(), entry.key) == allowed.end())
      map.fail_at_key(entry, unknown_key_message(entry.key, allowed));
}

void report_unused(const Node& root) {
  walk_unused(root, "");
}

}  // namespace hsim::config
