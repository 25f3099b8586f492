#include "mpi/islands.h"

#include <cstring>
#include <set>
#include <stdexcept>

#include "common/error.h"
#include "search/evaluation_memo.h"
#include "search/genome_codec.h"
#include "search/schedule_wire.h"

namespace hsim::explorer {

namespace {

enum Tag : int { kMigrants = 10, kDone = 11, kResult = 12 };

// Length-prefixed byte strings, one after another.
void put(std::string& out, const std::string& bytes) {
  const uint64_t n = bytes.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out += bytes;
}

std::string take(const std::string& in, size_t& at) {
  uint64_t n = 0;
  if (at + sizeof n > in.size()) throw std::runtime_error("islands: truncated message");
  std::memcpy(&n, in.data() + at, sizeof n);
  at += sizeof n;
  if (n > in.size() - at) throw std::runtime_error("islands: truncated message");
  std::string bytes = in.substr(at, n);
  at += n;
  return bytes;
}

std::vector<std::string> split(const std::string& message) {
  std::vector<std::string> parts;
  for (size_t at = 0; at < message.size();) parts.push_back(take(message, at));
  return parts;
}

// Candidates as (schedule, evaluation) pairs; scores are recomputed by the receiver.
void put_candidates(std::string& out, const std::vector<Candidate>& candidates) {
  put(out, std::to_string(candidates.size()));
  for (const Candidate& c : candidates) {
    put(out, encode_schedule(c.schedule));
    put(out, encode_evaluation(c.evaluation));
  }
}

std::vector<Candidate> take_candidates(const std::vector<std::string>& parts, size_t& at,
                                       Objective objective) {
  const size_t n = std::stoul(parts.at(at++));
  std::vector<Candidate> out;
  for (size_t i = 0; i < n; ++i) {
    Candidate c{decode_schedule(parts.at(at)), decode_evaluation(parts.at(at + 1)), 0};
    c.score = score(c.evaluation, objective);
    out.push_back(std::move(c));
    at += 2;
  }
  return out;
}

}  // namespace

Islands::Islands(const SearchSpace& space, int64_t interval, int64_t migrants, int64_t population)
    : space_(space), interval_(interval), migrants_(migrants) {
  if (interval < 1) throw InputError("--migration-interval", "must be at least 1 generation");
  if (migrants < 1 || migrants >= population)
    throw InputError("--migrants", "must be at least 1 and fewer than the population");
  if (!mpi::built_with_mpi())
    throw InputError("--islands", "this hsim was built without MPI (install libopenmpi-dev)");
  if (mpi::launched_size() == 0)
    throw InputError("--islands", "start hsim with mpirun -np N (one island per rank)");
  session_ = std::make_unique<mpi::Session>();
}

std::vector<Genome> Islands::migrate(const std::vector<Genome>& best_first) {
  if (size() == 1 || ++generation_ % interval_ != 0) return {};
  // Schedules travel, not genomes: both ends decode and encode them against the same space.
  std::string payload;
  for (size_t i = 0; i < best_first.size() && i < static_cast<size_t>(migrants_); ++i)
    put(payload, encode_schedule(decode(space_, best_first[i], "ga")));
  const int next = (rank() + 1) % size(), previous = (rank() + size() - 1) % size();
  if (previous_done_) {
    session_->send(next, kMigrants, payload);
    return {};
  }
  const mpi::Message message = session_->send_and_receive(next, kMigrants, payload, previous);
  if (message.tag == kDone) {
    previous_done_ = true;
    return {};
  }
  std::vector<Genome> immigrants;
  for (const std::string& bytes : split(message.data))
    immigrants.push_back(encode(space_, decode_schedule(bytes)));
  received_ += static_cast<int64_t>(immigrants.size());
  return immigrants;
}

bool Islands::finish(SearchResult& result, Objective objective, size_t top_k) {
  if (size() == 1) return true;
  const int next = (rank() + 1) % size(), previous = (rank() + size() - 1) % size();
  if (previous_done_) {
    session_->send(next, kDone, "");
  } else {
    mpi::Message message = session_->send_and_receive(next, kDone, "", previous);
    while (message.tag != kDone) message = session_->receive(previous, mpi::kAny);
  }
  if (rank() != 0) {
    std::string out;
    put(out, std::to_string(result.evaluations));
    put(out, std::to_string(result.memo_hits));
    put_candidates(out, result.top);
    put_candidates(out, result.pareto);
    session_->send(0, kResult, out);
    return false;
  }
  // Island 0's candidates first, then island 1's...: ties keep the lower rank's. A schedule
  // several islands found (migrants) counts once.
  std::set<std::string> seen;
  TopCandidates top(top_k);
  ParetoFront pareto;
  auto offer = [&](const std::vector<Candidate>& best, const std::vector<Candidate>& front) {
    for (const Candidate& c : best)
      if (seen.insert(canonical_key(c.schedule)).second) top.offer(c);
    for (const Candidate& c : front) pareto.offer(c);
  };
  offer(result.top, result.pareto);
  for (int r = 1; r < size(); ++r) {
    const std::vector<std::string> parts = split(session_->receive(r, kResult).data);
    size_t at = 2;
    result.evaluations += std::stoll(parts.at(0));
    result.memo_hits += std::stoll(parts.at(1));
    const std::vector<Candidate> best = take_candidates(parts, at, objective);
    const std::vector<Candidate> front = take_candidates(parts, at, objective);
    offer(best, front);
  }
  result.top = top.best();
  result.pareto = pareto.front();
  return true;
}

}  // namespace hsim::explorer
