#pragma once

// MPI behind one small adapter (only mpi_session.cpp includes <mpi.h>), for the distributed
// sweep and the island model. hsim initialises MPI only for the commands that use it and only
// when mpirun started the process, so every other command, and these without mpirun, start
// exactly as in a build without MPI.
//
// Receives and waits poll (MPI_Iprobe / MPI_Test with 1 ms sleeps) instead of letting MPI
// busy-wait: a rank that only hands out work, or waits for a neighbour, leaves its core to the
// ranks and child processes doing the work.
#include <string>

namespace hsim::explorer::mpi {

// Whether this hsim was built with MPI (CMake option HSIM_MPI, on when Open MPI is found).
bool built_with_mpi();

// The number of processes mpirun started, read from the launcher's environment (Open MPI's
// OMPI_COMM_WORLD_SIZE, or PMI_SIZE): 0 when the process was not started by mpirun.
int launched_size();

inline constexpr int kAny = -1;

struct Message {
  int source = 0;
  int tag = 0;
  std::string data;
};

class Session {
 public:
  // MPI_Init. Throws InputError when hsim was built without MPI.
  Session();
  ~Session();  // MPI_Finalize
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  // Sends `data` to rank `to` and returns once the buffer may be reused.
  void send(int to, int tag, const std::string& data);
  // The next message from `from` (or kAny) with `tag` (or kAny).
  Message receive(int from, int tag);
  // Posts a send to `to`, then receives the next message from `from` (any tag), then waits for
  // the send: a ring of ranks each doing this at once cannot deadlock.
  Message send_and_receive(int to, int tag, const std::string& data, int from);

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace hsim::explorer::mpi
