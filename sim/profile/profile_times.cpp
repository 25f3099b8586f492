#include "profile/profile_times.h"

#include "profile/op_signature.h"

namespace hsim::sim {

ProfileTimes::ProfileTimes(MeasuredProfile profile) : profile_(std::move(profile)) {
  for (const ProfileEntry& entry : profile_.entries)
    index_[{entry.signature, entry.pu, entry.dtype}] = &entry;
}

std::optional<Picoseconds> ProfileTimes::time(const Network& network, const std::vector<OpId>& ops,
                                              PuKind kind, DType dtype, int threads) const {
  auto cached = signatures_.find({&network, ops});
  if (cached == signatures_.end())
    cached = signatures_.emplace(std::make_pair(&network, ops), group_signature(network, ops)).first;
  const auto found = index_.find({cached->second, kind, dtype});
  if (found == index_.end()) return std::nullopt;
  const auto time = found->second->times.find(threads);
  if (time == found->second->times.end()) return std::nullopt;
  return time->second;
}

ProfileCoverage profile_coverage(const MeasuredCompute& times, const Network& network,
                                 PuKind kind, DType dtype, int threads) {
  ProfileCoverage coverage;
  for (OpId id = 0; id < static_cast<OpId>(network.ops().size()); ++id) {
    if (network.op(id).cost.is_view) continue;
    (times.time(network, {id}, kind, dtype, threads) ? coverage.measured : coverage.modelled)
        .push_back(id);
  }
  return coverage;
}

}  // namespace hsim::sim
