// Kernel choices in a schedule (`kernel: {order, weights, buffering}` on a task): read and
// written by the schedule file, and applied by the runner to the task's kernels.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <tuple>

#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "schedule/schedule_file.h"
#include "schedule/schedule_runner.h"
#include "support/fresh_systemc.h"
#include "support/input_error.h"
#include "support/onnx_model_builder.h"
#include "support/test_boards.h"

using namespace hsim::sim;
using hsim::testing::OnnxModelBuilder;

namespace {

std::string parse_error(const std::string& yaml) {
  return hsim::testing::input_error_of([&] { parse_schedule_text(yaml, "k.yaml"); });
}

// One 1x1 Conv, `channels` in and out, on a `side` x `side` image.
LoadedNetwork one_conv(int64_t channels, int64_t side, int64_t kernel = 1) {
  OnnxModelBuilder b;
  b.input("x", {1, channels, side, side}).output("y");
  b.weight("w", {channels, channels, kernel, kernel});
  auto& conv = b.node("Conv", {"x", "w"}, {"y"}, "conv");
  const int64_t pad = kernel / 2;
  hsim::testing::set_attr(conv, "pads", std::vector<int64_t>{pad, pad, pad, pad});
  return load_onnx_bytes(b.bytes(), "conv.onnx");
}

BoardSpec npu_board() {
  hsim::testing::TestBoard spec;
  spec.npu_cores = 1;  // 1 MiB of local SRAM, 32x32 int8 array at 1 GHz
  return spec.build();
}

Schedule on_npu(const KernelChoice& kernel) {
  ScheduledTask task;
  task.ops = {"conv"};
  task.pu = "npu";
  task.kernel = kernel;
  return {"test", {task}, 1};
}

}  // namespace

TEST(ScheduleKernelChoice, FileRoundTripsEveryChoiceAndLeavesUnsetOnesOut) {
  for (int order = 0; order < 3; ++order)
    for (int weights = 0; weights < 3; ++weights)
      for (int buffering = 0; buffering < 3; ++buffering) {
        KernelChoice k;
        if (order) k.order = order == 1 ? LoopOrder::kWeightsOuter : LoopOrder::kInputsOuter;
        if (weights) k.weights_resident = weights == 1;
        if (buffering) k.double_buffering = buffering == 1;
        const Schedule s = on_npu(k);
        const std::string yaml = schedule_yaml(s);
        EXPECT_EQ(yaml.find("kernel") != std::string::npos, !k.empty()) << yaml;
        EXPECT_EQ(parse_schedule_text(yaml, "k.yaml").tasks.at(0).kernel, k) << yaml;
      }
  const Schedule read = parse_schedule_text(
      "tasks:\n  - {ops: [conv], pu: npu, kernel: {order: inputs-outer, weights: streamed, "
      "buffering: single}}\n",
      "k.yaml");
  EXPECT_EQ(read.tasks[0].kernel.order, LoopOrder::kInputsOuter);
  EXPECT_EQ(read.tasks[0].kernel.weights_resident, false);
  EXPECT_EQ(read.tasks[0].kernel.double_buffering, false);
}

TEST(ScheduleKernelChoice, BadChoicesNameTheFileLineAndTheWord) {
  const std::string bad_word =
      parse_error("tasks:\n  - {ops: [conv], pu: npu, kernel: {order: diagonal}}\n");
  EXPECT_NE(bad_word.find("k.yaml:2"), std::string::npos) << bad_word;
  EXPECT_NE(bad_word.find("weights-outer | inputs-outer"), std::string::npos) << bad_word;
  EXPECT_NE(bad_word.find("'diagonal'"), std::string::npos) << bad_word;
  const std::string bad_key =
      parse_error("tasks:\n  - {ops: [conv], pu: npu, kernel: {tile: 8}}\n");
  EXPECT_NE(bad_key.find("unknown key 'tile'"), std::string::npos) << bad_key;
  EXPECT_NE(parse_error("tasks:\n  - {ops: [conv], pu: npu, kernel: single}\n").find("map"),
            std::string::npos);
}

TEST(ScheduleKernelChoice, ResidentWeightsAreLoadedOnceWhateverTheLoopOrder) {
  REQUIRE_FRESH_SYSTEMC();
  // 64 -> 64 channels, 1x1, 32x32 pixels, int8 on the NPU: everything fits the 1 MiB SRAM, so
  // with resident weights each input byte and each weight byte is loaded exactly once.
  const LoadedNetwork net = one_conv(64, 32);
  Platform platform(npu_board());
  ScheduleRunner runner(net.network, platform);
  const Bytes inputs = 64 * 32 * 32, weights = 64 * 64, outputs = 64 * 32 * 32;
  for (LoopOrder order : {LoopOrder::kWeightsOuter, LoopOrder::kInputsOuter}) {
    KernelChoice k;
    k.order = order;
    k.weights_resident = true;
    const ScheduleResult r = runner.run(on_npu(k), "resident");
    ASSERT_EQ(r.ops.size(), 1u);
    EXPECT_EQ(r.ops[0].loaded, inputs + weights);
    EXPECT_EQ(r.ops[0].stored, outputs);
  }
}

