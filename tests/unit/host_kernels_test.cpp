// Ops run for real with oneDNN (sim/host): results checked against plain loops on the same
// synthetic data, so the buffers, layouts and fused post-ops are what the op means.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "host/fusion.h"
#include "host/host_runs.h"
#include "host/host_session.h"
#include "onnx/onnx_loader.h"
#include "support/onnx_model_builder.h"

using namespace hsim::sim;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;

namespace {

const float* values(const host::HostSession& s, const Network& net, const std::string& tensor) {
  return static_cast<const float*>(s.buffers().data(*net.find_tensor(tensor)));
}

void run_once(std::vector<host::HostUnit>& units, host::HostSession& session) {
  for (const auto& unit : units) ASSERT_TRUE(unit.kernel || unit.is_view) << unit.unsupported;
  host::time_sequence(units, session.engine(), 1, 1);
}

}  // namespace

TEST(HostKernels, GroupedConvolutionWithFusedReluMatchesLoops) {
  OnnxModelBuilder b;
  b.input("x", {1, 4, 5, 5}).weight("w", {6, 2, 3, 3}).weight("bias", {6}).output("y");
  auto& conv = b.node("Conv", {"x", "w", "bias"}, {"c"}, "conv");
  set_attr(conv, "group", int64_t{2});
  set_attr(conv, "strides", std::vector<int64_t>{2, 2});
  set_attr(conv, "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.node("Relu", {"c"}, {"y"}, "relu");
  const Network net = load_onnx_bytes(b.bytes(), "conv.onnx").network;
  ASSERT_EQ(host::fusable_chains(net), (std::vector<std::vector<OpId>>{{0, 1}}));
  host::HostSession session(net);
  auto units = session.build_units(host::fusable_chains(net), 1);
  ASSERT_EQ(units.size(), 1u);
  run_once(units, session);
  const float *x = values(session, net, "x"), *w = values(session, net, "w"),
              *bias = values(session, net, "bias"), *y = values(session, net, "y");
  // Output 3x3: (5 + 2 - 3) / 2 + 1. Output channel m uses input channels of group m / 3.
  for (int m = 0; m < 6; ++m)
    for (int oh = 0; oh < 3; ++oh)
      for (int ow = 0; ow < 3; ++ow) {
        double sum = bias[m];
        for (int c = 0; c < 2; ++c)
          for (int kh = 0; kh < 3; ++kh)
            for (int kw = 0; kw < 3; ++kw) {
              const int ih = oh * 2 - 1 + kh, iw = ow * 2 - 1 + kw;
              if (ih < 0 || ih >= 5 || iw < 0 || iw >= 5) continue;
              const int ic = (m / 3) * 2 + c;
              sum += static_cast<double>(x[(ic * 5 + ih) * 5 + iw]) * w[((m * 2 + c) * 3 + kh) * 3 + kw];
            }
        EXPECT_NEAR(y[(m * 3 + oh) * 3 + ow], std::max(sum, 0.0), 1e-4) << m << " " << oh << " " << ow;
      }
}

TEST(HostKernels, GemmBroadcastAddTransposeConcatAndPoolMatchLoops) {
  OnnxModelBuilder b;
  b.input("a", {2, 3}).weight("wt", {4, 3}).weight("c", {4});
  b.input("x", {1, 4, 2, 3}).weight("s", {1, 4, 1, 1});
  b.output("g").output("sum").output("t").output("cat").output("p");
  auto& gemm = b.node("Gemm", {"a", "wt", "c"}, {"g"}, "gemm");
  set_attr(gemm, "transB", int64_t{1});
  b.node("Add", {"x", "s"}, {"sum"}, "add");
  auto& transpose = b.node("Transpose", {"x"}, {"t"}, "transpose");
  set_attr(transpose, "perm", std::vector<int64_t>{0, 3, 1, 2});
  auto& concat = b.node("Concat", {"x", "x"}, {"cat"}, "concat");
  set_attr(concat, "axis", int64_t{2});  // along H with C > 1: a copy, not a view
  auto& pool = b.node("MaxPool", {"x"}, {"p"}, "pool");
  set_attr(pool, "kernel_shape", std::vector<int64_t>{2, 2});
  const Network net = load_onnx_bytes(b.bytes(), "ops.onnx").network;
  host::HostSession session(net);
  auto units = session.build_units({}, 1);
  run_once(units, session);
  const float *a = values(session, net, "a"), *wt = values(session, net, "wt"),
              *c = values(session, net, "c"), *g = values(session, net, "g");
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j) {
      double sum = c[j];
      for (int k = 0; k < 3; ++k) sum += static_cast<double>(a[i * 3 + k]) * wt[j * 3 + k];
      EXPECT_NEAR(g[i * 4 + j], sum, 1e-5);
    }
  const float *x = values(session, net, "x"), *s = values(session, net, "s");
  const float *added = values(session, net, "sum"), *t = values(session, net, "t");
  const float *cat = values(session, net, "cat"), *p = values(session, net, "p");
  for (int ch = 0; ch < 4; ++ch)
    for (int h = 0; h < 2; ++h)
      for (int w = 0; w < 3; ++w) {
        const float v = x[(ch * 2 + h) * 3 + w];
        EXPECT_FLOAT_EQ(added[(ch * 2 + h) * 3 + w], v + s[ch]);
        EXPECT_FLOAT_EQ(t[(w * 4 + ch) * 2 + h], v);          // [1, W, C, H]
        EXPECT_FLOAT_EQ(cat[(ch * 4 + h) * 3 + w], v);        // [1, C, 2H, W], first copy
        EXPECT_FLOAT_EQ(cat[(ch * 4 + h + 2) * 3 + w], v);    // second copy
      }
  for (int ch = 0; ch < 4; ++ch)
    for (int w = 0; w < 2; ++w) {
      float best = -1e30f;
      for (int h = 0; h < 2; ++h)
        for (int k = 0; k < 2; ++k) best = std::max(best, x[(ch * 2 + h) * 3 + w + k]);
      EXPECT_FLOAT_EQ(p[ch * 2 + w], best);
    }
}

