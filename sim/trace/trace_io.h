#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "trace/kernel_trace.h"

namespace hsim::sim {

// The text form of kernel traces (see kernel_trace.h and README "Kernel traces"):
//   kernel NAME [dtype=fp32]        starts a kernel; the records below belong to it
//   load|store bytes=N from=LEVEL to=LEVEL [tag=T] [async] [peer=DEVICE] [role=in|w|out]
//   compute cycles=N [unit=mac|vector|scalar] [macs=N] [ops=N]
//   wait tag=T | wait event=E
//   signal event=E
// LEVEL is dram, sram, local or link. `#` starts a comment; blank lines are ignored.
// Reading is strict: unknown words, missing or malformed values and records before the first
// `kernel` line are errors naming the source and line.
void write_traces(std::ostream& out, const std::vector<KernelTrace>& traces);
std::vector<KernelTrace> read_traces(std::istream& in, const std::string& source);
std::vector<KernelTrace> read_trace_file(const std::string& path);

}  // namespace hsim::sim
