#pragma once

// A candidate schedule as the search manipulates it: one gene per non-view op of the network, in
// network (topological) order. SearchSpace says what each gene may hold; genome_codec.h turns a
// genome into a Schedule (repairing what is illegal) and back.
#include <cstdint>
#include <optional>
#include <vector>

#include "schedule/schedule.h"

namespace hsim::explorer {

struct Gene {
  uint32_t place = 0;                   // index into SearchSpace::places()
  std::vector<int64_t> cores = {0};     // cores of that PU; several = the op is split across them
  std::optional<sim::SplitAxis> split;  // with several cores
  std::vector<int64_t> shares;          // relative work per core; empty = equal
  int32_t link = -1;     // index into the op's link targets: linked with that successor; -1: none
  int64_t priority = 0;  // a chain takes its first op's priority
  std::optional<sim::DType> dtype;  // unset: the baseline element type for the PU
  sim::KernelChoice kernel;         // a chain takes its first op's

  bool operator==(const Gene& o) const {
    return place == o.place && cores == o.cores && split == o.split && shares == o.shares &&
           link == o.link && priority == o.priority && dtype == o.dtype && kernel == o.kernel;
  }
  bool operator!=(const Gene& o) const { return !(*this == o); }
};

using Genome = std::vector<Gene>;

}  // namespace hsim::explorer
