// Bad ONNX inputs: every one must raise hsim::InputError naming the file and the problem, never
// crash, hang or throw anything else. Models are built in memory with OnnxModelBuilder.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "common/error.h"
#include "onnx/onnx_loader.h"
#include "support/onnx_model_builder.h"

// `text` must contain `part` (GoogleTest without gmock).
#define EXPECT_CONTAINS(text, part)                                                    \
  EXPECT_NE(std::string(text).find(part), std::string::npos)                           \
      << "expected \"" << (part) << "\" in: " << (text)
#define EXPECT_LACKS(text, part)                                                       \
  EXPECT_EQ(std::string(text).find(part), std::string::npos)                           \
      << "did not expect \"" << (part) << "\" in: " << (text)

namespace {

using hsim::InputError;
using hsim::sim::LoadedNetwork;
using hsim::sim::load_onnx_bytes;
using hsim::sim::load_onnx_file;
using hsim::sim::OnnxLoadOptions;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;
using hsim::testing::temp_path;
using hsim::testing::write_file;

// Loads `path` and returns the InputError's message; records a failure if the load succeeds or
// throws anything else. Every message must start with the path (`<where>: <what>`).
std::string load_error(const std::string& path, const OnnxLoadOptions& options = {}) {
  try {
    load_onnx_file(path, options);
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), path);
    EXPECT_EQ(std::string(e.what()).rfind(path + ": ", 0), 0u) << e.what();
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected InputError, got another exception: " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected InputError for " << path << ", but it loaded";
  return {};
}

// Conv(1x3x8x8 -> 4 channels, 3x3, pad 1) -> Relu: the smallest valid model most tests start
// from. The input's batch dim is symbolic (`N`) when `batch` is -1.
OnnxModelBuilder conv_relu_model(int64_t batch = 1, int64_t opset = 17, int64_t ir_version = 8) {
  OnnxModelBuilder b(opset, ir_version);
  b.input("x", {batch, 3, 8, 8}).weight("w", {4, 3, 3, 3}).weight("b", {4});
  auto& conv = b.node("Conv", {"x", "w", "b"}, {"c"}, "conv");
  set_attr(conv, "kernel_shape", std::vector<int64_t>{3, 3});
  set_attr(conv, "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.node("Relu", {"c"}, {"y"}, "relu");
  b.output("y");
  return b;
}

// A network that loaded must be internally consistent: every id in range, shapes non-negative.
void expect_consistent(const hsim::sim::Network& net) {
  const auto tensor_count = static_cast<int32_t>(net.tensors().size());
  auto valid = [&](int32_t id) { return id >= 0 && id < tensor_count; };
  for (const auto& op : net.ops()) {
    for (auto id : op.inputs) EXPECT_TRUE(id == hsim::sim::kNoTensor || valid(id)) << op.name;
    for (auto id : op.outputs) EXPECT_TRUE(valid(id)) << op.name;
    EXPECT_GE(op.cost.macs, 0) << op.name;
    EXPECT_GE(op.cost.flops, 0) << op.name;
  }
  for (auto id : net.inputs()) EXPECT_TRUE(valid(id));
  for (auto id : net.outputs()) EXPECT_TRUE(valid(id));
  for (const auto& t : net.tensors())
    for (int64_t d : t.shape) EXPECT_GE(d, 0) << t.name;
}

// Runs load_onnx_bytes and accepts exactly two outcomes: a consistent network, or an InputError
// naming `source`. Anything else thrown is a failure.
void expect_input_error_or_consistent(const std::string& bytes, const std::string& source) {
  try {
    const LoadedNetwork loaded = load_onnx_bytes(bytes, source);
    expect_consistent(loaded.network);
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), source);
    EXPECT_CONTAINS(e.what(), source);
  } catch (const std::exception& e) {
    ADD_FAILURE() << source << ": expected InputError, got: " << e.what();
  } catch (...) {
    ADD_FAILURE() << source << ": expected InputError, got a non-std exception";
  }
}

// --- The file itself --------------------------------------------------------------------------

TEST(OnnxBadInput, MissingFile) {
  const std::string path = temp_path("does_not_exist.onnx");
  const std::string msg = load_error(path);
  EXPECT_CONTAINS(msg, "no such file");
}

