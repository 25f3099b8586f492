#pragma once

// A self-describing component kind, in the spirit of SST's ELI declarations: one declaration
// per parameter (key, type, default or required, description) bound to the field of the spec
// struct it fills. The same declarations read the configuration tree (required keys, defaults,
// allowed keys, types), write the resolved form back, and describe the kind for `hsim describe`.
//
//   ComponentSchema<DmaSpec>("dma", "A DMA engine ...")
//       .param("name", &DmaSpec::name, identifier(), Use::required(), "Unique in its device")
//       .param("channels", &DmaSpec::channels, whole_number(1), Use::defaults("1"), "...");
//
// A kind may have variants picked by one parameter (a pu's `kind`): parameters marked
// `only_for` apply to some variants only and are errors on the others.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/codecs.h"
#include "config/cursor.h"
#include "config/key_report.h"
#include "config/schema_info.h"

namespace hsim::config {

// Whether and how a parameter may be left out, and for which variants it exists.
struct Use {
  Presence presence = Presence::kRequired;
  std::string text;  // kDefault: the default as written in YAML; kOptional: what absence means
  std::vector<std::string> variants;

  static Use required() { return {Presence::kRequired, "", {}}; }
  static Use defaults(std::string value) { return {Presence::kDefault, std::move(value), {}}; }
  static Use optional(std::string meaning) { return {Presence::kOptional, std::move(meaning), {}}; }
  Use only_for(std::vector<std::string> names) const {
    Use use = *this;
    use.variants = std::move(names);
    return use;
  }
};

template <class Spec>
class ComponentSchema {
 public:
  using Check = std::function<void(const Spec&, const Cursor&)>;

  ComponentSchema(std::string kind, std::string description) {
    info_.kind = std::move(kind);
    info_.description = std::move(description);
  }

  template <class T>
  ComponentSchema& param(std::string key, T Spec::*member, Codec<T> codec, Use use,
                         std::string description) {
    return param<T>(
        std::move(key), std::move(codec), std::move(use), std::move(description),
        [member](Spec& spec, T value) { spec.*member = std::move(value); },
        [member](const Spec& spec) { return spec.*member; });
  }

  // A parameter stored through a setter and read back through a getter (a field that is not a
  // plain member of Spec, such as an array's rows and columns written as one "RxC" value).
  template <class T>
  ComponentSchema& param(std::string key, Codec<T> codec, Use use, std::string description,
                         std::function<void(Spec&, T)> set, std::function<T(const Spec&)> get) {
    ParamInfo info{key,      codec.type,   codec.component,       use.presence,
                   use.text, use.variants, std::move(description)};
    Field field;
    field.info = info;
    field.read = [read = codec.read, set](const Cursor& at, Spec& spec) { set(spec, read(at)); };
    field.write = [write = codec.write, get](const Spec& spec) { return write(get(spec)); };
    info_.params.push_back(std::move(info));
    fields_.push_back(std::move(field));
    return *this;
  }

  // Declares the (already declared, required) parameter whose value picks the variant.
  ComponentSchema& variants_by(std::string key, std::vector<std::string> names) {
    info_.selector = std::move(key);
    info_.variant_names = std::move(names);
    return *this;
  }

  // A check run on the converted component; it raises errors through the cursor of the map.
  ComponentSchema& check(Check check) {
    checks_.push_back(std::move(check));
    return *this;
  }

  const ComponentInfo& info() const { return info_; }

  Spec read(const Cursor& at) const {
    if (!at.node().is_map())
      at.fail("expected " + with_article(info_.kind) + " (a map with " + key_list() + "), got " +
              at.node().describe());
    check_keys(at, keys());
    Spec spec{};
    std::string variant;
    for (const Field& field : fields_) {
      const ParamInfo& param = field.info;
      const Cursor value = at.key(param.key);
      if (!applies(param, variant)) {
        if (value.present())
          value.fail("'" + param.key + "' is only for a " + info_.kind + " with " + info_.selector +
                     " " + join(param.variants, " or ") + "; this one is " + variant);
        continue;
      }
      if (value.present()) {
        field.read(value, spec);
      } else if (param.presence == Presence::kRequired) {
        value.fail("missing required key '" + param.key + "' (" + with_article(param.type) + ")");
      } else if (param.presence == Presence::kDefault) {
        const Node fallback = Node::scalar_at(param.default_text, at.mark());
        field.read(at.synthetic(fallback, param.key), spec);
      }
      if (param.key == info_.selector)
        variant = value.present() ? value.node().scalar : param.default_text;
    }
    for (const Check& check : checks_) check(spec, at);
    return spec;
  }

  Node write(const Spec& spec) const {
    Node map;
    map.kind = Node::Kind::kMap;
    std::string variant;
    for (const Field& field : fields_) {
      if (!applies(field.info, variant)) continue;
      std::optional<Node> value = field.write(spec);
      if (!value) continue;
      if (field.info.key == info_.selector) variant = value->scalar;
      map.entries.push_back({field.info.key, {}, std::move(*value)});
    }
    return map;
  }

