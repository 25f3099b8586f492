#pragma once

// Operator split (Xenos' horizontal split): one op cut into shards that run on several cores of
// one PU. A shard is the op itself on a slice of its output; this builds a one-op network whose
// tensors have the shard's shapes (and, for a rows split, its own pads), so the kernel models
// price a shard exactly as they price any op. Every shard loads what it reads and stores its
// slice of the output, so the scatter and the gather go through memory:
//   channels  Conv (group 1), Gemm, MatMul with a weight operand: each shard reads the whole
//             input and its slice of the weights (and of a per-channel bias).
//   rows      ops with a 4-D NCHW output: Conv (any group), ConvTranspose (explicit pads, no
//             output_padding along H, stride within the kernel's reach), MaxPool, AveragePool,
//             LpPool and point-wise ops. A window op's shard reads its output rows' input rows
//             with their halo (the rows it shares with its neighbours, loaded by each of them)
//             and has the pads that give exactly its rows; weights are whole in every shard.
//             Point-wise shards read their rows of inputs that vary along H, the whole of
//             inputs that broadcast along it.
//   batch     ops whose outputs carry the batch as dim 0 and that keep samples apart: each shard
//             reads its samples of every activation with the batch (or broadcasting over it) and
//             the whole weights.
// An axis of extent 1 is never splittable. A split into more shards than the extent leaves the
// surplus shards empty (split_channels gives them 0; the runner skips them, their cores idle).
#include <cstdint>
#include <string>
#include <vector>

#include "graph/network.h"
#include "schedule/schedule.h"

namespace hsim::sim {

// Indices of the split axis per shard for `shares` (relative weights), summing exactly to
// `channels` (whatever the axis): largest-remainder rounding, ties to the earlier shard.
std::vector<int64_t> split_channels(int64_t channels, const std::vector<int64_t>& shares);

// Empty when `op` can be split along `axis`; else the reason (for the schedule error).
std::string split_unsupported_reason(const Network& net, const Op& op, SplitAxis axis);

// Size of `op`'s output along the split axis (the extent shards divide among themselves): output
// dim 1 (Conv) or the last dim (Gemm, MatMul) for channels, dim 2 for rows, dim 0 for batch.
// Precondition: split_unsupported_reason(net, op, axis) is empty.
int64_t split_extent(const Network& net, const Op& op, SplitAxis axis);

// The one-op network of the shard of `op` that produces output indices [offset, offset + count)
// along `axis`, costs annotated. Throws InputError when the op cannot be split that way or the
// range is empty or outside the extent.
Network shard_network(const Network& net, const Op& op, SplitAxis axis, int64_t offset,
                      int64_t count);

}  // namespace hsim::sim
