#pragma once

// A measured profile as the runtime's source of compute times (kernels/measured_compute.h):
// an op, or a linked chain, is looked up by its signature (op_signature.h), PU kind and dtype.
// A thread count the profile lacks is not guessed: the kernel model stands for it.
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "kernels/measured_compute.h"
#include "profile/profile.h"

namespace hsim::sim {

class ProfileTimes : public MeasuredCompute {
 public:
  explicit ProfileTimes(MeasuredProfile profile);

  std::optional<Picoseconds> time(const Network& network, const std::vector<OpId>& ops,
                                  PuKind kind, DType dtype, int threads) const override;

  const MeasuredProfile& profile() const { return profile_; }

 private:
  MeasuredProfile profile_;
  std::map<std::tuple<std::string, PuKind, DType>, const ProfileEntry*> index_;
  // Signatures of what was asked, so that the explorer's many evaluations of the same ops
  // build each signature once. Keyed by the network too: one ProfileTimes may serve several.
  mutable std::map<std::pair<const Network*, std::vector<OpId>>, std::string> signatures_;
};

// Which ops of a network a profile prices on a PU kind (with `threads`, each op alone): for the
// listing of what falls back to the kernel models. Views are neither: they compute nothing.
struct ProfileCoverage {
  std::vector<OpId> measured;
  std::vector<OpId> modelled;  // not in the profile: the kernel model prices them
};
ProfileCoverage profile_coverage(const MeasuredCompute& times, const Network& network,
                                 PuKind kind, DType dtype, int threads = 1);

}  // namespace hsim::sim
