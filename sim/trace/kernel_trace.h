#pragma once

// A kernel trace: what one core does to run one kernel, as a list of records executed in order.
// Loads and stores move bytes between memory levels; with `async` they are handed to the DMA
// engine (or the core's port) and the core goes on, later waiting on their tag; otherwise the
// core stalls until the transfer is done. Compute advances the core's clock by `cycles`.
// Wait blocks until a tag (an earlier async transfer) completes or, across cores, until an
// event is signalled. Double buffering is therefore explicit: load tile k+1 async, compute tile
// k, wait for tile k+1.
//
// Text form, one record per line (`#` starts a comment), see README "Kernel traces":
//   load    bytes=65536 from=dram to=local tag=a0 async role=in
//   compute cycles=4096 unit=mac macs=262144
//   wait    tag=a0
//   store   bytes=16384 from=local to=dram
//   signal  event=conv1_done
//   wait    event=conv1_done
#include <cstdint>
#include <string>
#include <vector>

#include "common/dtype.h"

namespace hsim::sim {

enum class MemoryLevel { kDram, kSharedSram, kLocal, kLink };
enum class RecordKind { kLoad, kStore, kCompute, kWait, kSignal };
enum class ComputeUnit { kMac, kVector, kScalar };
// What a transfer carries, so schedules can reshape traces (operator linking drops the DRAM
// round trip of an intermediate: the producer's output stores and the consumer's input loads).
enum class TransferRole { kUnspecified, kInput, kWeight, kOutput };

struct TraceRecord {
  RecordKind kind = RecordKind::kCompute;
  // load/store
  int64_t bytes = 0;
  MemoryLevel from = MemoryLevel::kDram;
  MemoryLevel to = MemoryLevel::kLocal;
  bool async = false;
  std::string tag;  // names an async transfer (load/store) or the transfer a wait waits for
  std::string peer;  // link transfers: the device at the other end (empty: the first linked one)
  TransferRole role = TransferRole::kUnspecified;
  // compute
  int64_t cycles = 0;
  ComputeUnit unit = ComputeUnit::kMac;
  int64_t macs = 0;  // work done, for energy and utilisation (0 if not MAC work)
  int64_t ops = 0;   // other operations, for energy
  // wait/signal across cores
  std::string event;
};

struct KernelTrace {
  std::string name;  // usually the op name
  DType dtype = DType::kFloat32;  // element type the kernel computes in (energy per MAC)
  std::vector<TraceRecord> records;

  int64_t total_bytes(RecordKind kind) const;  // summed over load or store records
  int64_t total_cycles() const;                // summed over compute records
};

std::string_view memory_level_name(MemoryLevel level);
std::string_view record_kind_name(RecordKind kind);
std::string_view compute_unit_name(ComputeUnit unit);
std::string_view transfer_role_name(TransferRole role);  // "", "in", "w", "out"

}  // namespace hsim::sim