 private:
  struct Field {
    ParamInfo info;
    std::function<void(const Cursor&, Spec&)> read;
    std::function<std::optional<Node>(const Spec&)> write;
  };

  static bool applies(const ParamInfo& param, const std::string& variant) {
    return param.variants.empty() ||
           std::find(param.variants.begin(), param.variants.end(), variant) != param.variants.end();
  }

  static std::string join(const std::vector<std::string>& words, const std::string& separator) {
    std::string text;
    for (const std::string& word : words) text += (text.empty() ? "" : separator) + word;
    return text;
  }

  std::vector<std::string> keys() const {
    std::vector<std::string> keys;
    for (const Field& field : fields_) keys.push_back(field.info.key);
    return keys;
  }

  std::string key_list() const { return "keys " + join(keys(), ", "); }

  ComponentInfo info_;
  std::vector<Field> fields_;
  std::vector<Check> checks_;
};

// A nested component, written as a map.
template <class T>
Codec<T> component(const ComponentSchema<T>& schema) {
  Codec<T> codec;
  codec.type = schema.info().kind;
  codec.component = schema.info().kind;
  codec.read = [&schema](const Cursor& at) { return schema.read(at); };
  codec.write = [&schema](const T& value) -> std::optional<Node> { return schema.write(value); };
  return codec;
}

// A component that may be absent altogether (use with Use::optional).
template <class T>
Codec<std::optional<T>> optional_component(const ComponentSchema<T>& schema) {
  Codec<std::optional<T>> codec;
  codec.type = schema.info().kind;
  codec.component = schema.info().kind;
  codec.read = [&schema](const Cursor& at) { return std::optional<T>(schema.read(at)); };
  codec.write = [&schema](const std::optional<T>& value) -> std::optional<Node> {
    if (!value) return std::nullopt;
    return schema.write(*value);
  };
  return codec;
}

// A list of components with at least `minimum` items. An empty list is left out when written.
template <class T>
Codec<std::vector<T>> list_of(const ComponentSchema<T>& schema, size_t minimum) {
  Codec<std::vector<T>> codec;
  codec.type = "list of " + schema.info().kind;
  codec.component = schema.info().kind;
  codec.read = [&schema, minimum](const Cursor& at) {
    const std::string& kind = schema.info().kind;
    if (!at.node().is_sequence())
      at.fail("expected a list of " + kind + " maps, got " + at.node().describe());
    if (at.node().items.size() < minimum)
      at.fail("needs at least " + std::to_string(minimum) + " " + kind);
    std::vector<T> items;
    for (size_t i = 0; i < at.node().items.size(); ++i) items.push_back(schema.read(at.item(i)));
    return items;
  };
  codec.write = [&schema](const std::vector<T>& items) -> std::optional<Node> {
    if (items.empty()) return std::nullopt;
    Node list;
    list.kind = Node::Kind::kSequence;
    for (const T& item : items) list.items.push_back(schema.write(item));
    return list;
  };
  return codec;
}

// A map from a fixed set of key words (`keys`: word -> K) to values of one codec, with at least
// `minimum` entries. An empty map is left out when written.
template <class K, class V>
Codec<std::map<K, V>> keyed_map(std::string key_noun, std::vector<std::pair<std::string, K>> keys,
                                Codec<V> value, size_t minimum) {
  Codec<std::map<K, V>> codec;
  codec.type = "map of " + key_noun + " to " + value.type;
  codec.component = value.component;
  codec.read = [key_noun, keys, read = value.read, minimum](const Cursor& at) {
    std::vector<std::string> words;
    for (const auto& key : keys) words.push_back(key.first);
    if (!at.node().is_map())
      at.fail("expected a map keyed by " + key_noun + ", got " + at.node().describe());
    if (at.node().entries.size() < minimum)
      at.fail("needs at least " + std::to_string(minimum) + " entry keyed by " + key_noun);
    check_keys(at, words);
    std::map<K, V> result;
    for (const MapEntry& entry : at.node().entries)
      for (const auto& key : keys)
        if (key.first == entry.key) result[key.second] = read(at.key(entry.key));
    return result;
  };
  codec.write = [keys, write = value.write](const std::map<K, V>& values) -> std::optional<Node> {
    if (values.empty()) return std::nullopt;
    Node map;
    map.kind = Node::Kind::kMap;
    for (const auto& key : keys) {
      const auto found = values.find(key.second);
      if (found == values.end()) continue;
      if (std::optional<Node> node = write(found->second))
        map.entries.push_back({key.first, {}, std::move(*node)});
    }
    return map;
  };
  return codec;
}

}  // namespace hsim::config
