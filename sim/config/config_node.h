#pragma once

// hsim's own configuration tree: what a YAML file (or a --set value) holds, with where each
// value came from. The YAML adapter builds it; overrides edit it; readers convert it and mark
// every map entry they use, so that what nobody used can be reported.
#include <string>
#include <vector>

namespace hsim::config {

struct SourceMark {
  std::string origin;  // a file path, or "--set 'key=value'" for a command-line value
  int line = 0;        // 1-based; 0 when the origin has no lines
  int column = 0;      // 1-based; 0 when unknown
};

// "file:line" (or the origin alone when it has no lines): the `where` of an InputError.
std::string where(const SourceMark& mark);

struct MapEntry;

struct Node {
  enum class Kind { kNull, kScalar, kSequence, kMap };

  Kind kind = Kind::kNull;
  std::string scalar;             // kScalar: the text as written, without quotes
  std::vector<Node> items;        // kSequence
  std::vector<MapEntry> entries;  // kMap, in file order; keys are unique
  SourceMark mark;

  // Set by the reader that opens a map: the keys it accepts there (for error messages).
  mutable std::vector<std::string> allowed_keys;

  static Node null_at(SourceMark mark);
  static Node scalar_at(std::string text, SourceMark mark);

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_map() const { return kind == Kind::kMap; }

  const MapEntry* find(const std::string& key) const;  // nullptr if absent or not a map
  MapEntry* find(const std::string& key);
  // "a map", "a list", "nothing" or the scalar in quotes: for "expected X, got Y" messages.
  std::string describe() const;
};

struct MapEntry {
  std::string key;
  SourceMark key_mark;
  Node value;
  mutable bool used = false;
};

// Sets every mark in the tree to `mark` (values that came from the command line).
void remark(Node& node, const SourceMark& mark);

}  // namespace hsim::config
