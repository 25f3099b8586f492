#pragma once

// A position in a configuration tree while it is converted: the value there (if present), its
// key path for messages, and where it came from. Every error about a value is raised through a
// cursor, so each names `file:line` and the key path, e.g.
//   hw.yaml:14: devices.soc.pus.npu.clock: expected a frequency such as '1.2 GHz', got 'fast'
//
// Key paths join map keys with '.'; an item of a list is named by its `name` entry when it has
// one that is a plain identifier (devices.soc.pus.npu), otherwise by its index (devices[0]).
// This is the path syntax --set accepts (overrides.h).
#include <string>
#include <string_view>

#include "config/config_node.h"

namespace hsim::config {

class Cursor {
 public:
  explicit Cursor(const Node& root);

  // Whether a value is there. A cursor to an absent key points at the map that lacks it: its
  // messages name that map's line and the absent key's path.
  bool present() const { return present_; }
  const Node& node() const { return *node_; }  // the value, or the nearest present ancestor
  const std::string& path() const { return path_; }
  const SourceMark& mark() const { return node_->mark; }

  Cursor key(std::string_view key) const;  // marks the entry used
  Cursor item(size_t index) const;
  // A cursor at a value that is not in the tree (a schema default): it reports at this cursor's
  // place under this cursor's path + key.
  Cursor synthetic(const Node& value, std::string_view key) const;

  // Throws InputError(where(mark), "<path>: <what>").
  [[noreturn]] void fail(const std::string& what) const;
  // The same at the line of one entry's key in this map (unknown or duplicate keys).
  [[noreturn]] void fail_at_key(const MapEntry& entry, const std::string& what) const;

 private:
  Cursor(const Node* node, bool present, std::string path);

  const Node* node_;
  bool present_;
  std::string path_;
};

// "devices" + "soc" -> "devices.soc"; "" + "devices" -> "devices".
std::string join_path(std::string_view parent, std::string_view key);
// The path segment of a list item: its `name` if that is a plain identifier, else "[index]".
std::string item_segment(const Node& item, size_t index);
// Names hsim accepts for things others refer to: a letter or '_', then letters, digits, '_', '-'.
bool is_identifier(std::string_view text);

// Calls f(item cursor) for each item of the list at `list`; anything else fails with
// "expected <expected>, got <what is there>".
template <typename F>
void for_each_list_item(const Cursor& list, const std::string& expected, F&& f) {
  if (!list.node().is_sequence())
    list.fail("expected " + expected + ", got " + list.node().describe());
  for (size_t i = 0; i < list.node().items.size(); ++i) f(list.item(i));
}

}  // namespace hsim::config
