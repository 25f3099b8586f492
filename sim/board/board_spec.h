#pragma once

// The resolved, immutable description of a board: what the YAML says after units, defaults and
// overrides are applied and every value has been checked. Everything downstream (kernel models,
// the SystemC platform, energy accounting) reads only these structs, never YAML.
//
// Units are fixed and integral where the models compute with them: time in picoseconds, sizes in
// bytes, bandwidth in bytes per second, clocks in hertz, energy in femtojoules (so 0.2 pJ/MAC is
// exact), power in microwatts.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/dtype.h"

namespace hsim::sim {

using Picoseconds = int64_t;
using Bytes = int64_t;
using BytesPerSecond = int64_t;
using Hertz = int64_t;
using Femtojoules = int64_t;
using Microwatts = int64_t;

enum class PuKind { kCpu, kNpu, kDsp };
enum class Dataflow { kOutputStationary, kWeightStationary, kInputStationary };
enum class Arbitration { kRoundRobin, kFifo, kFixedPriority };

// Peak arithmetic of one core of a PU for one element type.
struct ComputeRate {
  int64_t macs_per_cycle = 0;  // multiply-accumulates per cycle (matrix/vector MAC units)
  int64_t ops_per_cycle = 0;   // other element-wise operations per cycle (vector ALU)
};

// A systolic array of processing elements (NPUs): rows x cols PEs, one MAC per PE per cycle.
struct SystolicArraySpec {
  int64_t rows = 0;
  int64_t cols = 0;
  Dataflow dataflow = Dataflow::kOutputStationary;
};

// A cache level of a CPU core, modelled as a bandwidth tier: data that fits is served at this
// level's bandwidth and latency instead of going to shared memory.
struct CacheSpec {
  std::string name;  // "L1", "L2", ...
  Bytes size = 0;
  BytesPerSecond bandwidth = 0;
  Picoseconds latency = 0;
  bool shared = false;  // shared by all cores of the PU (e.g. a cluster L2)
};

struct PuSpec {
  std::string name;  // unique within the device, e.g. "cpu", "npu", "dsp"
  PuKind kind = PuKind::kCpu;
  int64_t count = 1;  // identical cores
  Hertz clock = 0;
  std::map<DType, ComputeRate> compute;  // per supported element type
  std::optional<SystolicArraySpec> array;  // NPUs
  Bytes local_sram = 0;                    // per-core scratchpad (NPU/DSP); 0 for CPUs
  std::vector<CacheSpec> caches;           // CPUs, innermost first
  std::set<std::string> supported_ops;     // ONNX op types; empty means every op
  Picoseconds dispatch_overhead = 0;       // per task launched on this PU
  std::string dma;                         // DMA engine feeding its local SRAM; empty: own port
  bool supports(const std::string& op_type) const {
    return supported_ops.empty() || supported_ops.count(op_type) > 0;
  }
};

struct DmaSpec {
  std::string name;
  int64_t channels = 1;
  BytesPerSecond bandwidth = 0;  // per channel
  Picoseconds setup_latency = 0;  // per descriptor
  Bytes burst = 0;                // transfers are cut into bursts of this size
};

struct InterconnectSpec {
  BytesPerSecond bandwidth = 0;
  Picoseconds latency = 0;  // per transaction, once
  Arbitration arbitration = Arbitration::kRoundRobin;
};

struct DramSpec {
  int64_t channels = 1;
  BytesPerSecond bandwidth = 0;  // total over all channels
  Picoseconds latency = 0;       // first-word latency per transaction
  Bytes size = 0;
};

struct SharedSramSpec {
  Bytes size = 0;
  BytesPerSecond bandwidth = 0;
  Picoseconds latency = 0;
};

struct EnergySpec {
  std::map<DType, Femtojoules> per_mac;  // per MAC, by element type
  Femtojoules per_op = 0;                // per other arithmetic operation
  Femtojoules per_byte_dram = 0;
  Femtojoules per_byte_shared_sram = 0;
  Femtojoules per_byte_local = 0;        // local SRAM or cache access
  Femtojoules per_byte_link = 0;
  Microwatts static_power = 0;           // whole device, while it runs
};

struct DeviceSpec {
  std::string name;
  std::vector<PuSpec> pus;
  std::vector<DmaSpec> dmas;
  InterconnectSpec interconnect;
  DramSpec dram;
  std::optional<SharedSramSpec> shared_sram;
  EnergySpec energy;
};

// A point-to-point link between two devices (full duplex: each direction has the bandwidth).
struct LinkSpec {
  std::string name;
  std::string from;
  std::string to;
  BytesPerSecond bandwidth = 0;
  Picoseconds latency = 0;
};

struct BoardSpec {
  std::string name;
  std::string description;
  std::string source;  // the file it came from
  std::vector<DeviceSpec> devices;
  std::vector<LinkSpec> links;
};

std::string_view pu_kind_name(PuKind kind);
std::string_view dataflow_name(Dataflow dataflow);
std::string_view arbitration_name(Arbitration arbitration);

}  // namespace hsim::sim
