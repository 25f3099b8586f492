#pragma once

// Turns a kernel's steps (loads, one compute, stores) into trace records.
//
// Without double buffering every transfer is synchronous: load, compute, store, step after step.
// With double buffering the loads of step i + 1 are issued (async, tagged) before step i computes,
// so they overlap it; step i waits only for its own loads, and for the stores of step i - 2 whose
// output buffer it is about to reuse; stores are async. The kernel waits for every store it issued
// before it ends, so its output is in memory when the trace completes.
//
// Transfers inside the core (level `local`, e.g. cache-resident data on a CPU) are executed by the
// core synchronously and carry no tag; they run right before the compute of their step.
// Tags are `<label><step>` (label "in", "w", "out"; ".<n>" appended for a second transfer of the
// same label), unique within the trace.
#include <string>
#include <vector>

#include "board/board_spec.h"
#include "trace/kernel_trace.h"

namespace hsim::sim {

struct Transfer {
  Bytes bytes = 0;
  MemoryLevel level = MemoryLevel::kDram;  // where a load comes from or a store goes to
  std::string label = "in";
};

struct PipelineStep {
  std::vector<Transfer> loads;
  int64_t cycles = 0;
  ComputeUnit unit = ComputeUnit::kMac;
  int64_t macs = 0;
  int64_t ops = 0;
  std::vector<Transfer> stores;
};

void emit_pipeline(const std::vector<PipelineStep>& steps, bool double_buffering,
                   KernelTrace& trace);

}  // namespace hsim::sim
