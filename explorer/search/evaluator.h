#pragma once

// How the search learns what a schedule is worth: an Evaluator simulates (or otherwise prices)
// schedules and says latency and energy, or why the schedule cannot run. The search asks for a
// whole batch at once (a generation), so an implementation may spread a batch over worker
// processes; it must return what evaluating the schedules one by one would.
#include <cstdint>
#include <string>
#include <vector>

#include "board/board_spec.h"
#include "schedule/schedule.h"

namespace hsim::explorer {

struct Evaluation {
  bool feasible = false;
  sim::Picoseconds latency = 0;
  sim::Femtojoules energy = 0;
  std::string reason;  // why it is not feasible
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // result[i] is schedules[i]'s evaluation.
  virtual std::vector<Evaluation> evaluate(const std::vector<sim::Schedule>& schedules) = 0;
};

// What the search minimises.
enum class Objective { kLatency, kEnergy, kEdp };

// Lower is better; +infinity for an infeasible evaluation. kEdp is latency (ps) x energy (fJ).
double score(const Evaluation& evaluation, Objective objective);

const char* objective_name(Objective objective);  // "latency", "energy", "edp"
// Throws InputError naming `where` for an unknown name.
Objective parse_objective(const std::string& name, const std::string& where);

// A reason with the quoted names and the numbers in it blanked ('…'), so that reasons group by
// kind: "op '…' (Conv) on PU '…': the tiling override needs … bytes of local SRAM, the PU has …".
std::string reason_kind(const std::string& reason);

}  // namespace hsim::explorer
