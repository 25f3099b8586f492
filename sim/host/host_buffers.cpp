#include "host/host_buffers.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <numeric>
#include <random>

namespace hsim::sim::host {

namespace {

bool is_alias_view(const Op& op) {
  static const char* const kTypes[] = {"Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity",
                                       "Dropout"};
  for (const char* type : kTypes)
    if (op.type == type) return true;
  return false;
}

// Weighted union-find: each tensor's byte offset relative to its set's representative.
class OffsetSets {
 public:
  explicit OffsetSets(size_t n) : parent_(n), offset_(n, 0) {
    std::iota(parent_.begin(), parent_.end(), size_t{0});
  }
  std::pair<size_t, int64_t> find(size_t x) {
    if (parent_[x] == x) return {x, 0};
    const auto [root, parent_offset] = find(parent_[x]);
    offset_[x] += parent_offset;
    parent_[x] = root;
    return {root, offset_[x]};
  }
  // Requires offset(a) = offset(b) + delta; false when that contradicts what is already joined.
  bool join(size_t a, size_t b, int64_t delta) {
    const auto [ra, oa] = find(a);
    const auto [rb, ob] = find(b);
    if (ra == rb) return oa == ob + delta;
    parent_[ra] = rb;
    offset_[ra] = ob + delta - oa;
    return true;
  }

