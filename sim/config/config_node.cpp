#include "config/config_node.h"

namespace hsim::config {

std::string where(const SourceMark& mark) {
  return mark.line > 0 ? mark.origin + ":" + std::to_string(mark.line) : mark.origin;
}

Node Node::null_at(SourceMark mark) {
  Node node;
  node.mark = std::move(mark);
  return node;
}

Node Node::scalar_at(std::string text, SourceMark mark) {
  Node node;
  node.kind = Kind::kScalar;
  node.scalar = std::move(text);
  node.mark = std::move(mark);
  return node;
}

const MapEntry* Node::find(const std::string& key) const {
  for (const MapEntry& entry : entries)
    if (entry.key == key) return &entry;
  return nullptr;
}

MapEntry* Node::find(const std::string& key) {
  for (MapEntry& entry : entries)
    if (entry.key == key) return &entry;
  return nullptr;
}

std::string Node::describe() const {
  switch (kind) {
    case Kind::kNull:
      return "nothing";
    case Kind::kScalar:
      return "'" + scalar + "'";
    case Kind::kSequence:
      return "a list";
    case Kind::kMap:
      return "a map";
  }
  return "?";
}

void remark(Node& node, const SourceMark& mark) {
  node.mark = mark;
  for (Node& item : node.items) remark(item, mark);
  for (MapEntry& entry : node.entries) {
    entry.key_mark = mark;
    remark(entry.value, mark);
  }
}

}  // namespace hsim::config
