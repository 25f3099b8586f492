#include "config/cursor.h"

#include <cctype>

#include "common/error.h"

namespace hsim::config {

bool is_identifier(std::string_view text) {
  if (text.empty()) return false;
  if (!std::isalpha(static_cast<unsigned char>(text.front())) && text.front() != '_') return false;
  for (char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  if (!key.empty() && key.front() == '[') return std::string(parent) + std::string(key);
  return std::string(parent) + "." + std::string(key);
}

std::string item_segment(const Node& item, size_t index) {
  if (const MapEntry* name = item.find("name"))
    if (name->value.is_scalar() && is_identifier(name->value.scalar)) return name->value.scalar;
  return "[" + std::to_string(index) + "]";
}

Cursor::Cursor(const Node& root) : Cursor(&root, true, "") {}

Cursor::Cursor(const Node* node, bool present, std::string path)
    : node_(node), present_(present), path_(std::move(path)) {}

Cursor Cursor::key(std::string_view key) const {
  const std::string path = join_path(path_, key);
  if (present_ && node_->is_map())
    if (const MapEntry* entry = node_->find(std::string(key))) {
      entry->used = true;
      return Cursor(&entry->value, true, path);
    }
  return Cursor(node_, false, path);
}

Cursor Cursor::item(size_t index) const {
  if (present_ && node_->is_sequence() && index < node_->items.size())
    return Cursor(&node_->items[index], true,
                  join_path(path_, item_segment(node_->items[index], index)));
  return Cursor(node_, false, join_path(path_, "[" + std::to_string(index) + "]"));
}

Cursor Cursor::synthetic(const Node& value, std::string_view key) const {
  return Cursor(&value, true, join_path(path_, key));
}

void Cursor::fail(const std::string& what) const {
  throw InputError(where(node_->mark), path_.empty() ? what : path_ + ": " + what);
}

void Cursor::fail_at_key(const MapEntry& entry, const std::string& what) const {
  throw InputError(where(entry.key_mark), join_path(path_, entry.key) + ": " + what);
}

}  // namespace hsim::config
