// Kernel trace text form: round trip and strict reading.
#include "trace/trace_io.h"

#include <gtest/gtest.h>

#include <sstream>

#include "common/error.h"
#include "support/input_error.h"

using namespace hsim::sim;

namespace {

std::vector<KernelTrace> sample() {
  KernelTrace a;
  a.name = "conv1";
  a.dtype = DType::kInt8;
  TraceRecord load;
  load.kind = RecordKind::kLoad;
  load.bytes = 65536;
  load.from = MemoryLevel::kDram;
  load.to = MemoryLevel::kLocal;
  load.async = true;
  load.tag = "t0";
  load.role = TransferRole::kWeight;
  TraceRecord compute;
  compute.kind = RecordKind::kCompute;
  compute.cycles = 4096;
  compute.macs = 262144;
  compute.ops = 7;
  TraceRecord wait;
  wait.kind = RecordKind::kWait;
  wait.tag = "t0";
  TraceRecord remote = load;
  remote.async = false;
  remote.tag.clear();
  remote.from = MemoryLevel::kLink;
  remote.peer = "dsp1";
  TraceRecord signal;
  signal.kind = RecordKind::kSignal;
  signal.event = "done";
  a.records = {load, compute, wait, remote, signal};
  KernelTrace b;
  b.name = "relu";
  TraceRecord vec = compute;
  vec.unit = ComputeUnit::kVector;
  vec.macs = 0;
  TraceRecord wait_event;
  wait_event.kind = RecordKind::kWait;
  wait_event.event = "done";
  b.records = {wait_event, vec};
  return {a, b};
}

void expect_same(const TraceRecord& x, const TraceRecord& y) {
  EXPECT_EQ(x.kind, y.kind);
  EXPECT_EQ(x.bytes, y.bytes);
  EXPECT_EQ(x.from, y.from);
  EXPECT_EQ(x.to, y.to);
  EXPECT_EQ(x.async, y.async);
  EXPECT_EQ(x.tag, y.tag);
  EXPECT_EQ(x.peer, y.peer);
  EXPECT_EQ(x.cycles, y.cycles);
  EXPECT_EQ(x.unit, y.unit);
  EXPECT_EQ(x.macs, y.macs);
  EXPECT_EQ(x.ops, y.ops);
  EXPECT_EQ(x.event, y.event);
  EXPECT_EQ(x.role, y.role);
}

std::string read_error(const std::string& text) {
  std::istringstream in(text);
  return hsim::testing::input_error_of([&] { read_traces(in, "t.trace"); });
}

}  // namespace

TEST(TraceIo, RoundTripKeepsEveryField) {
  const auto original = sample();
  std::ostringstream out;
  write_traces(out, original);
  std::istringstream in(out.str());
  const auto back = read_traces(in, "round.trace");
  ASSERT_EQ(back.size(), original.size());
  for (size_t k = 0; k < original.size(); ++k) {
    EXPECT_EQ(back[k].name, original[k].name);
    EXPECT_EQ(back[k].dtype, original[k].dtype);
    ASSERT_EQ(back[k].records.size(), original[k].records.size());
    for (size_t i = 0; i < original[k].records.size(); ++i)
      expect_same(back[k].records[i], original[k].records[i]);
  }
  EXPECT_EQ(back[0].total_bytes(RecordKind::kLoad), 2 * 65536);
  EXPECT_EQ(back[0].total_cycles(), 4096);
}

TEST(TraceIo, HandWrittenTraceWithCommentsReads) {
  std::istringstream in(
      "# my kernel\n\nkernel k dtype=fp16\n  load bytes=10 from=dram to=local  # inline\n"
      "compute cycles=5\nstore bytes=4 from=local to=sram tag=s async\nwait tag=s\n");
  const auto traces = read_traces(in, "hand.trace");
  ASSERT_EQ(traces.size(), 1u);
  EXPECT_EQ(traces[0].dtype, DType::kFloat16);
  ASSERT_EQ(traces[0].records.size(), 4u);
  EXPECT_EQ(traces[0].records[2].to, MemoryLevel::kSharedSram);
  EXPECT_EQ(traces[0].records[1].unit, ComputeUnit::kMac);
}

TEST(TraceIo, ErrorsNameSourceLineAndProblem) {
  EXPECT_NE(read_error("load bytes=1 from=dram to=local\n").find("t.trace:1: a record before"),
            std::string::npos);
  EXPECT_NE(read_error("kernel k\nload bytes=x from=dram to=local\n").find("t.trace:2: bytes"),
            std::string::npos);
  EXPECT_NE(read_error("kernel k\nload bytes=1 from=disk to=local\n").find("from=disk"),
            std::string::npos);
  EXPECT_NE(read_error("kernel k\ncompute cycles=1 colour=red\n").find("unknown field 'colour'"),
            std::string::npos);
  EXPECT_NE(read_error("kernel k\nload bytes=1 from=dram to=local async\n").find("needs a tag"),
            std::string::npos);
  EXPECT_NE(read_error("kernel k\njump to=3\n").find("unknown record 'jump'"), std::string::npos);
  EXPECT_NE(read_error("kernel k\nwait\n").find("wait needs"), std::string::npos);
  EXPECT_NE(read_error("kernel k\ncompute cycles=-4\n").find(">= 0"), std::string::npos);
  EXPECT_NE(read_error("kernel k dtype=fp7\n").find("unknown dtype"), std::string::npos);
  EXPECT_NE(read_error("kernel k\nstore bytes=1 from=local to=dram fast\n").find("unknown word"),
            std::string::npos);
}

TEST(TraceIo, MissingFileIsAnInputError) {
  EXPECT_THROW(read_trace_file("/nonexistent/x.trace"), hsim::InputError);
}
