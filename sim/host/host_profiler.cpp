#include "host/host_profiler.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "host/fusion.h"
#include "host/host_runs.h"
#include "host/host_session.h"
#include "profile/op_signature.h"

namespace hsim::sim::host {

namespace {

// Fused windows to measure: every prefix (2 ops or more) of every anchor's chain, and of the
// chains starting at followers that are anchors themselves (add+relu inside conv+add+relu).
std::vector<std::vector<OpId>> wanted_groups(const Network& network) {
  std::set<std::vector<OpId>> wanted;
  for (const std::vector<OpId>& chain : fusable_chains(network))
    for (size_t begin = 0; begin + 1 < chain.size(); ++begin) {
      if (!is_fusion_anchor(network.op(chain[begin]))) continue;
      for (size_t end = begin + 2; end <= chain.size(); ++end)
        wanted.insert(std::vector<OpId>(chain.begin() + static_cast<long>(begin),
                                        chain.begin() + static_cast<long>(end)));
    }
  return {wanted.begin(), wanted.end()};
}

// Splits windows into rounds of disjoint ones, greedily in network order.
std::vector<std::vector<std::vector<OpId>>> rounds_of(std::vector<std::vector<OpId>> windows) {
  std::vector<std::vector<std::vector<OpId>>> rounds;
  while (!windows.empty()) {
    std::set<OpId> taken;
    std::vector<std::vector<OpId>> round, left;
    for (auto& window : windows) {
      bool free = true;
      for (OpId op : window) free = free && !taken.count(op);
      if (!free) {
        left.push_back(std::move(window));
        continue;
      }
      taken.insert(window.begin(), window.end());
      round.push_back(std::move(window));
    }
    rounds.push_back(std::move(round));
    windows = std::move(left);
  }
  return rounds;
}

// Unit times gathered by signature: each unit's median is one occurrence; an entry's time is
// the mean over its occurrences.
class SignatureTimes {
 public:
  void add(const Network& network, const HostUnit& unit, int threads, double median_seconds) {
    Samples& samples = by_signature_[group_signature(network, unit.ops)][threads];
    samples.seconds.push_back(median_seconds);
    if (samples.example.empty())
      for (size_t i = 0; i < unit.ops.size(); ++i)
        samples.example += (i ? " + " : "") + network.op(unit.ops[i]).name;
  }

  MeasuredProfile profile(int repetitions) const {
    MeasuredProfile profile;
    for (const auto& [signature, per_threads] : by_signature_) {
      ProfileEntry entry;
      entry.signature = signature;
      entry.pu = PuKind::kCpu;
      entry.dtype = DType::kFloat32;
      entry.repetitions = repetitions;
      for (const auto& [threads, samples] : per_threads) {
        double sum = 0;
        for (double s : samples.seconds) sum += s;
        // Whole nanoseconds: the clock's resolution, and short in the file.
        const double mean = sum / static_cast<double>(samples.seconds.size());
        entry.times[threads] = static_cast<Picoseconds>(std::llround(mean * 1e9)) * 1000;
        entry.example = samples.example;
      }
      profile.entries.push_back(std::move(entry));
    }
    profile.machine = host_description();
    return profile;
  }

 private:
  struct Samples {
    std::vector<double> seconds;  // one median per occurrence
    std::string example;
  };
  std::map<std::string, std::map<int, Samples>> by_signature_;
};

}  // namespace

MeasuredProfile profile_from_samples(const Network& network, const std::vector<HostUnit>& units,
                                     const std::vector<std::vector<double>>& samples, int threads) {
  SignatureTimes times;
  int repetitions = 0;
  for (size_t u = 0; u < units.size(); ++u) {
    if (!units[u].kernel || units[u].is_view || samples[u].empty()) continue;
    times.add(network, units[u], threads, median_of(samples[u]));
    repetitions = std::max(repetitions, static_cast<int>(samples[u].size()));
  }
  return times.profile(repetitions);
}

HostProfileResult profile_on_host(const Network& network, const HostProfileOptions& options) {
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  HostSession session(network);
  HostProfileResult result;
  std::vector<std::vector<std::vector<OpId>>> rounds = {{}};  // round 0: every op alone
  if (options.groups)
    for (auto& round : rounds_of(wanted_groups(network))) rounds.push_back(std::move(round));

  SignatureTimes by_signature;
  std::set<OpId> reported;
  for (size_t r = 0; r < rounds.size(); ++r) {
    for (int threads : options.threads) {
      std::vector<HostUnit> units = session.build_units(rounds[r], threads);
      for (const HostUnit& unit : units)
        if (!unit.kernel && unit.ops.size() == 1 && reported.insert(unit.ops.front()).second)
          result.unsupported.push_back({unit.ops.front(), unit.unsupported});
      say(r == 0 ? "timing every op with " + std::to_string(threads) + " thread(s)"
                 : "timing " + std::to_string(rounds[r].size()) + " fused groups with " +
                       std::to_string(threads) + " thread(s)");
      const std::vector<double> times =
          time_units(units, session.engine(), threads, options.repetitions);
      for (size_t u = 0; u < units.size(); ++u) {
        const HostUnit& unit = units[u];
        if (!unit.kernel || unit.is_view || (r > 0 && unit.ops.size() < 2)) continue;
        by_signature.add(network, unit, threads, times[u]);
      }
    }
    if (r > 0) result.groups_measured += static_cast<int>(rounds[r].size());
  }
  result.profile = by_signature.profile(options.repetitions);
  return result;
}

std::string host_description() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string model;
  for (std::string line; std::getline(cpuinfo, line);)
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 1);
      model.erase(0, model.find_first_not_of(' '));
      break;
    }
  if (model.empty()) model = "unknown CPU";
  return model + ", " + std::to_string(host_cores()) + " cores, oneDNN " +
         std::to_string(dnnl::version()->major) + "." + std::to_string(dnnl::version()->minor) +
         "." + std::to_string(dnnl::version()->patch) + " fp32";
}

}  // namespace hsim::sim::host
