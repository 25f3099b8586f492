// Importers of PartitionTuner/NEST-C and ONNX Runtime profiles, on small hand-written files.
#include "profile/profile_import.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "profile/op_signature.h"
#include "support/onnx_model_builder.h"

using namespace hsim::sim;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;
using hsim::testing::write_file;

namespace {

// x[1,3,8,8] -> conv (4 out channels, 3x3, stride 1) -> relu -> add(relu, x2) -> pool -> y,
// with x2 a second input of the add's shape.
Network small_net() {
  OnnxModelBuilder b;
  b.input("x", {1, 3, 8, 8}).input("x2", {1, 4, 8, 8}).weight("w", {4, 3, 3, 3}).output("y");
  auto& conv = b.node("Conv", {"x", "w"}, {"c"}, "conv");
  set_attr(conv, "kernel_shape", std::vector<int64_t>{3, 3});
  set_attr(conv, "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.node("Relu", {"c"}, {"r"}, "relu");
  b.node("Add", {"r", "x2"}, {"a"}, "add");
  b.node("GlobalAveragePool", {"a"}, {"y"}, "pool");
  return load_onnx_bytes(b.bytes(), "small.onnx").network;
}

const ProfileEntry* find_entry(const ImportResult& r, const std::string& signature) {
  return r.profile.find(signature, r.profile.entries.empty() ? PuKind::kCpu
                                                              : r.profile.entries.front().pu,
                        DType::kFloat32);
}

}  // namespace

TEST(NestcImport, KeysFollowGlowsNhwcNamingAndMicroseconds) {
  const Network net = small_net();
  // Glow names dims NHWC: the conv reads 1x8x8x3, has 4 filters of 3x3 at stride 1.
  EXPECT_EQ(nestc_key(net, net.op(0)), "Convolution-1-8-8-3-float-4-3-1");
  EXPECT_EQ(nestc_key(net, net.op(3)), "AvgPool-1-8-8-4-float");
  const std::string file = write_file("cpu_profile.yaml",
                                      "---\n"
                                      "backendName: CPU\n"
                                      "commCost: 0.0\n"
                                      "Convolution-1-8-8-3-float-4-3-1: 120\n"
                                      "Relu-1-8-8-4-float: 7\n"
                                      "Convolution-1-8-8-3-float-4-3-1+Relu-1-8-8-4-float : 125\n"
                                      "MaxPool-1-112-112-64-float: 1\n"
                                      "...\n");
  const ImportResult r = import_nestc_profile(file, net, ImportOptions{});
  ASSERT_EQ(r.profile.entries.size(), 3u);
  EXPECT_EQ(r.profile.entries[0].pu, PuKind::kCpu);
  const ProfileEntry* conv = find_entry(r, op_signature(net, net.op(0)));
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->times.at(1), 120'000'000);  // 120 us in ps
  const ProfileEntry* fused = find_entry(r, group_signature(net, {0, 1}));
  ASSERT_NE(fused, nullptr);
  EXPECT_EQ(fused->times.at(1), 125'000'000);
  // Add and the pool have no entry: they fall back to the models and are listed.
  EXPECT_EQ(r.unmatched_ops, (std::vector<OpId>{2, 3}));
  EXPECT_EQ(r.unused_keys, (std::vector<std::string>{"MaxPool-1-112-112-64-float"}));
}

TEST(NestcImport, AcceleratorBackendsAreNpusAndBadLinesAreErrors) {
  const Network net = small_net();
  const std::string vta = write_file("vta.yaml", "backendName: VTA\nRelu-1-8-8-4-float: 3\n");
  EXPECT_EQ(import_nestc_profile(vta, net, ImportOptions{}).profile.entries.at(0).pu, PuKind::kNpu);
  const std::string bad = write_file("bad.yaml", "backendName: CPU\nRelu-1-8-8-4-float: fast\n");
  try {
    import_nestc_profile(bad, net, ImportOptions{});
    FAIL() << "expected an error";
  } catch (const hsim::InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              bad + ":2: Relu-1-8-8-4-float: expected a time in microseconds, got 'fast'");
  }
  const std::string old = write_file("old.yaml", "backendName: CPU\nAdd: |\n    4:1\n");
  EXPECT_THROW(import_nestc_profile(old, net, ImportOptions{}), hsim::InputError);
}

TEST(OrtImport, NodesByNameFusionsAsGroupsMedianOfRuns) {
  const Network net = small_net();
  // Three runs of the fused conv (ORT's FusedConv absorbs the Relu), two of the pool under a
  // name ORT made up (matched by type and input shapes), one event nothing matches.
  const std::string file = write_file("ort.json", R"([
    {"cat": "Session", "name": "model_run", "dur": 900, "ts": 0, "ph": "X", "args": {}},
    {"cat": "Node", "name": "conv_kernel_time", "dur": 50, "ts": 1, "ph": "X",
     "args": {"op_name": "FusedConv", "provider": "CPUExecutionProvider",
              "input_type_shape": [{"float": [1, 3, 8, 8]}, {"float": [4, 3, 3, 3]}]}},
    {"cat": "Node", "name": "conv_kernel_time", "dur": 40, "ts": 100, "ph": "X",
     "args": {"op_name": "FusedConv"}},
    {"cat": "Node", "name": "conv_kernel_time", "dur": 70, "ts": 200, "ph": "X",
     "args": {"op_name": "FusedConv"}},
    {"cat": "Node", "name": "conv_fence_before", "dur": 1, "ts": 1, "ph": "X", "args": {}},
    {"cat": "Node", "name": "GlobalAveragePool_token_7_kernel_time", "dur": 3, "ts": 60,
     "ph": "X", "args": {"op_name": "GlobalAveragePool", "input_type_shape": [{"float": [1, 4, 8, 8]}]}},
    {"cat": "Node", "name": "GlobalAveragePool_token_7_kernel_time", "dur": 5, "ts": 160,
     "ph": "X", "args": {"op_name": "GlobalAveragePool", "input_type_shape": [{"float": [1, 4, 8, 8]}]}},
    {"cat": "Node", "name": "Reorder_99_kernel_time", "dur": 2, "ts": 70, "ph": "X",
     "args": {"op_name": "Reorder", "input_type_shape": [{"float": [1, 4, 8, 8]}]}}
  ])");
  const ImportResult r = import_ort_profile(file, net, ImportOptions{});
  const ProfileEntry* fused = find_entry(r, group_signature(net, {0, 1}));
  ASSERT_NE(fused, nullptr);
  EXPECT_EQ(fused->times.at(1), 50'000'000);  // median of 40, 50, 70 us
  const ProfileEntry* pool = find_entry(r, op_signature(net, net.op(3)));
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->times.at(1), 4'000'000);  // median of 3 and 5 us
  EXPECT_EQ(r.unmatched_ops, (std::vector<OpId>{0, 1, 2}));  // the conv only fused, relu, add
  EXPECT_EQ(r.unused_keys, (std::vector<std::string>{"Reorder_99 (Reorder)"}));
}

TEST(OrtImport, TextThatIsNotATraceIsAnError) {
  const Network net = small_net();
  EXPECT_THROW(import_ort_profile(write_file("x.json", "{not json"), net, ImportOptions{}),
               hsim::InputError);
  EXPECT_THROW(import_ort_profile(write_file("y.json", "{\"a\": 1}"), net, ImportOptions{}),
               hsim::InputError);
  EXPECT_THROW(import_ort_profile(hsim::testing::temp_path("missing.json"), net, ImportOptions{}), hsim::InputError);
}
