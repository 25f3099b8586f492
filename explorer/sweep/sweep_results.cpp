#include "sweep/sweep_results.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "common/error.h"
#include "reports/csv.h"
#include "reports/html_report.h"
#include "reports/sweep_report.h"

namespace hsim::explorer {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// FNV-1a of a job key: its folder name.
std::string folder_of(const std::string& id) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : id) hash = (hash ^ c) * 1099511628211ull;
  return fmt::format("{:016x}", hash);
}

size_t column(const std::vector<std::string>& header, const char* name) {
  return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
}

}  // namespace

SweepResults::SweepResults(const SweepSpec& spec, const SweepOptions& options, std::ostream& log)
    : spec_(spec),
      options_(options),
      log_(log),
      jobs_(expand_jobs(spec)),
      header_(results_header(spec)),
      start_(std::chrono::steady_clock::now()),
      last_html_(start_) {
  const fs::path out(options.out_dir);
  const fs::path results = out / "results.csv";
  std::error_code ec;
  fs::create_directories(out / "jobs", ec);
  if (ec) throw InputError(out.string(), "cannot be created: " + ec.message());
  bool fresh = true;
  if (fs::exists(results)) {
    if (!options.resume)
      throw InputError(results.string(),
                       "exists: add --resume to continue that sweep, or choose another --out");
    std::string kept = read_file(results);
    const auto rows = parse_csv(kept);
    if (!rows.empty()) {
      if (rows.front() != header_)
        throw InputError(results.string(), "holds the results of another sweep (other columns)");
      fresh = false;
      // Complete rows only: a row cut short by a kill is run again.
      std::set<std::string> ids;
      for (const SweepJob& job : jobs_) ids.insert(job.id);
      for (size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() != header_.size()) continue;
        if (ids.count(rows[r].front()))
          rows_[rows[r].front()] = rows[r];
        else
          foreign_rows_.push_back(rows[r]);
      }
      // Drop a partial last line so appended rows start on a line of their own.
      if (!kept.empty() && kept.back() != '\n') {
        kept.erase(kept.rfind('\n') + 1);
        std::ofstream(results, std::ios::trunc) << kept;
      }
    }
  }
  csv_.open(results, std::ios::app);
  if (!csv_) throw InputError(results.string(), "cannot be written");
  if (fresh) {
    reports::write_csv_row(csv_, header_);
    csv_.flush();
  }
  summary_.total = jobs_.size();
  summary_.skipped = rows_.size();
  to_run_ = jobs_.size() - rows_.size();
  write_html();
}

std::vector<const SweepJob*> SweepResults::todo() const {
  std::vector<const SweepJob*> out;
  for (const SweepJob& job : jobs_)
    if (!rows_.count(job.id)) out.push_back(&job);
  return out;
}

std::string SweepResults::job_dir(const SweepJob& job) const {
  return (fs::path(options_.out_dir) / "jobs" / folder_of(job.id)).string();
}

void SweepResults::record(const SweepJob& job, const std::vector<std::string>& row,
                          double seconds) {
  reports::write_csv_row(csv_, row);
  csv_.flush();
  rows_[job.id] = row;
  const bool ok = row.at(column(header_, "status")) == "ok";
  ++finished_;
  (ok ? summary_.ok : summary_.failed)++;
  std::string what = job.strategy + " " + fs::path(job.net).stem().string() + " on " +
                     fs::path(job.board).stem().string();
  for (const auto& v : job.axis_values) what += " " + v;
  const std::string outcome =
      ok ? fmt::format("{:.3f} ms",
                       std::stod(row.at(column(header_, "latency_per_inference_ps"))) / 1e9)
         : "error: " + row.back();
  log_ << fmt::format("[{}/{}] {} {}: {} ({:.1f} s)\n", finished_ + summary_.skipped,
                      summary_.total, ok ? "ok   " : "FAIL ", what, outcome, seconds)
       << std::flush;
  const auto now = std::chrono::steady_clock::now();
  if (options_.progress) {
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double eta =
        elapsed / static_cast<double>(finished_) * static_cast<double>(to_run_ - finished_);
    const size_t width = 30, filled = width * finished_ / std::max<size_t>(1, to_run_);
    std::cerr << fmt::format("\r[{}{}] {}/{} jobs, ETA {:.0f} s ", std::string(filled, '#'),
                             std::string(width - filled, '.'), finished_, to_run_, eta)
              << (finished_ == to_run_ ? "\n" : "") << std::flush;
  }
  if (now - last_html_ >= std::chrono::seconds(2)) write_html();
}

SweepSummary SweepResults::finish() {
  write_html();
  return summary_;
}

void SweepResults::write_html() {
  last_html_ = std::chrono::steady_clock::now();
  reports::SweepReportInputs in;
  in.sweep_file = spec_.source;
  in.command_line = options_.command_line;
  in.columns = header_;
  in.dimensions = {{"board", spec_.boards}, {"net", spec_.nets}, {"strategy", spec_.strategies}};
  std::vector<std::string> seeds;
  for (int64_t seed : spec_.seeds) seeds.push_back(std::to_string(seed));
  in.dimensions.emplace_back("seed", seeds);
  for (const SweepAxis& axis : spec_.axes) in.dimensions.emplace_back(axis.path, axis.values);
  in.axes = spec_.axes.size();
  // The sweep's order, whatever order the jobs finished in.
  for (const SweepJob& job : jobs_)
    if (const auto it = rows_.find(job.id); it != rows_.end()) in.rows.push_back(it->second);
  in.rows.insert(in.rows.end(), foreign_rows_.begin(), foreign_rows_.end());
  in.total_jobs = jobs_.size();
  in.timestamp = reports::utc_timestamp_now();
  // Written beside and renamed over: a browser never reads half a page.
  const fs::path path = fs::path(options_.out_dir) / "sweep.html";
  const fs::path temp = fs::path(options_.out_dir) / ".sweep.html.tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    reports::write_sweep_report(in, out);
    if (!out) throw InputError(temp.string(), "cannot be written");
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) throw InputError(path.string(), "cannot be written: " + ec.message());
}

}  // namespace hsim::explorer
