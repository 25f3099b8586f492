#include "search/evaluator.h"

#include <cctype>
#include <limits>

#include "common/error.h"

namespace hsim::explorer {

double score(const Evaluation& evaluation, Objective objective) {
  if (!evaluation.feasible) return std::numeric_limits<double>::infinity();
  switch (objective) {
    case Objective::kLatency:
      return static_cast<double>(evaluation.latency);
    case Objective::kEnergy:
      return static_cast<double>(evaluation.energy);
    case Objective::kEdp:
      return static_cast<double>(evaluation.latency) * static_cast<double>(evaluation.energy);
  }
  return std::numeric_limits<double>::infinity();
}

const char* objective_name(Objective objective) {
  switch (objective) {
    case Objective::kLatency:
      return "latency";
    case Objective::kEnergy:
      return "energy";
    case Objective::kEdp:
      return "edp";
  }
  return "?";
}

Objective parse_objective(const std::string& name, const std::string& where) {
  for (Objective o : {Objective::kLatency, Objective::kEnergy, Objective::kEdp})
    if (name == objective_name(o)) return o;
  throw InputError(where, "unknown objective '" + name + "' (known: latency, energy, edp)");
}

std::string reason_kind(const std::string& reason) {
  std::string kind;
  bool quoted = false;
  for (size_t i = 0; i < reason.size(); ++i) {
    const char c = reason[i];
    const bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
    const bool in_word = i > 0 && std::isalnum(static_cast<unsigned char>(reason[i - 1])) != 0;
    if (c == '\'') {
      kind += quoted ? "'" : "'…";
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (digit && !in_word) {
      kind += "…";  // a number on its own (bytes, indices), not a digit of a name like int8
      while (i + 1 < reason.size() &&
             (std::isdigit(static_cast<unsigned char>(reason[i + 1])) || reason[i + 1] == '.'))
        ++i;
    } else {
      kind += c;
    }
  }
  return kind;
}

}  // namespace hsim::explorer
