// A chain whose ends run on different PUs or devices pays what crossing costs, in closed form:
// the element-type conversion on the consumer, and the transfer over the link between devices.
#include <gtest/gtest.h>

#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/schedule_runner.h"
#include "support/fresh_systemc.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim::sim;
using hsim::testing::kNs;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::TestBoard;

namespace {

// x -> Relu "a" -> h -> Relu "b" -> y, fp32 1x1024x1024 (2^20 elements).
LoadedNetwork relu_chain() {
  OnnxModelBuilder b;
  b.input("x", {1, 1024, 1024}).output("y");
  b.node("Relu", {"x"}, {"h"}, "a");
  b.node("Relu", {"h"}, {"y"}, "b");
  return load_onnx_bytes(b.bytes(), "chain.onnx");
}

ScheduledTask task(const std::string& op, const std::string& pu, const std::string& device = "") {
  ScheduledTask t;
  t.ops = {op};
  t.pu = pu;
  t.device = device;
  return t;
}

// How long op `name` ran (its task's work: dispatch, conversions, fetches and kernel).
Picoseconds duration_of(const ScheduleResult& r, const Network& net, const std::string& name) {
  for (const OpTiming& t : r.ops)
    if (net.op(t.op).name == name) return t.end - t.start;
  ADD_FAILURE() << "no op " << name;
  return 0;
}

}  // namespace

TEST(ScheduleCrossing, CrossingElementTypesCostsOneVectorOpPerElement) {
  REQUIRE_FRESH_SYSTEMC();
  const LoadedNetwork net = relu_chain();
  TestBoard spec;
  spec.npu_cores = 1;  // int8, 64 vector ops per cycle at 1 GHz
  Platform platform(spec.build());
  ScheduleRunner runner(net.network, platform);
  // b on the NPU computes int8. Fed by a on the NPU, h arrives in int8; fed by a on the CPU, in
  // fp32, and b first converts its 2^20 elements: 2^20 / 64 = 16,384 cycles = 16.384 us.
  const auto same = runner.run({"t", {task("a", "npu"), task("b", "npu")}, 1}, "same");
  const auto crossing = runner.run({"t", {task("a", "cpu"), task("b", "npu")}, 1}, "crossing");
  EXPECT_EQ(duration_of(crossing, net.network, "b") - duration_of(same, net.network, "b"),
            16'384 * kNs);
}

TEST(ScheduleCrossing, CrossingDevicesCostsTheLinkTransfer) {
  REQUIRE_FRESH_SYSTEMC();
  const LoadedNetwork net = relu_chain();
  TestBoard spec;
  spec.devices = 2;  // dev0 - dev1 over 125 MB/s with 50 us latency
  Platform platform(spec.build());
  ScheduleRunner runner(net.network, platform);
  const auto local =
      runner.run({"t", {task("a", "cpu", "dev0"), task("b", "cpu", "dev0")}, 1}, "local");
  const auto remote =
      runner.run({"t", {task("a", "cpu", "dev0"), task("b", "cpu", "dev1")}, 1}, "remote");
  // h (4 MiB of fp32) crosses the link before b runs: 50 us + 4,194,304 B / 125 MB/s =
  // 50 us + 33,554.432 us.
  const double link = 50'000.0 * kNs + 4'194'304.0 / 125e6 * 1e12;
  const double extra = static_cast<double>(duration_of(remote, net.network, "b") -
                                           duration_of(local, net.network, "b"));
  EXPECT_NEAR(extra, link, 0.001 * link);
  EXPECT_EQ(remote.run.link_bytes, 4'194'304);
  EXPECT_EQ(local.run.link_bytes, 0);
}
