#pragma once

// The explore command's terminal side: a live status line (only when stderr is a terminal) and
// Ctrl-C handling: the first SIGINT asks the search to stop after the current generation (and
// write the best so far), the second ends the process the default way. A SIGINT within half a
// second of the first counts as the first again (timeout(1) sends one to the command and one to
// its process group).
#include <string>

#include "search/search.h"

namespace hsim::cli {

// Installs the SIGINT handler for its lifetime and restores the previous one after.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  static bool requested();  // a first SIGINT arrived
};

// "5.123 ms" / "12.40 mJ" / "63.5 ms*mJ": a score in the objective's display unit.
std::string format_score(double score, explorer::Objective objective);

// Draws "gen 12  best 5.123 ms  812 evals (35 memo)  780 eval/s  ETA 0:02" over the previous line.
class ProgressLine {
 public:
  ProgressLine(const explorer::SearchOptions& options, bool enabled);
  ~ProgressLine() { finish(); }
  void update(const explorer::GenerationStats& stats);
  void finish();  // ends the line if one was drawn; later updates draw nothing

 private:
  explorer::SearchOptions options_;
  bool enabled_;
  bool drawn_ = false;
};

}  // namespace hsim::cli
