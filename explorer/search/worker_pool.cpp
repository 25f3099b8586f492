#include "search/worker_pool.h"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <string>

#include "search/schedule_wire.h"

namespace hsim::explorer {

namespace {

// Messages are a 64-bit length, a kind byte and the payload.
enum class Kind : char { kSchedule = 'S', kEvaluation = 'E', kFailure = 'F' };

bool write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n =
        ::send(fd, data, size, MSG_NOSIGNAL);  // a dead peer is an error, not a signal
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool read_all(int fd, char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;  // end of stream: the peer is gone
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool send_message(int fd, Kind kind, const std::string& payload) {
  const uint64_t size = payload.size();
  std::string message(reinterpret_cast<const char*>(&size), sizeof size);
  message += static_cast<char>(kind);
  message += payload;
  return write_all(fd, message.data(), message.size());
}

// False at the end of the stream.
bool receive_message(int fd, Kind& kind, std::string& payload) {
  uint64_t size = 0;
  char k = 0;
  if (!read_all(fd, reinterpret_cast<char*>(&size), sizeof size) || !read_all(fd, &k, 1))
    return false;
  kind = static_cast<Kind>(k);
  payload.resize(size);
  return read_all(fd, payload.data(), size);
}

// The worker's whole life: build the evaluator, then answer one schedule at a time until the
// parent closes its end. Never returns.
[[noreturn]] void serve(int fd, const WorkerPoolEvaluator::Factory& make_worker) {
  ::signal(SIGINT, SIG_IGN);
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  int status = 0;
  try {
    const std::unique_ptr<Evaluator> evaluator = make_worker();
    Kind kind;
    std::string payload;
    while (receive_message(fd, kind, payload)) {
      const Evaluation e = evaluator->evaluate({decode_schedule(payload)}).front();
      if (!send_message(fd, Kind::kEvaluation, encode_evaluation(e))) break;
    }
  } catch (const std::exception& e) {
    send_message(fd, Kind::kFailure, e.what());
    status = 1;
  }
  std::fflush(nullptr);
  ::_exit(status);  // not exit(): the parent's static objects and SystemC are not ours to end
}

}  // namespace

WorkerPoolEvaluator::WorkerPoolEvaluator(int workers, Factory make_worker) {
  if (workers < 1) throw std::invalid_argument("a worker pool needs at least one worker");
  std::fflush(nullptr);  // buffered output would otherwise be written by every child too
  for (int i = 0; i < workers; ++i) {
    int ends[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
      stop_workers();
      throw std::runtime_error(std::string("cannot make a search worker's socket: ") +
                               std::strerror(errno));
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
      const int error = errno;
      ::close(ends[0]);
      ::close(ends[1]);
      stop_workers();
      throw std::runtime_error(std::string("cannot start a search worker: ") +
                               std::strerror(error));
    }
    if (pid == 0) {
      ::close(ends[0]);
      for (const Worker& w : workers_) ::close(w.socket);  // earlier siblings' parent ends
      serve(ends[1], make_worker);
    }
    ::close(ends[1]);
    workers_.push_back({pid, ends[0]});
  }
}

WorkerPoolEvaluator::~WorkerPoolEvaluator() {
  stop_workers();
}

void WorkerPoolEvaluator::stop_workers() {
  for (Worker& w : workers_) {
    ::close(w.socket);  // the worker reads the end of the stream and exits
    int status;
    while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  workers_.clear();
}

std::vector<Evaluation> WorkerPoolEvaluator::evaluate(const std::vector<sim::Schedule>& schedules) {
  std::vector<Evaluation> results(schedules.size());
  std::deque<size_t> waiting;
  for (size_t i = 0; i < schedules.size(); ++i) waiting.push_back(i);
  std::vector<long> busy_with(workers_.size(), -1);  // the schedule each worker has, or -1
  size_t outstanding = 0;
  auto failure = [](size_t worker, const std::string& what) {
    return std::runtime_error("search worker " + std::to_string(worker + 1) + " " + what);
  };
  // A worker that could not start sends its reason and exits, possibly before the parent's
  // first send, which then fails: the reason is still waiting in the socket.
  auto exited = [&](size_t worker) {
    Kind kind;
    std::string payload;
    if (receive_message(workers_[worker].socket, kind, payload) && kind == Kind::kFailure)
      return failure(worker, "failed: " + payload);
    return failure(worker, "has exited");
  };

  while (!waiting.empty() || outstanding > 0) {
    for (size_t w = 0; w < workers_.size() && !waiting.empty(); ++w) {
      if (busy_with[w] >= 0) continue;
      const size_t i = waiting.front();
      waiting.pop_front();
      if (!send_message(workers_[w].socket, Kind::kSchedule, encode_schedule(schedules[i])))
        throw exited(w);
      busy_with[w] = static_cast<long>(i);
      ++outstanding;
    }
    std::vector<pollfd> fds;
    for (size_t w = 0; w < workers_.size(); ++w)
      if (busy_with[w] >= 0) fds.push_back({workers_[w].socket, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;  // Ctrl-C: the search decides after the batch
      throw std::runtime_error(std::string("waiting for search workers: ") + std::strerror(errno));
    }
    for (const pollfd& p : fds) {
      if (p.revents == 0) continue;
      size_t w = 0;
      while (workers_[w].socket != p.fd) ++w;
      Kind kind;
      std::string payload;
      if (!receive_message(p.fd, kind, payload)) throw failure(w, "has exited");
      if (kind == Kind::kFailure) throw failure(w, "failed: " + payload);
      results[static_cast<size_t>(busy_with[w])] = decode_evaluation(payload);
      busy_with[w] = -1;
      --outstanding;
    }
  }
  return results;
}

}  // namespace hsim::explorer
