#pragma once

// Codecs convert one configuration value between the tree and a C++ value: `read` takes a
// cursor at a present value and throws through it (file, line, key path) if the value is not of
// the codec's type; `write` gives the value's resolved text (nullopt: leave the key out).
// These are the scalar codecs; component_schema.h adds components, lists and keyed maps.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "config/config_node.h"
#include "config/cursor.h"
#include "config/units.h"

namespace hsim::config {

template <class T>
struct Codec {
  std::string type;       // for `hsim describe` and messages: "frequency", "whole number >= 1"
  std::string component;  // the component kind nested inside, if any
  std::function<T(const Cursor&)> read;
  std::function<std::optional<Node>(const T&)> write;
};

Node scalar_node(std::string text);
// The scalar text at `at`, or a failure "expected <expectation>, got a map" (or a list, nothing).
const std::string& scalar_text(const Cursor& at, const std::string& expectation);
std::string with_article(const std::string& noun);  // "a frequency", "an energy"

Codec<int64_t> quantity(Quantity quantity);
Codec<int64_t> whole_number(int64_t minimum);
Codec<std::string> identifier();  // a name others can refer to (cursor.h: is_identifier)
Codec<std::string> text();        // any text, possibly empty
Codec<bool> flag();               // true | false
// "RxC": two whole numbers >= 1 joined by 'x', e.g. 32x32 (rows x columns).
Codec<std::pair<int64_t, int64_t>> grid();
// `all` (the empty set) or a list of distinct identifiers, each a `noun` ("op type") checked by
// `check_name` (which returns an error text, or "" when the name is fine).
Codec<std::set<std::string>> all_or_names(
    std::string noun, std::function<std::string(const std::string&)> check_name);

// The same codec, but a value equal to `absent` is left out when written (and the key is then
// optional in the schema: an empty DMA name means "no DMA").
template <class T>
Codec<T> omitted_when(Codec<T> codec, T absent) {
  codec.write = [write = codec.write, absent](const T& value) -> std::optional<Node> {
    if (value == absent) return std::nullopt;
    return write(value);
  };
  return codec;
}

// One of a fixed set of words.
template <class E>
Codec<E> choice(std::vector<std::pair<std::string, E>> options) {
  std::string names;
  for (const auto& option : options) names += (names.empty() ? "" : " | ") + option.first;
  Codec<E> codec;
  codec.type = names;
  codec.read = [options, names](const Cursor& at) {
    const std::string& word = scalar_text(at, "one of " + names);
    for (const auto& option : options)
      if (option.first == word) return option.second;
    at.fail("expected one of " + names + ", got '" + word + "'");
  };
  codec.write = [options](const E& value) -> std::optional<Node> {
    for (const auto& option : options)
      if (option.second == value) return scalar_node(option.first);
    return std::nullopt;
  };
  return codec;
}

}  // namespace hsim::config