TEST(OnnxBadInput, Directory) {
  const std::string path = temp_path("a_directory.onnx");
  std::filesystem::create_directories(path);
  const std::string msg = load_error(path);
  EXPECT_CONTAINS(msg, "directory");
}

TEST(OnnxBadInput, EmptyFile) {
  const std::string path = write_file("empty.onnx", "");
  const std::string msg = load_error(path);
  EXPECT_CONTAINS(msg, "empty");
}

TEST(OnnxBadInput, TextFileIsNotAModel) {
  const std::string path = write_file("notes.onnx", "hello, world\n");
  const std::string msg = load_error(path);
  EXPECT_CONTAINS(msg, "ONNX");
}

TEST(OnnxBadInput, RandomBytesFromFile) {
  std::mt19937 rng(1234);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string bytes(4096, '\0');
  for (char& c : bytes) c = static_cast<char>(byte(rng));
  const std::string path = write_file("random.onnx", bytes);
  load_error(path);
}

TEST(OnnxBadInput, RandomBytesAllSeedsAndSizes) {
  for (unsigned seed : {1u, 2u, 3u, 42u, 1000u, 65535u, 123456789u}) {
    for (size_t size : {1u, 2u, 3u, 7u, 16u, 100u, 1000u, 10000u, 100000u}) {
      std::mt19937 rng(seed);
      std::uniform_int_distribution<int> byte(0, 255);
      std::string bytes(size, '\0');
      for (char& c : bytes) c = static_cast<char>(byte(rng));
      const std::string source =
          "random-seed" + std::to_string(seed) + "-size" + std::to_string(size);
      try {
        load_onnx_bytes(bytes, source);
        ADD_FAILURE() << source << " loaded as a model";
      } catch (const InputError& e) {
        EXPECT_EQ(e.where(), source);
      } catch (const std::exception& e) {
        ADD_FAILURE() << source << ": expected InputError, got: " << e.what();
      }
    }
  }
}

// Random bytes after a valid-looking start (field 1 = ir_version 8, field 7 = graph of a
// plausible length) reach deeper into the parser than pure noise.
TEST(OnnxBadInput, RandomBytesAfterValidHeader) {
  for (unsigned seed = 0; seed < 200; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string bytes = std::string("\x08\x08", 2) + "\x3a" + static_cast<char>(64);
    for (int i = 0; i < 64; ++i) bytes += static_cast<char>(byte(rng));
    expect_input_error_or_consistent(bytes, "header-then-noise-" + std::to_string(seed));
  }
}

TEST(OnnxBadInput, TruncatedModelAtEveryCut) {
  // Conv -> Relu -> Reshape(int64 constant) -> Gemm: many kinds of fields to cut through.
  OnnxModelBuilder b = conv_relu_model();
  b.int64_constant("shape", {1, 256});
  b.weight("fc_w", {10, 256}).weight("fc_b", {10});
  b.model().mutable_graph()->clear_output();
  b.node("Reshape", {"y", "shape"}, {"flat"}, "reshape");
  auto& gemm = b.node("Gemm", {"flat", "fc_w", "fc_b"}, {"logits"}, "fc");
  set_attr(gemm, "transB", int64_t{1});
  b.output("logits");
  const std::string full = b.bytes();
  ASSERT_GT(full.size(), 100u);
  ASSERT_NO_THROW(load_onnx_bytes(full, "full-model"));

  int cuts = 0;
  for (size_t cut = 0; cut < full.size(); cut += 7, ++cuts)
    expect_input_error_or_consistent(full.substr(0, cut), "cut-at-" + std::to_string(cut));
  // The last byte off too (the most plausible truncation of all).
  expect_input_error_or_consistent(full.substr(0, full.size() - 1), "cut-last-byte");
  EXPECT_GT(cuts, 10);
}

TEST(OnnxBadInput, TruncatedFileNamesThePath) {
  const std::string full = conv_relu_model().bytes();
  const std::string path = write_file("truncated.onnx", full.substr(0, full.size() / 2));
  const std::string msg = load_error(path);
  EXPECT_FALSE(msg.empty());
}

