#pragma once

// Genome <-> Schedule. Decoding always gives a schedule check_schedule accepts and the runtime
// can run (no cyclic waits between tasks): whatever a gene asks for that is illegal is repaired,
// and each repair is counted by its reason. Encoding is exact for any schedule whose chains link
// ops the space allows to be linked, so baseline schedules seed the search unchanged.
#include <cstdint>
#include <map>
#include <string>

#include "search/genome.h"
#include "search/search_space.h"

namespace hsim::explorer {

// Reason -> how many times it was applied.
using RepairCounts = std::map<std::string, int64_t>;

// Tasks: each chain of linked genes (or single gene) in the network order of its first op, on
// the place and cores of that first op, in its element type (the baseline's when the gene leaves
// it unset), with its priority. `repairs`, when given, is incremented.
sim::Schedule decode(const SearchSpace& space, const Genome& genome, const std::string& strategy,
                     RepairCounts* repairs = nullptr);

// The genome of a schedule. Element types equal to the baseline's are left unset (so decoding
// restores them); links the space has no target for are dropped and counted in `dropped`.
// Throws InputError for a PU or op the space does not know.
Genome encode(const SearchSpace& space, const sim::Schedule& schedule,
              RepairCounts* dropped = nullptr);

}  // namespace hsim::explorer
