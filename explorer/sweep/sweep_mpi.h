#pragma once

// A sweep across the ranks of an MPI job (`mpirun -np N hsim sweep FILE`). Every rank reads the
// sweep file and expands the same jobs. Rank 0 owns the results folder exactly as the local
// runner does (results.csv appended and flushed per row, --resume, sweep.html, the log) and hands
// jobs to the other ranks one at a time as they ask; each worker runs its job as the local runner
// would (the main job in a child process, its run folder under jobs/) and sends the row back.
// Rank 0 runs no jobs itself, so N ranks run N - 1 jobs at once. With one rank the sweep runs
// locally, `options.jobs` at a time. The out folder must be one every rank can reach (a shared
// file system across machines).
#include <iosfwd>

#include "mpi/mpi_session.h"
#include "sweep/sweep_runner.h"

namespace hsim::explorer {

// Returns rank 0's summary (workers return an empty one).
SweepSummary run_sweep_mpi(const SweepSpec& spec, const SweepOptions& options,
                           mpi::Session& session, std::ostream& log);

}  // namespace hsim::explorer
