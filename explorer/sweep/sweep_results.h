#pragma once

// A sweep's results folder as the runners (local and MPI) fill it: results.csv, one row appended
// and flushed per finished job; on resume, the complete rows already there count as done (a row
// cut short by a kill is dropped and its job runs again). Each row also prints one line to the
// log, moves the progress bar, and sweep.html is rewritten (at most every two seconds while jobs
// finish, and always at the end).
#include <chrono>
#include <fstream>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "sweep/sweep_runner.h"

namespace hsim::explorer {

class SweepResults {
 public:
  // Throws InputError when results.csv exists without `resume`, holds other columns, or the
  // folder cannot be written.
  SweepResults(const SweepSpec& spec, const SweepOptions& options, std::ostream& log);

  const std::vector<SweepJob>& jobs() const { return jobs_; }
  // The jobs results.csv does not hold yet, in the sweep's order.
  std::vector<const SweepJob*> todo() const;
  // Folder of a job's run (jobs/<hash of its key>/).
  std::string job_dir(const SweepJob& job) const;

  void record(const SweepJob& job, const std::vector<std::string>& row, double seconds);
  // Writes sweep.html and returns the counts.
  SweepSummary finish();

 private:
  void write_html();

  const SweepSpec& spec_;
  SweepOptions options_;
  std::ostream& log_;
  std::vector<SweepJob> jobs_;
  std::vector<std::string> header_;
  std::map<std::string, std::vector<std::string>> rows_;  // job key -> row
  std::vector<std::vector<std::string>> foreign_rows_;    // rows of jobs no longer in the sweep
  std::ofstream csv_;
  SweepSummary summary_;
  size_t to_run_ = 0, finished_ = 0;
  std::chrono::steady_clock::time_point start_, last_html_;
};

}  // namespace hsim::explorer
