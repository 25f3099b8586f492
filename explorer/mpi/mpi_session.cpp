#include "mpi/mpi_session.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "common/error.h"

#ifdef HSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace hsim::explorer::mpi {

namespace {

#ifdef HSIM_HAVE_MPI
void pause() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

void wait(MPI_Request& request) {
  int done = 0;
  while (true) {
    check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), "MPI_Test");
    if (done) return;
    pause();
  }
}
#endif

}  // namespace

bool built_with_mpi() {
#ifdef HSIM_HAVE_MPI
  return true;
#else
  return false;
#endif
}

int launched_size() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const char* value = std::getenv(name)) return std::max(0, std::atoi(value));
  return 0;
}

#ifdef HSIM_HAVE_MPI

Session::Session() {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) check(MPI_Init(nullptr, nullptr), "MPI_Init");
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Session::~Session() {
  int finalised = 0;
  MPI_Finalized(&finalised);
  if (!finalised) MPI_Finalize();
}

void Session::send(int to, int tag, const std::string& data) {
  MPI_Request request;
  check(MPI_Isend(data.data(), static_cast<int>(data.size()), MPI_CHAR, to, tag, MPI_COMM_WORLD,
                  &request),
        "MPI_Isend");
  wait(request);
}

Message Session::receive(int from, int tag) {
  MPI_Status status;
  int ready = 0;
  const int source = from == kAny ? MPI_ANY_SOURCE : from;
  const int want = tag == kAny ? MPI_ANY_TAG : tag;
  while (true) {
    check(MPI_Iprobe(source, want, MPI_COMM_WORLD, &ready, &status), "MPI_Iprobe");
    if (ready) break;
    pause();
  }
  int count = 0;
  MPI_Get_count(&status, MPI_CHAR, &count);
  Message message{status.MPI_SOURCE, status.MPI_TAG, std::string(static_cast<size_t>(count), '\0')};
  check(MPI_Recv(message.data.data(), count, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG,
                 MPI_COMM_WORLD, MPI_STATUS_IGNORE),
        "MPI_Recv");
  return message;
}

Message Session::send_and_receive(int to, int tag, const std::string& data, int from) {
  MPI_Request request;
  check(MPI_Isend(data.data(), static_cast<int>(data.size()), MPI_CHAR, to, tag, MPI_COMM_WORLD,
                  &request),
        "MPI_Isend");
  Message message = receive(from, kAny);
  wait(request);
  return message;
}

#else

Session::Session() {
  throw InputError("hsim",
                   "built without MPI: rebuild with libopenmpi-dev installed (-DHSIM_MPI=ON)");
}
Session::~Session() = default;
void Session::send(int, int, const std::string&) {}
Message Session::receive(int, int) {
  return {};
}
Message Session::send_and_receive(int, int, const std::string&, int) {
  return {};
}

#endif

}  // namespace hsim::explorer::mpi