TEST(ScheduleKernelChoice, SingleBufferingSerialisesTransfersAndCompute) {
  REQUIRE_FRESH_SYSTEMC();
  // A 3x3 conv, 256 -> 256 channels on 28x28: 590 KB of int8 weights and 200 KB of inputs, so
  // it runs in many tiles. Double buffering overlaps each tile's loads with the previous tile's
  // compute; single buffering cannot, so it is slower, by at most the whole transfer time.
  const LoadedNetwork net = one_conv(256, 28, 3);
  Platform platform(npu_board());
  ScheduleRunner runner(net.network, platform);
  KernelChoice single, dbl;
  single.double_buffering = false;
  dbl.double_buffering = true;
  const ScheduleResult s = runner.run(on_npu(single), "single");
  const ScheduleResult d = runner.run(on_npu(dbl), "double");
  const ScheduleResult unset = runner.run(on_npu({}), "unset");
  EXPECT_EQ(unset.run.latency, d.run.latency);  // double buffering is the default
  EXPECT_GT(s.run.latency, d.run.latency);
  // Single-buffered, the op takes its compute plus its transfers, none hidden.
  EXPECT_GE(s.ops[0].end - s.ops[0].start, s.ops[0].compute);
  EXPECT_LT(d.ops[0].end - d.ops[0].start, s.ops[0].end - s.ops[0].start);
}

TEST(ScheduleKernelChoice, ResidentWeightsThatDoNotFitAreAnErrorNamingTheOpAndTheSram) {
  REQUIRE_FRESH_SYSTEMC();
  // 512 -> 512 channels, 3x3: 2.36 MB of int8 weights cannot stay in 1 MiB.
  const LoadedNetwork net = one_conv(512, 7, 3);
  Platform platform(npu_board());
  ScheduleRunner runner(net.network, platform);
  KernelChoice k;
  k.weights_resident = true;
  std::string message = "no error";
  try {
    runner.run(on_npu(k), "resident.yaml");
  } catch (const hsim::InputError& e) {
    message = e.what();
  }
  EXPECT_NE(message.find("conv"), std::string::npos) << message;
  EXPECT_NE(message.find("local SRAM"), std::string::npos) << message;
  KernelChoice streamed;
  streamed.weights_resident = false;
  EXPECT_NO_THROW(runner.run(on_npu(streamed), "streamed.yaml"));
}

// The one numbering of kernel choices (trace caches, memo keys, the worker wire, the search's
// draws): three parts of three values each give 3^3 = 27 distinct choices, each its own code.
TEST(KernelChoiceCode, EveryChoiceHasItsOwnCodeAndComesBack) {
  std::set<std::tuple<std::optional<LoopOrder>, std::optional<bool>, std::optional<bool>>> seen;
  for (int code = 0; code < kKernelChoiceCount; ++code) {
    const KernelChoice k = kernel_choice_of_code(code);
    EXPECT_EQ(kernel_choice_code(k), code);
    seen.insert({k.order, k.weights_resident, k.double_buffering});
  }
  EXPECT_EQ(seen.size(), 27u);
  EXPECT_TRUE(kernel_choice_of_code(0).empty());
  EXPECT_THROW(kernel_choice_of_code(27), std::out_of_range);
  EXPECT_THROW(kernel_choice_of_code(-1), std::out_of_range);
}

TEST(KernelChoiceCode, WithPartSetsOnePartAndKernelOptionsCarryIt) {
  KernelChoice k;
  k = with_part(k, KernelChoicePart::kOrder, 2);
  k = with_part(k, KernelChoicePart::kBuffering, 2);
  EXPECT_EQ(k.order, LoopOrder::kInputsOuter);
  EXPECT_FALSE(k.weights_resident.has_value());
  EXPECT_EQ(k.double_buffering, false);
  EXPECT_EQ(with_part(k, KernelChoicePart::kOrder, 0).order, std::nullopt);

  const KernelOptions options = kernel_options(k, DType::kInt8);
  EXPECT_EQ(options.dtype, DType::kInt8);
  EXPECT_EQ(options.tiling.order, LoopOrder::kInputsOuter);
  EXPECT_FALSE(options.tiling.weights_resident.has_value());
  EXPECT_FALSE(options.double_buffering);
  // Unset buffering is the kernels' default: double buffered.
  EXPECT_TRUE(kernel_options(KernelChoice{}, DType::kInt8).double_buffering);
}
