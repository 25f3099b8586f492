// Import of well-formed graphs: shape arithmetic folding, constant handling, attribute reading.
#include <gtest/gtest.h>

#include "graph/network_summary.h"
#include "onnx/onnx_loader.h"
#include "support/onnx_model_builder.h"

using hsim::sim::load_onnx_bytes;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;

namespace {

onnx::NodeProto& constant(OnnxModelBuilder& b, const std::string& name,
                          const std::vector<int64_t>& values, bool scalar = false) {
  auto& node = b.node("Constant", {}, {name});
  auto* attr = node.add_attribute();
  attr->set_name("value");
  attr->set_type(onnx::AttributeProto::TENSOR);
  auto* t = attr->mutable_t();
  t->set_data_type(onnx::TensorProto::INT64);
  if (!scalar) t->add_dims(static_cast<int64_t>(values.size()));
  for (int64_t v : values) t->add_int64_data(v);
  return node;
}

}  // namespace

// The channel-split pattern torch emits for x.chunk(2, dim=1) on static shapes:
// Shape -> Gather(1) -> Add(1) -> Div(2) -> Mul(1) -> Slice end. libonnx's data propagation does
// not cover Div, so without folding the Slice output shape stays unknown.
TEST(OnnxImport, ShapeArithmeticFoldsSoDownstreamShapesAreKnown) {
  OnnxModelBuilder b;
  b.input("x", {1, 6, 4, 4}).output("y");
  b.node("Shape", {"x"}, {"shape"});
  constant(b, "one_index", {1}, /*scalar=*/true);
  set_attr(b.node("Gather", {"shape", "one_index"}, {"channels"}), "axis", int64_t{0});
  constant(b, "one", {1}, true);
  constant(b, "two", {2}, true);
  b.node("Add", {"channels", "one"}, {"plus_one"});
  b.node("Div", {"plus_one", "two"}, {"half"});
  b.node("Mul", {"half", "one"}, {"end_scalar"});
  constant(b, "zero_axis", {0});
  b.node("Unsqueeze", {"end_scalar", "zero_axis"}, {"end"});
  constant(b, "start", {0});
  constant(b, "axis", {1});
  b.node("Slice", {"x", "start", "end", "axis"}, {"y"});
  const auto loaded = load_onnx_bytes(b.bytes(), "chunk.onnx");
  // (6 + 1) / 2 = 3 channels kept; every shape computation folded away, the Slice remains.
  ASSERT_EQ(loaded.network.ops().size(), 1u);
  EXPECT_EQ(loaded.network.ops()[0].type, "Slice");
  EXPECT_EQ(loaded.network.tensor(loaded.network.outputs()[0]).shape,
            (std::vector<int64_t>{1, 3, 4, 4}));
}

// torch's F.pad export builds the pads input by reversing pairs: Reshape to Nx2, Slice with step
// -1 along axis 0, Transpose, Reshape to 1-D.
TEST(OnnxImport, ReversedPadPairsFold) {
  OnnxModelBuilder b;
  b.input("x", {1, 3, 5, 7}).output("y");
  constant(b, "raw", {0, 1, 0, 2, 0, 0, 0, 0});  // torch order: (w_begin, w_end, h_begin, h_end, c, c, n, n)
  constant(b, "pairs_shape", {-1, 2});
  b.node("Reshape", {"raw", "pairs_shape"}, {"pairs"});
  constant(b, "s0", {-1});
  constant(b, "e0", {INT64_MIN + 1});
  constant(b, "a0", {0});
  constant(b, "st", {-1});
  b.node("Slice", {"pairs", "s0", "e0", "a0", "st"}, {"reversed"});
  set_attr(b.node("Transpose", {"reversed"}, {"columns"}), "perm", std::vector<int64_t>{1, 0});
  constant(b, "flat", {-1});
  b.node("Reshape", {"columns", "flat"}, {"pads"});
  b.node("Pad", {"x", "pads"}, {"y"});
  const auto loaded = load_onnx_bytes(b.bytes(), "pad.onnx");
  // Reversed pairs are (n, c, h, w) = (0,0),(0,0),(0,2),(0,1); transposed to ONNX's
  // begins-then-ends: pads = [0,0,0,0, 0,0,2,1] -> H 5+2, W 7+1.
  ASSERT_EQ(loaded.network.ops().size(), 1u);
  EXPECT_EQ(loaded.network.tensor(loaded.network.outputs()[0]).shape,
            (std::vector<int64_t>{1, 3, 7, 8}));
}

TEST(OnnxImport, AttributesAndOpsKeepTheirOrderAndNames) {
  OnnxModelBuilder b;
  b.input("x", {1, 3, 8, 8}).weight("w", {4, 3, 3, 3}).output("y");
  auto& conv = b.node("Conv", {"x", "w"}, {"c"}, "stem");
  set_attr(conv, "pads", std::vector<int64_t>{1, 1, 1, 1});
  set_attr(conv, "auto_pad", std::string("NOTSET"));
  b.node("Relu", {"c"}, {"y"}, "act");
  const auto loaded = load_onnx_bytes(b.bytes(), "attrs.onnx");
  ASSERT_EQ(loaded.network.ops().size(), 2u);
  const auto& stem = loaded.network.ops()[0];
  EXPECT_EQ(stem.name, "stem");
  EXPECT_EQ(stem.attr_ints("pads"), (std::vector<int64_t>{1, 1, 1, 1}));
  EXPECT_EQ(stem.attr_string("auto_pad", ""), "NOTSET");
  EXPECT_EQ(stem.attr_int("group", 1), 1);
  EXPECT_EQ(loaded.network.info().opset, 17);
  EXPECT_EQ(loaded.network.inputs().size(), 1u);  // the weight is not a graph input
  EXPECT_EQ(loaded.network.ops()[1].name, "act");
}

TEST(OnnxImport, InitializersListedAsGraphInputsStayWeights) {
  // IR 3 files list every initializer among the graph inputs too.
  OnnxModelBuilder b(11, 3);
  b.input("x", {1, 4}).input("w", {4, 2}).weight("w", {4, 2}).output("y");
  b.node("MatMul", {"x", "w"}, {"y"});
  const auto loaded = load_onnx_bytes(b.bytes(), "ir3.onnx");
  EXPECT_EQ(loaded.network.inputs().size(), 1u);
  EXPECT_EQ(hsim::sim::summarize(loaded.network).parameters, 8);
}
