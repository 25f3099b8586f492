#include "sweep/sweep_mpi.h"

#include <chrono>
#include <memory>
#include <sstream>

#include "common/error.h"
#include "reports/csv.h"
#include "sweep/sweep_results.h"

namespace hsim::explorer {

namespace {

// Worker -> rank 0: kReady (no data) once, then kRow ("<job index>\n<CSV row>") per job.
// Rank 0 -> worker: kJob ("<job index>\n<job folder>") or kStop.
enum Tag : int { kReady = 1, kRow = 2, kJob = 3, kStop = 4 };

std::pair<size_t, std::string> split_index(const std::string& data) {
  const size_t eol = data.find('\n');
  return {std::stoul(data.substr(0, eol)), eol == std::string::npos ? "" : data.substr(eol + 1)};
}

void work(const SweepSpec& spec, const SweepOptions& options, mpi::Session& session) {
  const std::vector<SweepJob> jobs = expand_jobs(spec);
  session.send(0, kReady, "");
  while (true) {
    const mpi::Message message = session.receive(0, mpi::kAny);
    if (message.tag != kJob) return;
    const auto [index, dir] = split_index(message.data);
    std::vector<std::string> row;
    try {
      row = run_sweep_job(spec, jobs.at(index), options, dir);
    } catch (const std::exception& e) {
      row = failed_job_row(spec, jobs.at(index), e.what());
    }
    std::ostringstream text;
    text << index << '\n';
    reports::write_csv_row(text, row);
    session.send(0, kRow, text.str());
  }
}

}  // namespace

SweepSummary run_sweep_mpi(const SweepSpec& spec, const SweepOptions& options,
                           mpi::Session& session, std::ostream& log) {
  if (session.size() == 1) return run_sweep(spec, options, log);
  if (session.rank() != 0) {
    work(spec, options, session);
    return {};
  }
  const int workers = session.size() - 1;
  std::unique_ptr<SweepResults> results;
  try {
    results = std::make_unique<SweepResults>(spec, options, log);
  } catch (...) {
    for (int w = 1; w <= workers; ++w) session.send(w, kStop, "");
    throw;
  }
  const std::vector<const SweepJob*> todo = results->todo();
  const std::vector<SweepJob>& jobs = results->jobs();
  std::vector<std::chrono::steady_clock::time_point> started(jobs.size());
  size_t next = 0;
  int stopped = 0;
  while (stopped < workers) {
    const mpi::Message message = session.receive(mpi::kAny, mpi::kAny);
    if (message.tag == kRow) {
      const auto [index, text] = split_index(message.data);
      const auto rows = parse_csv(text);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started.at(index))
              .count();
      results->record(jobs.at(index), rows.at(0), seconds);
    } else if (message.tag != kReady) {
      continue;
    }
    if (next < todo.size()) {
      const size_t index = static_cast<size_t>(todo[next++] - jobs.data());
      started[index] = std::chrono::steady_clock::now();
      session.send(message.source, kJob,
                   std::to_string(index) + "\n" + results->job_dir(jobs[index]));
    } else {
      session.send(message.source, kStop, "");
      ++stopped;
    }
  }
  return results->finish();
}

}  // namespace hsim::explorer
