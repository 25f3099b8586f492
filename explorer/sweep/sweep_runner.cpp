#include "sweep/sweep_runner.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "sweep/sweep_results.h"

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

std::vector<std::string> job_arguments(const SweepSpec& spec, const SweepJob& job,
                                       const SweepOptions& options, const fs::path& dir) {
  std::vector<std::string> args = {"--hw",         job.board,
                                   "--net",        job.net,
                                   "--strategy",   job.strategy,
                                   "--seed",       std::to_string(job.seed),
                                   "--out",        (dir / "run").string(),
                                   "--inferences", std::to_string(spec.inferences)};
  for (size_t a = 0; a < spec.axes.size(); ++a)
    args.insert(args.end(), {"--set", spec.axes[a].path + "=" + job.axis_values[a]});
  args.insert(args.end(), options.extra.begin(), options.extra.end());
  return args;
}

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
    const std::string prefix = "hsim: error: ";
    if (error.compare(0, prefix.size(), prefix) == 0) error.erase(0, prefix.size());
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

std::vector<std::string> run_sweep_job(const SweepSpec& spec, const SweepJob& job,
                                       const SweepOptions& options, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  const pid_t pid = spawn(options.hsim_binary, job_arguments(spec, job, options, dir), dir);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      throw std::runtime_error("waiting for a sweep job: " + std::string(std::strerror(errno)));
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return job_row(job, dir, code);
}

std::vector<std::string> failed_job_row(const SweepSpec& spec, const SweepJob& job,
                                        const std::string& error) {
  std::vector<std::string> row = {job.id, job.board, job.net, job.strategy,
                                  std::to_string(job.seed)};
  row.insert(row.end(), job.axis_values.begin(), job.axis_values.end());
  row.push_back("error");
  row.resize(results_header(spec).size() - 1);
  row.push_back(error);
  return row;
}

SweepSummary run_sweep(const SweepSpec& spec, const SweepOptions& options, std::ostream& log) {
  SweepResults results(spec, options, log);
  const std::vector<const SweepJob*> todo = results.todo();
  struct Running {
    const SweepJob* job;
    fs::path dir;
    std::chrono::steady_clock::time_point started;
  };
  std::map<pid_t, Running> running;
  size_t next = 0;
  std::error_code ec;
  while (next < todo.size() || !running.empty()) {
    while (next < todo.size() && running.size() < static_cast<size_t>(std::max(1, options.jobs))) {
      const SweepJob& job = *todo[next++];
      const fs::path dir = results.job_dir(job);
      fs::create_directories(dir, ec);
      running[spawn(options.hsim_binary, job_arguments(spec, job, options, dir), dir)] = {
          &job, dir, std::chrono::steady_clock::now()};
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      break;
    }
    auto it = running.find(pid);
    if (it == running.end()) continue;
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second.started)
            .count();
    results.record(*it->second.job, job_row(*it->second.job, it->second.dir, code), seconds);
    running.erase(it);
  }
  return results.finish();
}

}  // namespace hsim::explorer
