#include "config/codecs.h"

#include <charconv>

#include "config/value_error.h"

namespace hsim::config {

namespace {

// A whole number written in plain decimal digits, optionally negative; nullopt otherwise.
std::optional<int64_t> parse_whole(const std::string& text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || text.empty() || text.front() == '+')
    return std::nullopt;
  return value;
}

}  // namespace

Node scalar_node(std::string text) {
  return Node::scalar_at(std::move(text), {});
}

std::string with_article(const std::string& noun) {
  const bool vowel = !noun.empty() && std::string("aeiou").find(noun.front()) != std::string::npos;
  return (vowel ? "an " : "a ") + noun;
}

const std::string& scalar_text(const Cursor& at, const std::string& expectation) {
  if (!at.node().is_scalar()) at.fail("expected " + expectation + ", got " + at.node().describe());
  return at.node().scalar;
}

Codec<int64_t> quantity(Quantity kind) {
  const QuantityInfo& info = quantity_info(kind);
  Codec<int64_t> codec;
  codec.type = std::string(info.name);
  codec.read = [kind, &info](const Cursor& at) -> int64_t {
    const std::string expectation =
        with_article(std::string(info.name)) + " such as '" + std::string(info.example) + "'";
    const std::string& text = scalar_text(at, expectation);
    try {
      return parse_quantity(kind, text);
    } catch (const ValueError& e) {
      at.fail(e.what());
    }
  };
  codec.write = [kind](const int64_t& value) -> std::optional<Node> {
    return scalar_node(format_quantity(kind, value));
  };
  return codec;
}

Codec<int64_t> whole_number(int64_t minimum) {
  Codec<int64_t> codec;
  codec.type = "whole number >= " + std::to_string(minimum);
  codec.read = [minimum](const Cursor& at) -> int64_t {
    const std::string expectation = "a whole number >= " + std::to_string(minimum);
    const std::string& text = scalar_text(at, expectation);
    const std::optional<int64_t> value = parse_whole(text);
    if (!value || *value < minimum) at.fail("expected " + expectation + ", got '" + text + "'");
    return *value;
  };
  codec.write = [](const int64_t& value) -> std::optional<Node> {
    return scalar_node(std::to_string(value));
  };
  return codec;
}

Codec<std::string> identifier() {
  Codec<std::string> codec;
  codec.type = "name";
  codec.read = [](const Cursor& at) -> std::string {
    const std::string expectation = "a name (a letter or '_', then letters, digits, '_' or '-')";
    const std::string& text = scalar_text(at, expectation);
    if (!is_identifier(text)) at.fail("expected " + expectation + ", got '" + text + "'");
    return text;
  };
  codec.write = [](const std::string& value) -> std::optional<Node> { return scalar_node(value); };
  return codec;
}

Codec<std::string> text() {
  Codec<std::string> codec;
  codec.type = "text";
  codec.read = [](const Cursor& at) -> std::string { return scalar_text(at, "text"); };
  codec.write = [](const std::string& value) -> std::optional<Node> { return scalar_node(value); };
  return codec;
}

Codec<bool> flag() {
  Codec<bool> codec = choice<bool>({{"true", true}, {"false", false}});
  return codec;
}

Codec<std::pair<int64_t, int64_t>> grid() {
  Codec<std::pair<int64_t, int64_t>> codec;
  codec.type = "RxC";
  codec.read = [](const Cursor& at) -> std::pair<int64_t, int64_t> {
    const std::string expectation = "rows x columns such as 32x32";
    const std::string& text = scalar_text(at, expectation);
    const size_t x = text.find('x');
    if (x != std::string::npos) {
      const auto rows = parse_whole(text.substr(0, x));
      const auto cols = parse_whole(text.substr(x + 1));
      if (rows && cols && *rows >= 1 && *cols >= 1) return {*rows, *cols};
    }
    at.fail("expected " + expectation + " (two whole numbers >= 1), got '" + text + "'");
  };
  codec.write = [](const std::pair<int64_t, int64_t>& value) -> std::optional<Node> {
    return scalar_node(std::to_string(value.first) + "x" + std::to_string(value.second));
  };
  return codec;
}

Codec<std::set<std::string>> all_or_names(
    std::string noun, std::function<std::string(const std::string&)> check_name) {
  Codec<std::set<std::string>> codec;
  codec.type = "all | list of " + noun + "s";
  codec.read = [noun, check_name](const Cursor& at) -> std::set<std::string> {
    const std::string expectation = "'all' or a list of " + noun + "s";
    if (at.node().is_scalar() && at.node().scalar == "all") return {};
    if (!at.node().is_sequence())
      at.fail("expected " + expectation + ", got " + at.node().describe());
    if (at.node().items.empty()) at.fail("expected " + expectation + ", got an empty list");
    std::set<std::string> names;
    for (size_t i = 0; i < at.node().items.size(); ++i) {
      const Cursor item = at.item(i);
      const std::string& name = scalar_text(item, with_article(noun));
      if (!is_identifier(name))
        item.fail("expected " + with_article(noun) + ", got '" + name + "'");
      const std::string problem = check_name(name);
      if (!problem.empty()) item.fail(problem);
      if (!names.insert(name).second) item.fail("'" + name + "' is listed twice");
    }
    return names;
  };
  codec.write = [](const std::set<std::string>& names) -> std::optional<Node> {
    if (names.empty()) return scalar_node("all");
    Node list;
    list.kind = Node::Kind::kSequence;
    for (const std::string& name : names) list.items.push_back(scalar_node(name));
    return list;
  };
  return codec;
}

}  // namespace hsim::config
