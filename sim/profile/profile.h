#pragma once

// A measured profile: how long ops (and fused groups of ops) took on real hardware, keyed by op
// signature (op_signature.h) and PU kind, with one time per thread count. hsim's own profiles
// come from `hsim profile` (host_profiler.h); importers turn other tools' profiles into this.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "board/board_spec.h"
#include "common/dtype.h"

namespace hsim::sim {

struct ProfileEntry {
  std::string signature;  // op_signature or group_signature
  PuKind pu = PuKind::kCpu;
  DType dtype = DType::kFloat32;    // element type the measured kernel computed in
  std::map<int, Picoseconds> times;  // threads -> time of one run (median of the repetitions)
  int64_t repetitions = 0;          // runs behind each time; 0 when the source does not say
  std::string example;              // an op (or group) of the measured network with it, for people
};

struct MeasuredProfile {
  std::string source;   // how it was made (command line, or the imported file)
  std::string machine;  // what it was measured on, free text
  std::vector<ProfileEntry> entries;

  // The entry for (signature, pu, dtype), or nullptr. Linear: callers that look up often index.
  const ProfileEntry* find(const std::string& signature, PuKind pu, DType dtype) const;
  // Adds an entry, or merges its times into the existing one with the same key (later wins).
  void add(ProfileEntry entry);
};

}  // namespace hsim::sim