// Bit flips in a valid model, fixed seeds: the loader must survive whatever the flips make.
// (Seed 209 renames kernel_shape and cuts the input to rank 2: see ConvWeightRank4WithRank2Input.)
TEST(OnnxBadInput, BitFlippedModels) {
  const std::string full = conv_relu_model().bytes();
  for (unsigned seed = 0; seed < 300; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<size_t> at(0, full.size() - 1);
    std::uniform_int_distribution<int> bit(0, 7);
    std::string bytes = full;
    for (int flips = 0; flips < 3; ++flips) bytes[at(rng)] ^= static_cast<char>(1 << bit(rng));
    expect_input_error_or_consistent(bytes, "flipped-" + std::to_string(seed));
  }
}

// --- Model header -----------------------------------------------------------------------------

TEST(OnnxBadInput, ModelWithoutGraph) {
  OnnxModelBuilder b;
  b.model().clear_graph();
  const std::string path = b.write("no_graph.onnx");
  EXPECT_CONTAINS(load_error(path), "no graph");
}

TEST(OnnxBadInput, GraphWithoutNodes) {
  OnnxModelBuilder b;
  b.input("x", {1, 3}).output("x");
  const std::string path = b.write("no_nodes.onnx");
  EXPECT_CONTAINS(load_error(path), "no nodes");
}

TEST(OnnxBadInput, Opset18IsUnsupported) {
  const std::string path = conv_relu_model(1, 18).write("opset18.onnx");
  const std::string msg = load_error(path);
  EXPECT_CONTAINS(msg, "opset 18");
  EXPECT_CONTAINS(msg, "not supported");
}

TEST(OnnxBadInput, Opset6IsUnsupported) {
  const std::string path = conv_relu_model(1, 6).write("opset6.onnx");
  const std::string msg = load_error(path);
  EXPECT_CONTAINS(msg, "opset 6");
  EXPECT_CONTAINS(msg, "not supported");
}

TEST(OnnxBadInput, IrVersion9IsUnsupported) {
  const std::string path = conv_relu_model(1, 17, 9).write("ir9.onnx");
  const std::string msg = load_error(path);
  EXPECT_CONTAINS(msg, "IR version 9");
  EXPECT_CONTAINS(msg, "not supported");
}

TEST(OnnxBadInput, SupportedRangeEdgesLoad) {
  // The bounds themselves are in range: opsets 7 and 17, IR versions 3 and 8 all load.
  EXPECT_NO_THROW(load_onnx_file(conv_relu_model(1, 17, 8).write("opset17.onnx")));
  EXPECT_NO_THROW(load_onnx_file(conv_relu_model(1, 7, 8).write("opset7.onnx")));
  // IR 3 requires every initializer to be listed as a graph input too (old exporters did).
  OnnxModelBuilder ir3 = conv_relu_model(1, 7, 3);
  ir3.input("w", {4, 3, 3, 3}).input("b", {4});
  EXPECT_NO_THROW(load_onnx_file(ir3.write("ir3.onnx")));
}

// --- Graph structure ----------------------------------------------------------------------------

TEST(OnnxBadInput, CycleNamesANode) {
  OnnxModelBuilder b;
  b.input("x", {1, 4});
  b.node("Add", {"x", "b_out"}, {"a_out"}, "node_a");
  b.node("Add", {"x", "a_out"}, {"b_out"}, "node_b");
  b.output("b_out");
  const std::string msg = load_error(b.write("cycle.onnx"));
  EXPECT_CONTAINS(msg, "cycle");
  EXPECT_TRUE(msg.find("node_a") != std::string::npos || msg.find("node_b") != std::string::npos)
      << msg;
}

TEST(OnnxBadInput, UndefinedTensorIsNamed) {
  OnnxModelBuilder b;
  b.input("x", {1, 4});
  b.node("Add", {"x", "ghost_tensor"}, {"y"}, "add");
  b.output("y");
  const std::string msg = load_error(b.write("undefined.onnx"));
  EXPECT_CONTAINS(msg, "'ghost_tensor'");
  EXPECT_CONTAINS(msg, "'add'");
}

TEST(OnnxBadInput, TensorWrittenByTwoNodes) {
  OnnxModelBuilder b;
  b.input("x", {1, 4});
  b.node("Relu", {"x"}, {"twice"}, "first");
  b.node("Sigmoid", {"x"}, {"twice"}, "second");
  b.output("twice");
  const std::string msg = load_error(b.write("written_twice.onnx"));
  EXPECT_CONTAINS(msg, "'twice'");
  EXPECT_CONTAINS(msg, "two nodes");
}

