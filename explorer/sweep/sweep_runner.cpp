#include "sweep/sweep_runner.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "common/error.h"
#include "reports/csv.h"

extern char** environ;

namespace hsim::explorer {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kMetrics = {"latency_ps",       "latency_per_inference_ps",
                                           "inferences_per_s", "dram_bytes",
                                           "link_bytes",       "energy_fj"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// FNV-1a of a job id: its folder name.
std::string folder_of(const std::string& id) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : id) hash = (hash ^ c) * 1099511628211ull;
  return fmt::format("{:016x}", hash);
}

struct Running {
  SweepJob job;
  fs::path dir;
  std::chrono::steady_clock::time_point started;
};

pid_t spawn(const std::string& binary, const std::vector<std::string>& args, const fs::path& dir) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out = (dir / "stdout.txt").string(), err = (dir / "stderr.txt").string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + binary + ": " + std::strerror(rc));
  return pid;
}

// The job's row: its fields, then status, metrics and error, from its run folder.
std::vector<std::string> job_row(const SweepJob& job, const fs::path& dir, int status) {
  std::vector<std::string> row = {job.id, job.board, job.net, job.strategy,
                                  std::to_string(job.seed)};
  row.insert(row.end(), job.axis_values.begin(), job.axis_values.end());
  std::vector<std::string> metrics(kMetrics.size());
  std::string error;
  bool ok = status == 0;
  if (ok) {
    const auto rows = parse_csv(read_file(dir / "run" / "summary.csv"));
    ok = false;
    if (!rows.empty()) {
      const auto& header = rows.front();
      for (size_t r = 1; r < rows.size(); ++r) {
        std::map<std::string, std::string> at;
        for (size_t c = 0; c < header.size() && c < rows[r].size(); ++c) at[header[c]] = rows[r][c];
        if (at["strategy"] != job.strategy) continue;
        for (size_t m = 0; m < kMetrics.size(); ++m) metrics[m] = at[kMetrics[m]];
        ok = true;
      }
    }
    if (!ok) error = "no result for the strategy in summary.csv";
  } else {
    // The last non-empty line hsim printed to stderr: its one-line error.
    std::string text = read_file(dir / "stderr.txt");
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    error = text.substr(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1);
    if (error.empty()) error = fmt::format("exited with status {}", status);
  }
  row.push_back(ok ? "ok" : "error");
  row.insert(row.end(), metrics.begin(), metrics.end());
  row.push_back(error);
  return row;
}

}  // namespace

std::vector<std::string> results_header(const SweepSpec& spec) {
  std::vector<std::string> header = {"job", "board", "net", "strategy", "seed"};
  for (const auto& axis : spec.axes) header.push_back(axis.path);
  header.push_back("status");
  header.insert(header.end(), kMetrics.begin(), kMetrics.end());
  header.push_back("error");
  return header;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else if (c != '\r') {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {  // a last row without a line break (cut by a kill)
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

SweepSummary run_sweep(const SweepSpec& spec, const SweepOptions& options, std::ostream& log) {
  const fs::path out(options.out_dir);
  const fs::path results = out / "results.csv";
  const std::vector<std::string> header = results_header(spec);
  std::set<std::string> done;
  std::error_code ec;
  fs::create_directories(out / "jobs", ec);
  if (ec) throw InputError(out.string(), "cannot be created: " + ec.message());
  bool fresh = true;
  if (fs::exists(results)) {
    if (!options.resume)
      throw InputError(results.string(),
                       "exists: add --resume to continue that sweep, or choose another --out");
    const auto rows = parse_csv(read_file(results));
    if (!rows.empty()) {
      if (rows.front() != header)
        throw InputError(results.string(), "holds the results of another sweep (other columns)");
      fresh = false;
      // Complete rows only: a row cut short by a kill is run again.
      std::string kept = read_file(results);
      for (size_t r = 1; r < rows.size(); ++r)
        if (rows[r].size() == header.size()) done.insert(rows[r].front());
      // Drop a partial last line so appended rows start on a line of their own.
      if (!kept.empty() && kept.back() != '\n') {
        kept.erase(kept.rfind('\n') + 1);
        std::ofstream(results, std::ios::trunc) << kept;
      }
    }
  }
  std::ofstream csv(results, std::ios::app);
  if (!csv) throw InputError(results.string(), "cannot be written");
  if (fresh) {
    reports::write_csv_row(csv, header);
    csv.flush();
  }

  const std::vector<SweepJob> jobs = expand_jobs(spec);
  SweepSummary summary;
  summary.total = jobs.size();
  std::vector<const SweepJob*> todo;
  for (const SweepJob& job : jobs) {
    if (done.count(job.id))
      ++summary.skipped;
    else
      todo.push_back(&job);
  }
  const auto start = std::chrono::steady_clock::now();
  std::map<pid_t, Running> running;
  size_t next = 0, finished = 0;
  auto seconds_since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  while (next < todo.size() || !running.empty()) {
    while (next < todo.size() && running.size() < static_cast<size_t>(std::max(1, options.jobs))) {
      const SweepJob& job = *todo[next++];
      const fs::path dir = out / "jobs" / folder_of(job.id);
      fs::create_directories(dir, ec);
      std::vector<std::string> args = {"--hw",         job.board,
                                       "--net",        job.net,
                                       "--strategy",   job.strategy,
                                       "--out",        (dir / "run").string(),
                                       "--inferences", std::to_string(spec.inferences)};
      for (size_t a = 0; a < spec.axes.size(); ++a)
        args.insert(args.end(), {"--set", spec.axes[a].path + "=" + job.axis_values[a]});
      args.insert(args.end(), options.extra.begin(), options.extra.end());
      running[spawn(options.hsim_binary, args, dir)] = {job, dir, std::chrono::steady_clock::now()};
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) break;
    auto it = running.find(pid);
    if (it == running.end()) continue;
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const auto row = job_row(it->second.job, it->second.dir, code);
    reports::write_csv_row(csv, row);
    csv.flush();
    const bool ok = row[header.size() - kMetrics.size() - 2] == "ok";
    ++finished;
    (ok ? summary.ok : summary.failed)++;
    std::string what = it->second.job.strategy + " " +
                       fs::path(it->second.job.net).stem().string() + " on " +
                       fs::path(it->second.job.board).stem().string();
    for (const auto& v : it->second.job.axis_values) what += " " + v;
    const std::string outcome =
        ok ? fmt::format("{:.3f} ms", std::stod(row[header.size() - kMetrics.size() - 1]) / 1e9)
           : "error: " + row.back();
    log << fmt::format("[{}/{}] {} {}: {} ({:.1f} s)\n", finished + summary.skipped, summary.total,
                       ok ? "ok   " : "FAIL ", what, outcome, seconds_since(it->second.started))
        << std::flush;
    if (options.progress) {
      const double elapsed = seconds_since(start);
      const double eta =
          elapsed / static_cast<double>(finished) * static_cast<double>(todo.size() - finished);
      const size_t width = 30, filled = width * finished / std::max<size_t>(1, todo.size());
      std::cerr << fmt::format("\r[{}{}] {}/{} jobs, ETA {:.0f} s ", std::string(filled, '#'),
                               std::string(width - filled, '.'), finished, todo.size(), eta)
                << (finished == todo.size() ? "\n" : "") << std::flush;
    }
    running.erase(it);
  }
  return summary;
}

}  // namespace hsim::explorer
