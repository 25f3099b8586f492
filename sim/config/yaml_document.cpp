#include "config/yaml_document.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.h"

namespace hsim::config {

namespace {

// Aliases let a small file expand into a huge tree; no board comes near this many values.
constexpr size_t kMaxValues = 1'000'000;

struct Converter {
  const std::string& origin;
  size_t values = 0;

  SourceMark mark_of(const YAML::Mark& mark) const {
    if (mark.line < 0) return {origin, 0, 0};
    return {origin, mark.line + 1, mark.column + 1};
  }

  [[noreturn]] void fail(const SourceMark& mark, const std::string& what) const {
    throw InputError(where(mark), what);
  }

  // `fallback` marks a value that yaml-cpp gives no position of its own (an empty value).
  Node convert(const YAML::Node& yaml, const SourceMark& fallback) {
    if (++values > kMaxValues)
      fail(fallback, "the document expands to more than " + std::to_string(kMaxValues) +
                         " values (aliases included)");
    SourceMark mark = yaml.IsNull() || yaml.Mark().line < 0 ? fallback : mark_of(yaml.Mark());
    Node node = Node::null_at(mark);
    switch (yaml.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return node;
      case YAML::NodeType::Scalar:
        return Node::scalar_at(yaml.Scalar(), mark);
      case YAML::NodeType::Sequence:
        node.kind = Node::Kind::kSequence;
        for (const YAML::Node& item : yaml) node.items.push_back(convert(item, mark));
        return node;
      case YAML::NodeType::Map:
        node.kind = Node::Kind::kMap;
        for (const auto& pair : yaml) {
          const SourceMark key_mark = mark_of(pair.first.Mark());
          if (!pair.first.IsScalar())
            fail(key_mark, "a key must be a plain word, not " +
                               std::string(pair.first.IsMap() ? "a map" : "a list"));
          const std::string key = pair.first.Scalar();
          if (const MapEntry* first = node.find(key))
            fail(key_mark, "duplicate key '" + key + "' (first at line " +
                               std::to_string(first->key_mark.line) + ")");
          node.entries.push_back({key, key_mark, convert(pair.second, key_mark)});
        }
        return node;
    }
    return node;
  }
};

bool is_short_scalar_collection(const Node& node) {
  size_t length = 0;
  auto scalar_length = [&](const Node& value) {
    if (!value.is_scalar()) return false;
    length += value.scalar.size() + 2;
    return true;
  };
  for (const Node& item : node.items)
    if (!scalar_length(item)) return false;
  for (const MapEntry& entry : node.entries) {
    if (!scalar_length(entry.value)) return false;
    length += entry.key.size() + 2;
  }
  return length <= 88;
}

void emit(YAML::Emitter& out, const Node& node) {
  switch (node.kind) {
    case Node::Kind::kNull:
      out << YAML::Null;
      return;
    case Node::Kind::kScalar:
      out << node.scalar;
      return;
    case Node::Kind::kSequence:
      if (is_short_scalar_collection(node)) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const Node& item : node.items) emit(out, item);
      out << YAML::EndSeq;
      return;
    case Node::Kind::kMap:
      if (is_short_scalar_collection(node)) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const MapEntry& entry : node.entries) {
        out << YAML::Key << entry.key << YAML::Value;
        emit(out, entry.value);
      }
      out << YAML::EndMap;
      return;
  }
}

}  // namespace

Node parse_yaml_text(std::string_view text, const std::string& origin) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    const SourceMark mark{origin, e.mark.line + 1, e.mark.column + 1};
    throw InputError(where(mark) + ":" + std::to_string(mark.column), "malformed YAML: " + e.msg);
  }
  if (documents.size() > 1)
    throw InputError(origin,
                     "holds " + std::to_string(documents.size()) + " YAML documents; expected one");
  Converter converter{origin};
  const SourceMark top{origin, 1, 1};
  if (documents.empty()) return Node::null_at(top);
  return converter.convert(documents.front(), top);
}

Node load_yaml_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(path, "is a directory, expected a YAML file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, std::string("cannot be read: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(path, "cannot be read");
  return parse_yaml_text(text.str(), path);
}

std::string emit_yaml(const Node& root) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, root);
  return std::string(out.c_str()) + "\n";
}

}  // namespace hsim::config
