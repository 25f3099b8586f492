#include "profile/profile.h"

namespace hsim::sim {

const ProfileEntry* MeasuredProfile::find(const std::string& signature, PuKind pu,
                                          DType dtype) const {
  for (const ProfileEntry& entry : entries)
    if (entry.pu == pu && entry.dtype == dtype && entry.signature == signature) return &entry;
  return nullptr;
}

void MeasuredProfile::add(ProfileEntry entry) {
  for (ProfileEntry& existing : entries)
    if (existing.pu == entry.pu && existing.dtype == entry.dtype &&
        existing.signature == entry.signature) {
      for (const auto& [threads, time] : entry.times) existing.times[threads] = time;
      if (entry.repetitions > 0) existing.repetitions = entry.repetitions;
      return;
    }
  entries.push_back(std::move(entry));
}

}  // namespace hsim::sim
