#pragma once

// hsim's profile file (YAML), README "Measured profiles":
//
//   profile: 1                       # format version
//   source: hsim profile --net models/resnet50.onnx --out host_profile.yaml
//   machine: AMD EPYC, 2 cores       # free text
//   entries:
//     - op: "Conv fp32[1x3x224x224] fp32[64x3x7x7] fp32[64] kernel=7x7 stride=2x2 ..."
//       pu: cpu                      # cpu | npu | dsp
//       dtype: fp32                  # element type it computed in (default fp32)
//       times: {1: 2.31 ms, 2: 1.24 ms}   # threads: time of one run, units written out
//       repetitions: 5               # optional: runs behind each median
//       example: /conv1/Conv         # optional: an op it was measured on
//
// Reading is strict: unknown keys, a missing op, pu or times, a thread count that is not a
// positive whole number, a time without its unit, and a signature listed twice for the same PU
// and dtype are errors naming file, line and key.
#include <string>

#include "profile/profile.h"

namespace hsim::sim {

MeasuredProfile load_profile_file(const std::string& path);
MeasuredProfile parse_profile_text(const std::string& yaml, const std::string& origin);
// YAML that parse_profile_text reads back to an equal profile (times exact to the picosecond).
std::string profile_yaml(const MeasuredProfile& profile);

}  // namespace hsim::sim