TEST(OnnxBadInput, NodeOverwritingGraphInput) {
  OnnxModelBuilder b;
  b.input("x", {1, 4});
  b.node("Relu", {"x"}, {"x"}, "relu_in_place");
  b.output("x");
  const std::string msg = load_error(b.write("overwrites_input.onnx"));
  EXPECT_CONTAINS(msg, "'x'");
}

TEST(OnnxBadInput, GraphOutputNeverProduced) {
  OnnxModelBuilder b;
  b.input("x", {1, 4});
  b.node("Relu", {"x"}, {"y"}, "relu");
  b.output("y").output("phantom_output");
  const std::string msg = load_error(b.write("phantom_output.onnx"));
  EXPECT_CONTAINS(msg, "'phantom_output'");
  EXPECT_CONTAINS(msg, "never produced");
}

TEST(OnnxBadInput, NodeWithoutOpType) {
  OnnxModelBuilder b;
  b.input("x", {1, 4});
  b.node("", {"x"}, {"y"}, "nameless_op");
  b.output("y");
  EXPECT_CONTAINS(load_error(b.write("no_op_type.onnx")), "no op type");
}

// --- Input shapes -------------------------------------------------------------------------------

TEST(OnnxBadInput, UnboundSymbolicBatch) {
  const std::string msg = load_error(conv_relu_model(-1).write("symbolic.onnx"));
  EXPECT_CONTAINS(msg, "'x'");
  EXPECT_CONTAINS(msg, "'N'");
  EXPECT_CONTAINS(msg, "--input-shape");
}

TEST(OnnxBadInput, InputShapeBindsSymbolicBatch) {
  OnnxLoadOptions options;
  hsim::sim::add_input_shape_spec(options, "x=2x3x8x8");
  const LoadedNetwork loaded =
      load_onnx_file(conv_relu_model(-1).write("symbolic_bound.onnx"), options);
  const auto& net = loaded.network;
  ASSERT_EQ(net.outputs().size(), 1u);
  // Conv 3x3 pad 1 stride 1 keeps 8x8; 4 output channels; batch follows the binding.
  EXPECT_EQ(net.tensor(net.outputs()[0]).shape, (std::vector<int64_t>{2, 4, 8, 8}));
  ASSERT_TRUE(net.find_op("conv"));
  // MACs = out elements (2*4*8*8 = 512) x C*kh*kw (3*3*3 = 27) = 13824.
  EXPECT_EQ(net.op(*net.find_op("conv")).cost.macs, 2 * 4 * 8 * 8 * 3 * 3 * 3);
}

TEST(OnnxBadInput, InputShapeWrongRank) {
  OnnxLoadOptions options;
  hsim::sim::add_input_shape_spec(options, "x=2x3x8");
  const std::string msg = load_error(conv_relu_model(-1).write("wrong_rank.onnx"), options);
  EXPECT_CONTAINS(msg, "rank 3");
  EXPECT_CONTAINS(msg, "rank 4");
}

TEST(OnnxBadInput, InputShapeUnknownInputListsRealInputs) {
  OnnxLoadOptions options;
  hsim::sim::add_input_shape_spec(options, "images=1x3x8x8");
  const std::string msg = load_error(conv_relu_model(-1).write("unknown_input.onnx"), options);
  EXPECT_CONTAINS(msg, "'images'");
  EXPECT_CONTAINS(msg, "'x'");
  // Initializers are not inputs a user binds: they are not offered.
  EXPECT_LACKS(msg, "'w'");
}

TEST(OnnxBadInput, InputShapeCannotNameAnInitializer) {
  OnnxModelBuilder b = conv_relu_model();
  b.model().mutable_graph()->add_input()->set_name("w");  // old exporters list weights as inputs
  OnnxLoadOptions options;
  hsim::sim::add_input_shape_spec(options, "w=4x3x3x3");
  const std::string msg = load_error(b.write("bind_initializer.onnx"), options);
  EXPECT_CONTAINS(msg, "'w'");
  EXPECT_CONTAINS(msg, "not a graph input");
}

TEST(OnnxBadInput, InputShapeContradictsFixedDim) {
  OnnxLoadOptions options;
  hsim::sim::add_input_shape_spec(options, "x=1x3x16x8");
  const std::string msg = load_error(conv_relu_model(-1).write("contradicts.onnx"), options);
  EXPECT_CONTAINS(msg, "contradicts");
  EXPECT_CONTAINS(msg, "dim 2 = 8");
}

