#pragma once

// Runs a sweep's jobs, each the main job in a child process of its own (SystemC elaborates one
// platform per process), up to `jobs` at once. Every finished job appends one row to
// results.csv at once and flushes it, so a killed sweep loses nothing finished; `resume` skips
// the jobs results.csv already holds. A failing job (a bad override, an unsupported op) is a
// row with status "error" and its message; the sweep goes on. sweep.html shows the rows so far.
#include <iosfwd>
#include <string>
#include <vector>

#include "sweep/sweep_spec.h"

namespace hsim::explorer {

struct SweepOptions {
  std::string out_dir;             // holds results.csv and jobs/<job>/ (each job's run folder)
  int jobs = 1;                    // child processes at once
  bool resume = false;             // skip jobs results.csv already has
  std::string hsim_binary;         // the executable a job runs
  std::vector<std::string> extra;  // more main-job arguments for every job (--fidelity ...)
  bool progress = false;           // a progress bar on stderr
  std::string command_line;        // shown in sweep.html
};

struct SweepSummary {
  size_t total = 0;    // jobs in the sweep
  size_t skipped = 0;  // already in results.csv (resume)
  size_t ok = 0;
  size_t failed = 0;
};

// The results.csv columns for a spec: job fields, then one per axis, then status and metrics.
std::vector<std::string> results_header(const SweepSpec& spec);

// RFC 4180 rows of a CSV text (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

// Runs one job to its end in a child process (its run folder is `dir`/run, its output
// `dir`/stdout.txt and stderr.txt) and returns its results.csv row. What a worker of a
// distributed sweep does with each job it is handed.
std::vector<std::string> run_sweep_job(const SweepSpec& spec, const SweepJob& job,
                                       const SweepOptions& options, const std::string& dir);

// The row of a job that could not be run at all (its child process did not start).
std::vector<std::string> failed_job_row(const SweepSpec& spec, const SweepJob& job,
                                        const std::string& error);

// Runs the sweep; `log` gets one line per finished job. Throws InputError when results.csv
// exists without `resume` or holds other columns.
SweepSummary run_sweep(const SweepSpec& spec, const SweepOptions& options, std::ostream& log);

}  // namespace hsim::explorer
