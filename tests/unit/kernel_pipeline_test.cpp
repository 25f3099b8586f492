// Double buffering in the emitted traces: tile i + 1's loads are issued before tile i computes,
// tile i waits for its own loads first, and the store of tile i - 2 (whose output buffer tile i
// reuses) is waited for before tile i computes. Tags follow tile indices: in<i>, w<i>, out<i>.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "kernel_test_util.h"
#include "kernels/kernel_model.h"

using hsim::sim::RecordKind;
using namespace hsim::testing;

namespace {

int64_t tile_of(const std::string& tag, const std::string& label) {
  if (tag.rfind(label, 0) != 0) return -1;
  const std::string rest = tag.substr(label.size());
  if (rest.empty() || !isdigit(static_cast<unsigned char>(rest[0]))) return -1;
  return std::stoll(rest);
}

void expect_double_buffered(const hsim::sim::KernelTrace& trace) {
  std::map<int64_t, std::set<std::string>> loads_of;  // tile -> its load tags
  std::map<int64_t, std::string> store_of;
  std::set<std::string> waited;
  int64_t tile = 0;
  for (size_t i = 0; i < trace.records.size(); ++i) {
    const auto& r = trace.records[i];
    if (r.kind == RecordKind::kLoad && r.async) {
      int64_t t = tile_of(r.tag, "in");
      if (t < 0) t = tile_of(r.tag, "w");
      ASSERT_GE(t, 0) << r.tag;
      EXPECT_LE(t, tile + 1) << "loads are prefetched one tile ahead at most";
      loads_of[t].insert(r.tag);
    } else if (r.kind == RecordKind::kStore && r.async) {
      EXPECT_EQ(tile_of(r.tag, "out"), tile - 1) << "a tile stores right after it computes";
      store_of[tile - 1] = r.tag;
    } else if (r.kind == RecordKind::kWait) {
      waited.insert(r.tag);
    } else if (r.kind == RecordKind::kCompute) {
      for (const auto& tag : loads_of[tile]) EXPECT_TRUE(waited.count(tag)) << tag;
      if (store_of.count(tile - 2)) {
        EXPECT_TRUE(waited.count(store_of[tile - 2]));
      }
      for (const auto& tag : loads_of[tile + 1]) EXPECT_FALSE(waited.count(tag)) << tag;
      ++tile;
    }
  }
  EXPECT_GT(tile, 2);
  // Second pass: tile t + 1's loads are all issued before tile t's compute.
  std::vector<size_t> compute_at;
  for (size_t i = 0; i < trace.records.size(); ++i)
    if (trace.records[i].kind == RecordKind::kCompute) compute_at.push_back(i);
  for (size_t i = 0; i < trace.records.size(); ++i) {
    const auto& r = trace.records[i];
    if (r.kind != RecordKind::kLoad || !r.async) continue;
    const int64_t t = std::max(tile_of(r.tag, "in"), tile_of(r.tag, "w"));
    if (t >= 1) {
      EXPECT_LT(i, compute_at[static_cast<size_t>(t - 1)]) << r.tag;
    }
  }
}

}  // namespace

TEST(KernelPipeline, NpuConvTilesOverlapTransfersWithCompute) {
  const auto net = conv_network({1, 64, 56, 56, 128});
  const auto trace = hsim::sim::build_kernel_trace(
      net.network, only_op(net), npu(32, 32, hsim::sim::Dataflow::kOutputStationary, 96 * 1024));
  expect_well_formed(trace);
  expect_double_buffered(trace);
}

TEST(KernelPipeline, DspConvTilesOverlapTransfersWithCompute) {
  const auto net = conv_network({1, 32, 28, 28, 64, 3, 1, 1, 1, true});
  const auto trace =
      hsim::sim::build_kernel_trace(net.network, only_op(net), dsp(100, 30, 16 * 1024));
  expect_well_formed(trace);
  expect_double_buffered(trace);
}
