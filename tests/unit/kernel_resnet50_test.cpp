// ResNet-50 on a 32 x 32 output-stationary NPU (int8, 512 KiB local SRAM, 64 vector ops/cycle):
// every op's trace cycles equal its closed form, derived here from the tensor shapes alone:
//   Conv:  G x (ceil(N Ho Wo / 32) x ceil((M / G) / 32) x (32 + 32 + K - 2) - 1),
//          K = C / G x kh x kw from the weight shape [M, C/G, kh, kw]
//   Gemm:  ceil(rows / 32) x ceil(cols / 32) x (62 + K) - 1 (rows, cols of the output)
//   other: ceil(FLOPs / 64) on the vector unit; views: nothing.
// 512 KiB holds every layer's aligned tiles with K unsplit, so tiling adds no cycles. Every op
// stores exactly its output (int8: a quarter of the fp32 model's bytes).
#include <gtest/gtest.h>

#include "kernel_test_util.h"
#include "kernels/kernel_model.h"

using hsim::sim::RecordKind;
using namespace hsim::testing;

namespace {

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

int64_t closed_form(const hsim::sim::Network& net, const hsim::sim::Op& op) {
  if (op.cost.is_view) return 0;
  const auto& out = net.tensor(op.outputs[0]).shape;
  if (op.type == "Conv") {
    const auto& w = net.tensor(op.inputs[1]).shape;
    const int64_t groups = op.attr_int("group", 1);
    const int64_t pixels = out[0] * out[2] * out[3];
    const int64_t k = w[1] * w[2] * w[3];
    return groups * (ceil_div(pixels, 32) * ceil_div(w[0] / groups, 32) * (62 + k) - 1);
  }
  if (op.type == "Gemm") {
    const auto& a = net.tensor(op.inputs[0]).shape;
    return ceil_div(out[0], 32) * ceil_div(out[1], 32) * (62 + a[1]) - 1;
  }
  return ceil_div(op.cost.flops, 64);
}

}  // namespace

TEST(KernelResNet50, NpuTraceCyclesEqualPerLayerClosedForms) {
  const auto loaded = hsim::sim::load_onnx_file(std::string(HSIM_MODELS_DIR) + "/resnet50.onnx");
  const auto& net = loaded.network;
  const auto pu = npu(32, 32, hsim::sim::Dataflow::kOutputStationary, 512 * 1024, 64);
  hsim::sim::KernelOptions options;
  options.dtype = hsim::sim::DType::kInt8;
  int64_t total = 0, expected = 0, convs = 0;
  for (const auto& op : net.ops()) {
    const auto trace = hsim::sim::build_kernel_trace(net, op, pu, options);
    EXPECT_EQ(trace.total_cycles(), closed_form(net, op)) << op.name << " (" << op.type << ")";
    if (!op.cost.is_view) {
      EXPECT_EQ(trace.total_bytes(RecordKind::kStore), op.cost.output_bytes / 4) << op.name;
    }
    total += trace.total_cycles();
    expected += closed_form(net, op);
    convs += op.type == "Conv";
  }
  EXPECT_EQ(convs, 53);
  EXPECT_EQ(total, expected);
}
