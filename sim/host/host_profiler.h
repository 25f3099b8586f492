#pragma once

// `hsim profile`: every op of a network, and every fusable group (fusion.h), timed for real on
// this machine with oneDNN, into a measured profile (profile/profile.h) keyed by signature.
//
// Ops are timed where they run in the network, one after another in network order, so each sees
// the cache state an inference gives it (its input just written by its producer, its weights
// cold when the weights outgrow the caches), as ONNX Runtime's per-node profiling does. Each
// unit's time is the median of `repetitions` runs (after one warm-up run); ops that share a
// signature get the mean of their medians. Groups are timed the same way in further runs of
// the network in which those groups run fused (as few runs as keep the groups disjoint).
#include <functional>
#include <string>
#include <vector>

#include "graph/network.h"
#include "host/host_session.h"
#include "profile/profile.h"

namespace hsim::sim::host {

struct HostProfileOptions {
  std::vector<int> threads = {1};  // thread counts to measure with
  int repetitions = 5;
  bool groups = true;              // also fusable groups
  std::function<void(const std::string&)> progress;  // status lines; may be empty
};

struct UnsupportedOp {
  OpId op;
  std::string reason;
};

struct HostProfileResult {
  MeasuredProfile profile;
  std::vector<UnsupportedOp> unsupported;  // ops oneDNN cannot run here: not in the profile
  int groups_measured = 0;
};

HostProfileResult profile_on_host(const Network& network, const HostProfileOptions& options);

// The profile of units timed elsewhere (`samples[u]`: seconds of unit u, one per run, with
// `threads` threads), by the same rule: each unit's median, averaged over the units sharing a
// signature.
MeasuredProfile profile_from_samples(const Network& network, const std::vector<HostUnit>& units,
                                     const std::vector<std::vector<double>>& samples, int threads);

// What this machine is, for the profile's `machine` line: CPU model and core count.
std::string host_description();

}  // namespace hsim::sim::host
