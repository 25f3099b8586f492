#pragma once

// Operator split (Xenos' horizontal split): one op cut into shards that run on several cores of
// one PU. A shard is the op itself on a slice of its output; this builds a one-op network whose
// tensors have the shard's shapes, so the kernel models price a shard exactly as they price any
// op (each shard loads the whole input and its slice of the weights, and stores its slice of the
// output: the scatter and gather go through memory).
#include <cstdint>
#include <vector>

#include "graph/network.h"
#include "schedule/schedule.h"

namespace hsim::sim {

// Output channels per shard for `shares` (relative weights), summing exactly to `channels`:
// largest-remainder rounding, ties to the earlier shard.
std::vector<int64_t> split_channels(int64_t channels, const std::vector<int64_t>& shares);

// Whether `op` can be split along `axis`; if not, the reason (for the schedule error).
std::string split_unsupported_reason(const Network& net, const Op& op, SplitAxis axis);

// Size of `op`'s output along the split axis (the extent shards divide among themselves).
// Precondition: split_unsupported_reason(net, op, axis) is empty.
int64_t split_extent(const Network& net, const Op& op, SplitAxis axis);

// The one-op network of the shard of `op` that produces output indices [offset, offset + count)
// along `axis`. Supported: Conv with group 1 and Gemm/MatMul (the output's last dim) along
// kOutputChannels.
Network shard_network(const Network& net, const Op& op, SplitAxis axis, int64_t offset,
                      int64_t count);

}  // namespace hsim::sim