 private:
  std::vector<size_t> parent_;
  std::vector<int64_t> offset_;
};

int64_t row_major_offset(const Tensor& tensor, const std::vector<int64_t>& index) {
  int64_t offset = 0;
  for (size_t d = 0; d < tensor.shape.size(); ++d) offset = offset * tensor.shape[d] + index[d];
  return offset * dtype_bytes(tensor.dtype);
}

// Start index of a view Slice along each axis (step 1, the only kind hsim calls a view).
std::vector<int64_t> slice_starts(const Network& network, const Op& op) {
  const Tensor& input = network.tensor(op.inputs[0]);
  std::vector<int64_t> starts(input.shape.size(), 0);
  if (op.inputs.size() < 2) return starts;
  const auto& begin = network.tensor(op.inputs[1]).int_values;
  if (!begin) return starts;
  std::vector<int64_t> axes;
  if (op.inputs.size() > 3 && op.inputs[3] != kNoTensor && network.tensor(op.inputs[3]).int_values)
    axes = *network.tensor(op.inputs[3]).int_values;
  else
    for (size_t i = 0; i < begin->size(); ++i) axes.push_back(static_cast<int64_t>(i));
  for (size_t i = 0; i < begin->size() && i < axes.size(); ++i) {
    const int64_t rank = static_cast<int64_t>(input.shape.size());
    const int64_t axis = axes[i] < 0 ? axes[i] + rank : axes[i];
    if (axis < 0 || axis >= rank) continue;
    const int64_t dim = input.shape[static_cast<size_t>(axis)];
    int64_t start = (*begin)[i] < 0 ? (*begin)[i] + dim : (*begin)[i];
    starts[static_cast<size_t>(axis)] = std::clamp<int64_t>(start, 0, dim);
  }
  return starts;
}

float uniform_limit(const Network& network, TensorId id) {
  const Tensor& tensor = network.tensor(id);
  for (OpId consumer : tensor.consumers) {
    const Op& op = network.op(consumer);
    const bool weights = op.inputs.size() > 1 && op.inputs[1] == id;
    if (weights && (op.type == "Conv" || op.type == "ConvTranspose" || op.type == "Gemm" ||
                    op.type == "MatMul")) {
      int64_t fan_in = 1;
      if (op.type == "Conv" || op.type == "ConvTranspose") {
        for (size_t d = 1; d < tensor.shape.size(); ++d) fan_in *= tensor.shape[d];
      } else if (!tensor.shape.empty()) {
        const bool trans_b = op.type == "Gemm" && op.attr_int("transB", 0) != 0;
        fan_in = tensor.shape.size() >= 2 && !trans_b ? tensor.shape[tensor.shape.size() - 2]
                                                      : tensor.shape.back();
      }
      return std::sqrt(6.0f / static_cast<float>(std::max<int64_t>(fan_in, 1)));
    }
    // Normalisation scales and variances: 1 (a variance must be positive).
    if ((op.type == "BatchNormalization" &&
         (op.inputs.size() > 4 && (op.inputs[1] == id || op.inputs[4] == id))) ||
        (op.type == "LayerNormalization" && op.inputs.size() > 1 && op.inputs[1] == id))
      return -1.0f;
  }
  return 0.05f;
}

void fill(const Network& network, TensorId id, void* data, std::mt19937& random) {
  const Tensor& tensor = network.tensor(id);
  const int64_t n = tensor.elements();
  if (tensor.dtype != DType::kFloat32) {
    // Integer data (indices, ids): zeros are valid indices for any table.
    std::memset(data, 0, static_cast<size_t>(tensor.bytes()));
    return;
  }
  float* values = static_cast<float*>(data);
  const float limit = tensor.role == TensorRole::kGraphInput ? 1.0f : uniform_limit(network, id);
  if (limit < 0) {
    std::fill(values, values + n, 1.0f);
    return;
  }
  std::uniform_real_distribution<float> dist(-limit, limit);
  for (int64_t i = 0; i < n; ++i) values[i] = dist(random);
}

}  // namespace

HostBuffers::HostBuffers(const Network& network) {
  const size_t count = network.tensors().size();
  OffsetSets sets(count);
  root_of_.assign(count, 0);
  offset_of_.assign(count, 0);
  aliased_.assign(count, false);
  auto join = [&](TensorId a, TensorId b, int64_t delta) {
    if (sets.join(static_cast<size_t>(a), static_cast<size_t>(b), delta)) {
      aliased_[static_cast<size_t>(a)] = aliased_[static_cast<size_t>(b)] = true;
    }
  };
  for (const Op& op : network.ops()) {
    if (!op.cost.is_view || op.inputs.empty() || op.inputs[0] == kNoTensor) continue;
    const Tensor& first = network.tensor(op.inputs[0]);
    if (first.is_fixed()) continue;
    if (is_alias_view(op)) {
      join(op.outputs[0], op.inputs[0], 0);
    } else if (op.type == "Concat") {
      int64_t offset = 0;
      for (TensorId in : op.inputs) {
        if (in == kNoTensor) continue;
        join(in, op.outputs[0], offset);
        offset += network.tensor(in).bytes();
      }
    } else if (op.type == "Split") {
      int64_t offset = 0;
      for (TensorId out : op.outputs) {
        join(out, op.inputs[0], offset);
        offset += network.tensor(out).bytes();
      }
    } else if (op.type == "Slice") {
      join(op.outputs[0], op.inputs[0], row_major_offset(first, slice_starts(network, op)));
    }
  }
  // Each set's extent relative to its representative, then one allocation per set.
  std::map<size_t, std::pair<int64_t, int64_t>> extent;  // representative -> [low, high)
  for (size_t t = 0; t < count; ++t) {
    const auto [root, offset] = sets.find(t);
    auto [it, inserted] = extent.try_emplace(root, offset, offset + network.tensors()[t].bytes());
    if (!inserted) {
      it->second.first = std::min(it->second.first, offset);
      it->second.second = std::max(it->second.second, offset + network.tensors()[t].bytes());
    }
  }
  std::map<size_t, size_t> root_index;
  for (const auto& [representative, range] : extent) {
    Root root;
    root.bytes = std::max<int64_t>(range.second - range.first, 1);
    const size_t rounded = (static_cast<size_t>(root.bytes) + 63) / 64 * 64;
    root.memory = {static_cast<uint8_t*>(std::aligned_alloc(64, rounded)), &std::free};
    std::memset(root.memory.get(), 0, rounded);
    root_index[representative] = roots_.size();
    roots_.push_back(std::move(root));
  }
  std::mt19937 random(20240601);
  for (size_t t = 0; t < count; ++t) {
    const auto [representative, offset] = sets.find(t);
    root_of_[t] = root_index[representative];
    offset_of_[t] = offset - extent[representative].first;
    const Tensor& tensor = network.tensors()[t];
    if (tensor.is_fixed() || tensor.role == TensorRole::kGraphInput)
      fill(network, static_cast<TensorId>(t), data(static_cast<TensorId>(t)), random);
  }
}

void* HostBuffers::data(TensorId id) const {
  const size_t t = static_cast<size_t>(id);
  return roots_[root_of_[t]].memory.get() + offset_of_[t];
}

bool HostBuffers::aliased(TensorId id) const { return aliased_.at(static_cast<size_t>(id)); }

}  // namespace hsim::sim::host
