#include "cli/explore_progress.h"

#include <fmt/format.h>
#include <signal.h>  // sigaction
#include <time.h>    // clock_gettime

#include <algorithm>
#include <cmath>
#include <csignal>
#include <iostream>

namespace hsim::cli {

namespace {

volatile std::sig_atomic_t g_interrupts = 0;
struct timespec g_first_interrupt {};  // written by the handler only, before g_interrupts
struct sigaction g_previous;

// A second SIGINT this soon after the first is the same request delivered twice: timeout(1)
// signals the command and then its own process group, command included, and a double key
// press is no decision to abandon either.
constexpr long kSameRequestNs = 500'000'000;

long nanoseconds_since(const struct timespec& then) {
  struct timespec now {};
  clock_gettime(CLOCK_MONOTONIC, &now);  // async-signal-safe
  return (now.tv_sec - then.tv_sec) * 1'000'000'000L + (now.tv_nsec - then.tv_nsec);
}

extern "C" void on_sigint(int) {
  if (g_interrupts == 0) {
    clock_gettime(CLOCK_MONOTONIC, &g_first_interrupt);
    g_interrupts = 1;
    return;
  }
  if (nanoseconds_since(g_first_interrupt) < kSameRequestNs) return;
  // The second: abandon, as if the handler were never installed.
  std::signal(SIGINT, SIG_DFL);
  std::raise(SIGINT);
}

std::string clock_text(double seconds) {
  const int64_t s = static_cast<int64_t>(std::ceil(std::max(0.0, seconds)));
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_interrupts = 0;
  struct sigaction action {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &g_previous);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_previous, nullptr);
}

bool InterruptGuard::requested() {
  return g_interrupts > 0;
}

std::string format_score(double score, explorer::Objective objective) {
  if (!std::isfinite(score)) return "-";
  switch (objective) {
    case explorer::Objective::kLatency:
      return fmt::format("{:.3f} ms", score / 1e9);
    case explorer::Objective::kEnergy:
      return fmt::format("{:.3f} mJ", score / 1e12);
    case explorer::Objective::kEdp:
      return fmt::format("{:.4g} ms*mJ", score / 1e21);
  }
  return "-";
}

ProgressLine::ProgressLine(const explorer::SearchOptions& options, bool enabled)
    : options_(options), enabled_(enabled) {}

void ProgressLine::finish() {
  if (drawn_) std::cerr << '\n';
  drawn_ = false;
  enabled_ = false;
}

void ProgressLine::update(const explorer::GenerationStats& stats) {
  if (!enabled_) return;
  const double rate =
      stats.seconds > 0 ? static_cast<double>(stats.evaluations) / stats.seconds : 0;
  double eta = -1;
  auto bound = [&](double remaining) { eta = eta < 0 ? remaining : std::min(eta, remaining); };
  if (options_.evaluations > 0 && rate > 0)
    bound(static_cast<double>(options_.evaluations - stats.evaluations) / rate);
  if (options_.seconds > 0) bound(options_.seconds - stats.seconds);
  if (options_.generations > 0)
    bound(static_cast<double>(options_.generations - stats.generation) * stats.seconds /
          static_cast<double>(stats.generation + 1));
  std::cerr << fmt::format("\rgen {}  best {}  {} evals ({} memo)  {:.0f} eval/s  ETA {}\033[K",
                           stats.generation, format_score(stats.best, options_.objective),
                           stats.evaluations, stats.memo_hits, rate,
                           eta < 0 ? std::string("?") : clock_text(eta))
            << std::flush;
  drawn_ = true;
}

}  // namespace hsim::cli