TEST(OnnxBadInput, MalformedInputShapeSpecs) {
  for (const std::string spec : {"x", "x=", "=1x2", "x=1xx2", "x=0x3", "x=-1", "x=1x2x",
                                 "x=ax2", "x=1.5", "x=1x 2", "x=99999999999999999999"}) {
    OnnxLoadOptions options;
    try {
      hsim::sim::add_input_shape_spec(options, spec);
      ADD_FAILURE() << "spec '" << spec << "' was accepted";
    } catch (const InputError& e) {
      EXPECT_CONTAINS(e.what(), "--input-shape") << spec;
      EXPECT_CONTAINS(e.what(), "'" + spec + "'") << spec;
    } catch (const std::exception& e) {
      ADD_FAILURE() << "spec '" << spec << "': expected InputError, got: " << e.what();
    }
    EXPECT_TRUE(options.input_shapes.empty()) << spec;
  }
}

TEST(OnnxBadInput, WellFormedInputShapeSpecParses) {
  OnnxLoadOptions options;
  hsim::sim::add_input_shape_spec(options, "input.1=1x3x224x224");
  ASSERT_EQ(options.input_shapes.count("input.1"), 1u);
  EXPECT_EQ(options.input_shapes.at("input.1"), (std::vector<int64_t>{1, 3, 224, 224}));
}

TEST(OnnxBadInput, ImpossiblyLargeInputShape) {
  // 2^30 x 2^30 = 2^60 elements exceed anything real (the loader's limit is 2^48); it must
  // refuse the shape, not overflow on it.
  OnnxModelBuilder b;
  b.input("x", {-1, -1}, onnx::TensorProto::FLOAT, "N");
  b.node("Relu", {"x"}, {"y"}, "relu");
  b.output("y");
  OnnxLoadOptions options;
  hsim::sim::add_input_shape_spec(options, "x=1073741824x1073741824");
  const std::string msg = load_error(b.write("huge.onnx"), options);
  EXPECT_CONTAINS(msg, "impossible shape");
}

// --- Ops ----------------------------------------------------------------------------------------

OnnxModelBuilder custom_op_model() {
  OnnxModelBuilder b;
  b.import_domain("com.example", 1);
  b.input("x", {1, 4});
  auto& node = b.node("FancyThing", {"x"}, {"fancy_out"}, "fancy");
  node.set_domain("com.example");
  b.node("Relu", {"fancy_out"}, {"y"}, "relu");
  b.output("y");
  return b;
}

TEST(OnnxBadInput, CustomOpWithUnknownShapeNamesTensor) {
  const std::string msg = load_error(custom_op_model().write("custom_unknown.onnx"));
  EXPECT_CONTAINS(msg, "'fancy_out'");
  EXPECT_CONTAINS(msg, "unknown shape");
}

TEST(OnnxBadInput, CustomOpWithValueInfoGetsGenericCost) {
  OnnxModelBuilder b = custom_op_model();
  b.value_info("fancy_out", {1, 6});

  const LoadedNetwork loaded = load_onnx_file(b.write("custom_known.onnx"));
  const auto& net = loaded.network;
  const auto id = net.find_op("fancy");
  ASSERT_TRUE(id);
  const auto& op = net.op(*id);
  EXPECT_FALSE(op.cost.is_modelled);
  EXPECT_EQ(op.domain, "com.example");
  // Generic cost: one FLOP per output element (1x6), no MACs.
  EXPECT_EQ(op.cost.flops, 6);
  EXPECT_EQ(op.cost.macs, 0);
  // Shape propagates past it: Relu's output is 1x6 too.
  EXPECT_EQ(net.tensor(net.outputs()[0]).shape, (std::vector<int64_t>{1, 6}));
  ASSERT_EQ(loaded.warnings.size(), 1u);
  EXPECT_CONTAINS(loaded.warnings[0], "FancyThing");
}

