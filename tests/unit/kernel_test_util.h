#pragma once

// Shared fixtures of the kernel model tests: PUs built in code (no board files), one-op networks
// built in memory, and trace sums.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "board/board_spec.h"
#include "onnx/onnx_loader.h"
#include "support/onnx_model_builder.h"
#include "trace/kernel_trace.h"

namespace hsim::testing {

inline sim::PuSpec npu(int64_t rows, int64_t cols, sim::Dataflow dataflow, sim::Bytes sram,
                       int64_t ops_per_cycle = 64) {
  sim::PuSpec pu;
  pu.name = "npu";
  pu.kind = sim::PuKind::kNpu;
  pu.clock = 1'000'000'000;
  pu.compute[sim::DType::kInt8] = {rows * cols, ops_per_cycle};
  pu.array = sim::SystolicArraySpec{rows, cols, dataflow};
  pu.local_sram = sram;
  return pu;
}

inline sim::PuSpec dsp(int64_t macs_per_cycle, int64_t ops_per_cycle, sim::Bytes sram) {
  sim::PuSpec pu;
  pu.name = "dsp";
  pu.kind = sim::PuKind::kDsp;
  pu.clock = 1'000'000'000;
  pu.compute[sim::DType::kInt8] = {macs_per_cycle, ops_per_cycle};
  pu.local_sram = sram;
  return pu;
}

inline sim::PuSpec cpu(int64_t macs_per_cycle, int64_t ops_per_cycle, sim::Bytes l2) {
  sim::PuSpec pu;
  pu.name = "cpu";
  pu.kind = sim::PuKind::kCpu;
  pu.clock = 2'000'000'000;
  pu.compute[sim::DType::kFloat32] = {macs_per_cycle, ops_per_cycle};
  pu.caches.push_back({"L1", 64 * 1024, 100'000'000'000, 1000, false});
  if (l2 > 0) pu.caches.push_back({"L2", l2, 50'000'000'000, 5000, false});
  return pu;
}

struct ConvShape {
  int64_t n = 1, c = 0, h = 0, w = 0;  // input
  int64_t m = 0, k = 3, stride = 1, pad = 1, group = 1;
  bool bias = false;
};

inline sim::LoadedNetwork conv_network(const ConvShape& s) {
  OnnxModelBuilder b;
  b.input("x", {s.n, s.c, s.h, s.w}).weight("w", {s.m, s.c / s.group, s.k, s.k});
  std::vector<std::string> inputs = {"x", "w"};
  if (s.bias) {
    b.weight("b", {s.m});
    inputs.push_back("b");
  }
  b.output("y");
  auto& node = b.node("Conv", inputs, {"y"}, "conv");
  set_attr(node, "kernel_shape", std::vector<int64_t>{s.k, s.k});
  set_attr(node, "strides", std::vector<int64_t>{s.stride, s.stride});
  set_attr(node, "pads", std::vector<int64_t>{s.pad, s.pad, s.pad, s.pad});
  if (s.group != 1) set_attr(node, "group", s.group);
  return sim::load_onnx_bytes(b.bytes(), "conv.onnx");
}

// Y[p, m] = A[p, k] B[k, m] as a Gemm with a weight B.
inline sim::LoadedNetwork gemm_network(int64_t p, int64_t k, int64_t m) {
  OnnxModelBuilder b;
  b.input("a", {p, k}).weight("b", {k, m}).output("y");
  b.node("Gemm", {"a", "b"}, {"y"}, "gemm");
  return sim::load_onnx_bytes(b.bytes(), "gemm.onnx");
}

inline const sim::Op& only_op(const sim::LoadedNetwork& loaded) {
  return loaded.network.ops().at(0);
}

inline int64_t bytes_of(const sim::KernelTrace& trace, sim::RecordKind kind, sim::MemoryLevel level) {
  int64_t sum = 0;
  for (const auto& r : trace.records) {
    if (r.kind != kind) continue;
    const auto at = kind == sim::RecordKind::kLoad ? r.from : r.to;
    if (at == level) sum += r.bytes;
  }
  return sum;
}

// Every wait names an async transfer issued before it and not yet waited for; every async
// transfer is waited for exactly once; no tag is issued twice; local copies are synchronous.
inline void expect_well_formed(const sim::KernelTrace& trace) {
  std::set<std::string> issued, pending;
  for (const auto& r : trace.records) {
    if ((r.kind == sim::RecordKind::kLoad || r.kind == sim::RecordKind::kStore) && r.async) {
      EXPECT_FALSE(r.tag.empty());
      EXPECT_TRUE(issued.insert(r.tag).second) << "tag issued twice: " << r.tag;
      EXPECT_FALSE(r.from == sim::MemoryLevel::kLocal && r.to == sim::MemoryLevel::kLocal);
      pending.insert(r.tag);
    }
    if (r.kind == sim::RecordKind::kWait) {
      EXPECT_EQ(pending.erase(r.tag), 1u) << "wait on a tag not pending: " << r.tag;
    }
  }
  EXPECT_TRUE(pending.empty()) << pending.size() << " transfers never waited for";
}

}  // namespace hsim::testing
