#pragma once

// Operator linking (Xenos' vertical linking): a chain of ops on one core where each op's output
// feeds the next. When the intermediate fits the core's local memory (an NPU's or DSP's SRAM, a
// CPU's outermost cache) it never goes to DRAM: the producer's output stores and the consumer's
// loads of that tensor are dropped from their traces. Otherwise it spills and the traffic stays.
#include <string>
#include <vector>

#include "board/board_spec.h"
#include "graph/network.h"
#include "trace/kernel_trace.h"

namespace hsim::sim {

enum class LinkOutcome { kNotLinked, kLinked, kSpilled };

// Checks that each op of `chain` reads the previous one's output; returns the reason if not.
std::string chain_problem(const Network& net, const std::vector<OpId>& chain);

// Bytes the core can keep an intermediate in.
Bytes link_capacity(const PuSpec& pu);

// Applies linking to the traces of a chain (traces[k] is chain[k]'s, computed in `dtype`):
// for each k, decides whether chain[k]'s output stays local and, if so, drops its output stores
// and the matching share of chain[k+1]'s input loads (the linked tensor's fraction of all the
// activations chain[k+1] reads), with the waits on dropped transfers. An output also read outside
// the chain, or a graph output, is stored anyway. Returns each op's outcome as a producer.
std::vector<LinkOutcome> link_chain(const Network& net, const std::vector<OpId>& chain,
                                    const PuSpec& pu, DType dtype,
                                    std::vector<KernelTrace>& traces);

}  // namespace hsim::sim