TEST(OnnxBadInput, ControlFlowSubgraphRefused) {
  OnnxModelBuilder b;
  b.input("cond", {1}, onnx::TensorProto::BOOL).input("x", {1, 4});
  auto& node = b.node("If", {"cond"}, {"y"}, "branchy");
  auto* attr = node.add_attribute();
  attr->set_name("then_branch");
  attr->set_type(onnx::AttributeProto::GRAPH);
  auto* then_graph = attr->mutable_g();
  then_graph->set_name("then");
  auto* inner = then_graph->add_node();
  inner->set_op_type("Identity");
  inner->add_input("x");
  inner->add_output("then_y");
  then_graph->add_output()->set_name("then_y");
  b.output("y");
  const std::string msg = load_error(b.write("control_flow.onnx"));
  EXPECT_CONTAINS(msg, "control flow");
  EXPECT_CONTAINS(msg, "'branchy'");
}

TEST(OnnxBadInput, ShapeInferenceFailure) {
  OnnxModelBuilder b;
  b.input("a", {1, 3}).input("b", {1, 4});
  b.node("Add", {"a", "b"}, {"y"}, "add");
  b.output("y");
  const std::string msg = load_error(b.write("bad_broadcast.onnx"));
  EXPECT_CONTAINS(msg, "shape inference");
  EXPECT_EQ(msg.find('\n'), std::string::npos) << "messages are one line: " << msg;
}

// Conv weights must have the input's rank (N C H W input -> M C/g kH kW weights); so must
// ConvTranspose's (C M/g kH kW).
void expect_conv_weight_rank_refused(const std::vector<int64_t>& weight_dims,
                                     const std::string& file,
                                     const std::string& op_type = "Conv") {
  OnnxModelBuilder b;
  b.input("x", {1, 3, 8, 8}).weight("w", weight_dims);
  b.node(op_type, {"x", "w"}, {"y"}, "conv");
  b.output("y");
  const std::string msg = load_error(b.write(file));
  EXPECT_FALSE(msg.empty()) << op_type << " weights " << weight_dims.size()
                            << "-D for a 4-D input were accepted";
}

TEST(OnnxBadInput, ConvWeightRank3WithRank4Input) {
  expect_conv_weight_rank_refused({4, 3, 3}, "conv_w3.onnx");
}

TEST(OnnxBadInput, ConvWeightRank5WithRank4Input) {
  expect_conv_weight_rank_refused({4, 3, 3, 3, 3}, "conv_w5.onnx");
}

TEST(OnnxBadInput, ConvWeightRank1WithRank4Input) {
  expect_conv_weight_rank_refused({4}, "conv_w1.onnx");
}

TEST(OnnxBadInput, ConvWeightScalarWithRank4Input) {
  expect_conv_weight_rank_refused({}, "conv_w0.onnx");
}

TEST(OnnxBadInput, ConvWeightRank4WithRank2Input) {
  // The smallest form of what BitFlippedModels seed 209 produced: a 1x3 input, 4x3x3x3 weights.
  OnnxModelBuilder b;
  b.input("x", {1, 3}).weight("w", {4, 3, 3, 3});
  auto& conv = b.node("Conv", {"x", "w"}, {"y"}, "conv");
  set_attr(conv, "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.output("y");
  EXPECT_FALSE(load_error(b.write("conv_x2.onnx")).empty());
}

TEST(OnnxBadInput, ConvTransposeWeightRank5WithRank4Input) {
  expect_conv_weight_rank_refused({3, 4, 3, 3, 3}, "deconv_w5.onnx", "ConvTranspose");
}

TEST(OnnxBadInput, ConvChannelMismatch) {
  // Weights expect 5 input channels; the input has 3.
  expect_conv_weight_rank_refused({4, 5, 3, 3}, "conv_channels.onnx");
}

TEST(OnnxBadInput, InitializerWithNegativeDim) {
  OnnxModelBuilder b;
  b.input("x", {1, 4}).weight("w", {4, -3});
  b.node("MatMul", {"x", "w"}, {"y"}, "mm");
  b.output("y");
  const std::string msg = load_error(b.write("negative_dim.onnx"));
  EXPECT_CONTAINS(msg, "'w'");
}

TEST(OnnxBadInput, InitializerOfUnsizableType) {
  OnnxModelBuilder b;
  b.input("x", {1, 4}).weight("w", {4, 4}, onnx::TensorProto::STRING);
  b.node("MatMul", {"x", "w"}, {"y"}, "mm");
  b.output("y");
  const std::string msg = load_error(b.write("string_weight.onnx"));
  EXPECT_CONTAINS(msg, "'w'");
}

}  // namespace
