#pragma once

// A sweep: the cartesian product of boards, nets, strategies, seeds and board-override axes,
// each combination one job of the main job (`hsim --hw B --net N --strategy S --set ...`).
// File format (README, "Sweeps"):
//
//   boards: [hw_configs/default.yaml, hw_configs/rk3588.yaml]   # relative to the sweep file
//   nets: [models/resnet50.onnx, models/googlenet.onnx]
//   strategies: [static, heft, partition-dp]
//   seeds: [1]                                  # optional, default [1]
//   inferences: 1                               # optional
//   axes:                                       # optional: --set paths and their values
//     devices.soc.dram.bandwidth: [12.8 GB/s, 25.6 GB/s]
//   include:                                    # optional: run only jobs matching a rule
//     - {strategy: [heft, partition-dp]}
//     - {strategy: static, devices.soc.dram.bandwidth: 25.6 GB/s}
//   exclude:                                    # optional: skip jobs matching a rule
//     - {board: hw_configs/c6678.yaml, strategy: cpu}
//
// A rule maps job fields (board, net, strategy, seed, an axis path) to a value or a list of
// values; a job matches it when each field named holds one of the rule's values. A job runs when
// it matches some include rule (or there are none) and no exclude rule.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hsim::explorer {

struct SweepAxis {
  std::string path;  // a board key path, as --set takes it
  std::vector<std::string> values;
};

// field -> the values it may take for the rule to match (board and net paths resolved).
using SweepRule = std::map<std::string, std::vector<std::string>>;

struct SweepSpec {
  std::string source;
  std::vector<std::string> boards;  // paths as written (resolved against the file's folder)
  std::vector<std::string> nets;
  std::vector<std::string> strategies;
  std::vector<int64_t> seeds = {1};
  int64_t inferences = 1;
  std::vector<SweepAxis> axes;
  std::vector<SweepRule> include;  // empty: every job
  std::vector<SweepRule> exclude;
};

// One job: one value of every dimension.
struct SweepJob {
  std::string board;  // resolved path
  std::string net;
  std::string strategy;
  int64_t seed = 1;
  std::vector<std::string> axis_values;  // one per SweepSpec::axes entry
  std::string id;                        // stable key: every field joined, for --resume
};

// Reads and checks a sweep file; errors name file, line and key. Paths are resolved against the
// sweep file's folder and must exist.
SweepSpec load_sweep_file(const std::string& path);
SweepSpec parse_sweep_text(const std::string& yaml, const std::string& origin,
                           const std::string& base_dir);

// The jobs in a fixed order (boards, then nets, strategies, seeds, axes; last varies fastest),
// those the include and exclude rules keep.
std::vector<SweepJob> expand_jobs(const SweepSpec& spec);

}  // namespace hsim::explorer
