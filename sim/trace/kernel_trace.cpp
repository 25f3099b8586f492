#include "trace/kernel_trace.h"

namespace hsim::sim {

int64_t KernelTrace::total_bytes(RecordKind kind) const {
  int64_t sum = 0;
  for (const auto& r : records)
    if (r.kind == kind) sum += r.bytes;
  return sum;
}

int64_t KernelTrace::total_cycles() const {
  int64_t sum = 0;
  for (const auto& r : records)
    if (r.kind == RecordKind::kCompute) sum += r.cycles;
  return sum;
}

std::string_view memory_level_name(MemoryLevel level) {
  switch (level) {
    case MemoryLevel::kDram: return "dram";
    case MemoryLevel::kSharedSram: return "sram";
    case MemoryLevel::kLocal: return "local";
    case MemoryLevel::kLink: return "link";
  }
  return "?";
}

std::string_view record_kind_name(RecordKind kind) {
  switch (kind) {
    case RecordKind::kLoad: return "load";
    case RecordKind::kStore: return "store";
    case RecordKind::kCompute: return "compute";
    case RecordKind::kWait: return "wait";
    case RecordKind::kSignal: return "signal";
  }
  return "?";
}

std::string_view compute_unit_name(ComputeUnit unit) {
  switch (unit) {
    case ComputeUnit::kMac: return "mac";
    case ComputeUnit::kVector: return "vector";
    case ComputeUnit::kScalar: return "scalar";
  }
  return "?";
}

std::string_view transfer_role_name(TransferRole role) {
  switch (role) {
    case TransferRole::kUnspecified: return "";
    case TransferRole::kInput: return "in";
    case TransferRole::kWeight: return "w";
    case TransferRole::kOutput: return "out";
  }
  return "";
}

}  // namespace hsim::sim
