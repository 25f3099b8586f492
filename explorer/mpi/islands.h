#pragma once

// `hsim explore --islands` under mpirun: the `ga` as an island model. Each MPI rank runs its own
// GA (seed + rank) on its own platform; every `interval` generations island r sends its best
// `migrants` genomes to island r + 1 (a ring) and takes those island r - 1 sent in place of its
// worst (SearchHooks::migrate). When its search ends an island tells the next one so, and takes
// what the previous one still sends, so islands may stop at different generations without
// waiting for each other. Rank 0 then gathers every island's best candidates and Pareto front and
// merges them into its result; it alone prints and writes the run folder.
//
// Which migrants an island receives depends only on the other islands' populations at the same
// generation, never on timing: with an evaluation or generation budget the result is the same
// for a given seed and rank count (a wall-time budget makes it timing-dependent, as it does for
// one search).
#include <cstdint>
#include <memory>
#include <vector>

#include "mpi/mpi_session.h"
#include "search/search.h"

namespace hsim::explorer {

class Islands {
 public:
  // Starts MPI. Throws InputError when hsim was not started by mpirun or was built without MPI,
  // or when `migrants` is not below the population.
  Islands(const SearchSpace& space, int64_t interval, int64_t migrants, int64_t population);

  int rank() const { return session_->rank(); }
  int size() const { return session_->size(); }

  // The GA's hook (SearchHooks::migrate).
  std::vector<Genome> migrate(const std::vector<Genome>& best_first);

  // After this island's search: ends the ring exchange, then gathers at rank 0. On rank 0,
  // `result` gets the `top` best candidates and the Pareto front over every island, and
  // evaluations and memo hits summed over them (its generations stay its own); returns false on
  // the other ranks.
  bool finish(SearchResult& result, Objective objective, size_t top);

  int64_t migrants_received() const { return received_; }

 private:
  std::unique_ptr<mpi::Session> session_;
  const SearchSpace& space_;
  int64_t interval_, migrants_;
  int64_t generation_ = 0;
  int64_t received_ = 0;
  bool previous_done_ = false;
};

}  // namespace hsim::explorer
