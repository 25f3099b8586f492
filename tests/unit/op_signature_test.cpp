// Op signatures: the key measured profiles are looked up by.
#include "profile/op_signature.h"

#include <gtest/gtest.h>

#include "onnx/onnx_loader.h"
#include "support/onnx_model_builder.h"

using namespace hsim::sim;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;

namespace {

// x -> Conv (3x3, stride 2, pads written out or SAME_UPPER) -> Relu.
Network conv_relu(bool same_upper) {
  OnnxModelBuilder b;
  b.input("x", {1, 3, 8, 8}).weight("w", {4, 3, 3, 3}).weight("bias", {4}).output("y");
  auto& conv = b.node("Conv", {"x", "w", "bias"}, {"c"}, "conv");
  set_attr(conv, "kernel_shape", std::vector<int64_t>{3, 3});
  set_attr(conv, "strides", std::vector<int64_t>{2, 2});
  if (same_upper)
    set_attr(conv, "auto_pad", std::string("SAME_UPPER"));
  else
    set_attr(conv, "pads", std::vector<int64_t>{0, 0, 1, 1});
  b.node("Relu", {"c"}, {"y"}, "relu");
  return load_onnx_bytes(b.bytes(), "conv.onnx").network;
}

}  // namespace

TEST(OpSignature, ConvolutionNamesShapesAndNormalisedParameters) {
  const Network net = conv_relu(false);
  // Output 4x4: (8 + 0 + 1 - 3) / 2 + 1 = 4; defaults (dilations, group) written out.
  EXPECT_EQ(op_signature(net, net.op(0)),
            "Conv fp32[1x3x8x8] fp32[4x3x3x3] fp32[4] kernel=3x3 stride=2x2 pads=0x0x1x1 "
            "dilations=1x1 group=1");
  EXPECT_EQ(op_signature(net, net.op(1)), "Relu fp32[1x4x4x4]");
  EXPECT_EQ(group_signature(net, {0, 1}),
            op_signature(net, net.op(0)) + " + " + op_signature(net, net.op(1)));
}

TEST(OpSignature, SameUpperPadsMatchTheExplicitOnes) {
  // SAME_UPPER on 8 with stride 2 and kernel 3: total pad (4-1)*2+3-8 = 1, all at the end.
  const Network explicit_pads = conv_relu(false), same = conv_relu(true);
  EXPECT_EQ(op_signature(same, same.op(0)), op_signature(explicit_pads, explicit_pads.op(0)));
}

TEST(OpSignature, OtherOpsCarryTheirAttributesSorted) {
  OnnxModelBuilder b;
  b.input("x", {2, 5}).output("y");
  auto& softmax = b.node("Softmax", {"x"}, {"y"}, "s");
  set_attr(softmax, "axis", int64_t{0});
  const Network net = load_onnx_bytes(b.bytes(), "s.onnx").network;
  EXPECT_EQ(op_signature(net, net.op(0)), "Softmax fp32[2x5] axis=0");
}
