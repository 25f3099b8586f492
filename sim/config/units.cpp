#include "config/units.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <map>

#include "common/mul_div.h"
#include "config/value_error.h"

namespace hsim::config {

namespace {

constexpr int64_t kKilo = 1000;
constexpr int64_t kMega = kKilo * kKilo;
constexpr int64_t kGiga = kMega * kKilo;
constexpr int64_t kKibi = 1024;
constexpr int64_t kMebi = kKibi * kKibi;
constexpr int64_t kGibi = kMebi * kKibi;

// At most 21 digits keep mantissa x unit (< 10^21 x 10^15) and the rounding arithmetic inside
// 128 bits, and admit every text format_quantity writes (an int64 has at most 19 digits).
constexpr size_t kMaxDigits = 21;

std::map<Quantity, QuantityInfo> make_table() {
  std::map<Quantity, QuantityInfo> table;
  table[Quantity::kFrequency] = {Quantity::kFrequency,
                                 "frequency",
                                 "1.2 GHz",
                                 true,
                                 {{"Hz", 1}, {"kHz", kKilo}, {"MHz", kMega}, {"GHz", kGiga}}};
  table[Quantity::kBandwidth] = {Quantity::kBandwidth,
                                 "bandwidth",
                                 "25.6 GB/s",
                                 true,
                                 {{"B/s", 1},
                                  {"kB/s", kKilo},
                                  {"KB/s", kKilo, 1, false, false},
                                  {"MB/s", kMega},
                                  {"GB/s", kGiga},
                                  {"KiB/s", kKibi, 1, true},
                                  {"MiB/s", kMebi, 1, true},
                                  {"GiB/s", kGibi, 1, true},
                                  {"bit/s", 1, 8, false, false},
                                  {"kbit/s", kKilo, 8, false, false},
                                  {"Kbit/s", kKilo, 8, false, false},
                                  {"Mbit/s", kMega, 8, false, false},
                                  {"Gbit/s", kGiga, 8, false, false}}};
  table[Quantity::kSize] = {Quantity::kSize,
                            "size",
                            "512 KiB",
                            true,
                            {{"B", 1},
                             {"kB", kKilo},
                             {"KB", kKilo, 1, false, false},
                             {"MB", kMega},
                             {"GB", kGiga},
                             {"KiB", kKibi, 1, true},
                             {"MiB", kMebi, 1, true},
                             {"GiB", kGibi, 1, true}}};
  table[Quantity::kTime] = {
      Quantity::kTime,
      "time",
      "80 ns",
      false,
      {{"ps", 1}, {"ns", kKilo}, {"us", kMega}, {"ms", kGiga}, {"s", kGiga * kKilo}}};
  table[Quantity::kEnergy] = {Quantity::kEnergy,
                              "energy",
                              "0.35 pJ",
                              false,
                              {{"fJ", 1},
                               {"pJ", kKilo},
                               {"nJ", kMega},
                               {"uJ", kGiga},
                               {"mJ", kGiga * kKilo},
                               {"J", kGiga * kMega}}};
  table[Quantity::kPower] = {
      Quantity::kPower, "power", "1.5 W", false, {{"uW", 1}, {"mW", kKilo}, {"W", kMega}}};
  return table;
}

std::string article(std::string_view noun) {
  return (std::string_view("aeiou").find(noun.front()) == std::string_view::npos ? "a " : "an ") +
         std::string(noun);
}

std::string expected(const QuantityInfo& info, std::string_view text) {
  return fmt::format("expected {} such as '{}', got '{}'", article(info.name), info.example, text);
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

// value / unit as an exact decimal: the unit is a product of 2s and 5s, so the digits end.
std::string exact_decimal(int64_t value, int64_t unit) {
  std::string text = std::to_string(value / unit);
  int64_t rest = value % unit;
  if (rest != 0) text += '.';
  while (rest != 0) {
    rest *= 10;
    text += static_cast<char>('0' + rest / unit);
    rest %= unit;
  }
  return text;
}

}  // namespace

const QuantityInfo& quantity_info(Quantity quantity) {
  static const std::map<Quantity, QuantityInfo> table = make_table();
  return table.at(quantity);
}

const std::vector<Quantity>& all_quantities() {
  static const std::vector<Quantity> all = {Quantity::kFrequency, Quantity::kBandwidth,
                                            Quantity::kSize,      Quantity::kTime,
                                            Quantity::kEnergy,    Quantity::kPower};
  return all;
}

std::string unit_list(Quantity quantity) {
  std::string list;
  for (const Unit& unit : quantity_info(quantity).units)
    list += (list.empty() ? "" : ", ") + std::string(unit.symbol);
  return list;
}

int64_t parse_quantity(Quantity quantity, std::string_view original) {
  const QuantityInfo& info = quantity_info(quantity);
  const std::string_view text = trim(original);
  size_t at = 0;
  const bool negative = at < text.size() && text[at] == '-';
  if (negative) ++at;

  Int128 mantissa = 0;
  int fraction_digits = 0;
  size_t digits = 0;
  bool in_fraction = false;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '.' && !in_fraction && digits > 0 && at + 1 < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[at + 1]))) {
      in_fraction = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) break;
    if (++digits > kMaxDigits)
      throw ValueError(expected(info, text) + fmt::format(" (at most {} digits)", kMaxDigits));
    mantissa = mantissa * 10 + (c - '0');
    if (in_fraction) ++fraction_digits;
  }
  if (digits == 0) throw ValueError(expected(info, text));

  const std::string_view symbol = trim(text.substr(at));
  const Unit* unit = nullptr;
  for (const Unit& candidate : info.units)
    if (candidate.symbol == symbol) unit = &candidate;
  if (!unit) {
    if (symbol.empty())
      throw ValueError(expected(info, text) + " (the unit is missing; use " + unit_list(quantity) +
                       ")");
    for (const Unit& candidate : info.units)
      if (same_ignoring_case(candidate.symbol, symbol))
        throw ValueError(expected(info, text) + " (units are case-sensitive: did you mean '" +
                         std::string(candidate.symbol) + "'?)");
    throw ValueError(expected(info, text) + " ('" + std::string(symbol) + "' is not a unit of " +
                     std::string(info.name) + "; use " + unit_list(quantity) + ")");
  }

  if (negative && mantissa != 0)
    throw ValueError(fmt::format("expected {} {}, got '{}'", article(info.name),
                                 info.positive ? "above zero" : "of zero or more", text));
  if (mantissa == 0) {
    if (info.positive)
      throw ValueError(fmt::format("expected {} above zero, got '{}'", article(info.name), text));
    return 0;
  }

  Int128 scale = 1;
  for (int i = 0; i < fraction_digits; ++i) scale *= 10;
  const Int128 numerator = mantissa * unit->numerator;  // exact value = numerator / divisor
  const Int128 divisor = scale * unit->denominator;
  const Int128 rounded = (numerator + divisor / 2) / divisor;
  const std::string_view base = info.units.front().symbol;
  if (rounded > INT64_MAX)
    throw ValueError(fmt::format("'{}' is too large: hsim keeps each {} in whole {} in 64 bits",
                                 text, info.name, base));
  const Int128 error =
      rounded * divisor > numerator ? rounded * divisor - numerator : numerator - rounded * divisor;
  if (error * 1000 > numerator) {
    const double change = static_cast<double>(error) / static_cast<double>(numerator) * 100.0;
    throw ValueError(fmt::format(
        "'{}' is not a whole number of {}: hsim keeps each {} in whole {}, and rounding to {} {} "
        "changes it by {:.3g}% (at most 0.1% is allowed)",
        text, base, info.name, base, static_cast<int64_t>(rounded), base, change));
  }
  return static_cast<int64_t>(rounded);
}

std::string format_quantity(Quantity quantity, int64_t value) {
  const QuantityInfo& info = quantity_info(quantity);
  const Unit& base = info.units.front();
  if (value <= 0) return std::to_string(value) + " " + std::string(base.symbol);
  // The largest printed unit not above the value, in the decimal and in the binary family; the
  // shorter text wins, the decimal one on a tie.
  std::string best;
  for (bool binary : {false, true}) {
    const Unit* chosen = &base;
    for (const Unit& unit : info.units)
      if (unit.printed && unit.binary == binary && unit.denominator == 1 &&
          unit.numerator <= value && unit.numerator > chosen->numerator)
        chosen = &unit;
    std::string text = exact_decimal(value, chosen->numerator) + " " + std::string(chosen->symbol);
    if (best.empty() || text.size() < best.size()) best = std::move(text);
  }
  return best;
}

}  // namespace hsim::config
