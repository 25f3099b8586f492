#pragma once

// How each split axis cuts an op into shards (internal to op_shards.cpp). A splitter says whether
// it can split an op, which output dim it divides, and for one shard which slice of each input it
// reads and which attributes change; op_shards.cpp builds the shard's one-op network from that.
// One implementation per axis: op_split_channels.cpp, op_split_rows.cpp, op_split_batch.cpp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "graph/network.h"
#include "schedule/schedule.h"

namespace hsim::sim {

// Input rows [begin, begin + count) along `dim` of one input slot.
struct InputSlice {
  size_t dim = 0;
  int64_t begin = 0;
  int64_t count = 0;
};

struct ShardCut {
  std::vector<std::optional<InputSlice>> inputs;  // per input slot; nullopt: read whole
  size_t output_dim = 0;                          // every output is cut to the shard's count here
  std::map<std::string, AttrValue> attrs;         // replace the op's (a row shard's own pads)
};

class AxisSplitter {
 public:
  virtual ~AxisSplitter() = default;
  // Empty when the op can be split along this axis; else why not, as a sentence fragment.
  virtual std::string unsupported_reason(const Network& net, const Op& op) const = 0;
  // The output dim the shards divide. Precondition: unsupported_reason is empty.
  virtual size_t output_dim(const Network& net, const Op& op) const = 0;
  // The shard producing output indices [offset, offset + count) along output_dim, count >= 1.
  virtual ShardCut cut(const Network& net, const Op& op, int64_t offset, int64_t count) const = 0;
};

const AxisSplitter& channel_splitter();
const AxisSplitter& row_splitter();
const AxisSplitter& batch_splitter();

// Helpers shared by the splitters.

// Element-wise ops (with ONNX broadcasting) and per-channel ones (BatchNormalization, LRN, PRelu):
// every output element depends only on the inputs' elements at the same N and spatial position.
bool is_pointwise_type(const std::string& type);

// Whether `slot` steers the op (Reshape's shape, Clip's bounds) rather than feeding its data.
bool is_control_slot(const Op& op, size_t slot);

// The dim of an input of rank `input_rank` that lines up with `output_dim` of a rank
// `output_rank` output under ONNX (numpy) broadcasting, or nullopt when the input has no such dim.
std::optional<size_t> broadcast_dim(size_t input_rank, size_t output_rank, size_t output_dim);

// `dims` as "1x64x56x56", for messages.
std::string shape_text(const std::vector<int64_t>& dims);

}  // namespace hsim::sim