TEST(HostKernels, NormalisationsReductionsAndMatMulRun) {
  OnnxModelBuilder b;
  b.input("x", {2, 3, 8}).weight("gamma", {8}).weight("beta", {8}).weight("m", {8, 5});
  b.input("img", {1, 3, 4, 4}).weight("bs", {3}).weight("bb", {3}).weight("bm", {3}).weight("bv", {3});
  b.output("ln").output("sm").output("mm").output("bn").output("rd").output("cl");
  auto& ln = b.node("LayerNormalization", {"x", "gamma", "beta"}, {"ln"}, "ln");
  set_attr(ln, "axis", int64_t{-1});
  auto& sm = b.node("Softmax", {"x"}, {"sm"}, "softmax");
  set_attr(sm, "axis", int64_t{-1});
  b.node("MatMul", {"x", "m"}, {"mm"}, "matmul");
  b.node("BatchNormalization", {"img", "bs", "bb", "bm", "bv"}, {"bn"}, "bn");
  auto& reduce = b.node("ReduceMean", {"img"}, {"rd"}, "reduce");
  set_attr(reduce, "axes", std::vector<int64_t>{2, 3});
  b.node("Clip", {"img"}, {"cl"}, "clip");
  const Network net = load_onnx_bytes(b.bytes(), "norm.onnx").network;
  host::HostSession session(net);
  auto units = session.build_units({}, 1);
  run_once(units, session);
  const float* sm_out = values(session, net, "sm");
  for (int row = 0; row < 6; ++row) {
    double sum = 0;
    for (int k = 0; k < 8; ++k) sum += sm_out[row * 8 + k];
    EXPECT_NEAR(sum, 1.0, 1e-5);
  }
  const float *x = values(session, net, "x"), *m = values(session, net, "m"),
              *mm = values(session, net, "mm");
  for (int row = 0; row < 6; ++row)
    for (int j = 0; j < 5; ++j) {
      double sum = 0;
      for (int k = 0; k < 8; ++k) sum += static_cast<double>(x[row * 8 + k]) * m[k * 5 + j];
      EXPECT_NEAR(mm[row * 5 + j], sum, 1e-5);
    }
}

TEST(HostKernels, OpsOneDnnCannotRunAreListedNotRun) {
  OnnxModelBuilder b;
  b.input("x", {1, 4}).output("y");
  b.node("Erf", {"x"}, {"y"}, "erf");
  const Network net = load_onnx_bytes(b.bytes(), "erf.onnx").network;
  host::HostSession session(net);
  const auto units = session.build_units({}, 1);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].kernel, nullptr);
  EXPECT_NE(units[0].unsupported.find("Erf"), std::string::npos) << units[0].unsupported;
}
