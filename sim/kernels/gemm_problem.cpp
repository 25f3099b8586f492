#include "kernels/gemm_problem.h"

#include <algorithm>

#include "graph/op_cost_model.h"
#include "kernels/kernel_error.h"

namespace hsim::sim {

namespace {

std::string describe(const Op& op) { return "op '" + op.name + "' (" + op.type + ")"; }

const std::vector<int64_t>& shape_of(const Network& net, const Op& op, size_t slot) {
  return net.tensor(op.inputs.at(slot)).shape;
}

bool has_input(const Op& op, size_t slot) {
  return slot < op.inputs.size() && op.inputs[slot] != kNoTensor;
}

// Top padding of the first spatial dim, from explicit pads or auto_pad.
int64_t pad_top(const Op& op, int64_t in, int64_t out, int64_t kernel, int64_t stride,
                int64_t dilation) {
  const std::string auto_pad = op.attr_string("auto_pad", "NOTSET");
  if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    const int64_t total = std::max<int64_t>(0, (out - 1) * stride + (kernel - 1) * dilation + 1 - in);
    return auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
  }
  if (auto_pad == "VALID") return 0;
  const auto pads = op.attr_ints("pads");
  return pads.empty() ? 0 : pads[0];
}

int64_t first_or(const std::vector<int64_t>& values, int64_t fallback) {
  return values.empty() ? fallback : values[0];
}

GemmProblem conv_problem(const Network& net, const Op& op) {
  const auto& x = shape_of(net, op, 0);
  const auto& w = shape_of(net, op, 1);
  const auto& y = net.tensor(op.outputs.at(0)).shape;
  if (x.size() != 3 && x.size() != 4)
    throw KernelError(describe(op) + ": convolutions with " + std::to_string(x.size() - 2) +
                      " spatial dims have no kernel model (1 or 2 are modelled)");
  const bool one_d = x.size() == 3;  // [N, C, L] is taken as L rows of one element
  GemmProblem p;
  p.groups = op.attr_int("group", 1);
  p.channels = w.at(0) / p.groups;
  p.in_channels = w.at(1);
  p.kernel_volume = product(w, 2);
  InputGeometry& g = p.geometry;
  g.images = x[0];
  g.height = x[2];
  g.width = one_d ? 1 : x[3];
  g.out_height = y[2];
  g.out_width = one_d ? 1 : y[3];
  g.kernel_rows = w.at(2);
  g.stride = first_or(op.attr_ints("strides"), 1);
  g.dilation = first_or(op.attr_ints("dilations"), 1);
  g.pad_top = pad_top(op, g.height, g.out_height, g.kernel_rows, g.stride, g.dilation);
  p.pixels = g.pixels();
  p.bias_per_channel = has_input(op, 2);
  return p;
}

GemmProblem conv_transpose_problem(const Network& net, const Op& op) {
  const auto& x = shape_of(net, op, 0);
  const auto& w = shape_of(net, op, 1);  // [C, M/g, k...]
  GemmProblem p;
  p.groups = op.attr_int("group", 1);
  p.in_channels = x.at(1) / p.groups;
  p.channels = product(w, 1);  // M/g x kernel volume columns, scattered by col2im
  InputGeometry& g = p.geometry;  // a 1 x 1 read of X: one GEMM row per input pixel
  g.images = x.at(0);
  g.height = g.out_height = product(x, 2);
  p.pixels = g.pixels();
  const Tensor& out = net.tensor(op.outputs.at(0));
  p.stored_output_bytes = out.elements();  // scaled to bytes by the caller's element size
  if (has_input(op, 2)) p.extra_fixed_bytes = net.tensor(op.inputs[2]).elements();
  return p;
}

GemmProblem gemm_op_problem(const Network& net, const Op& op) {
  const auto& a = shape_of(net, op, 0);
  const auto& y = net.tensor(op.outputs.at(0)).shape;
  GemmProblem p;
  p.pixels = y.at(0);
  p.channels = y.at(1);
  p.in_channels = op.attr_int("transA", 0) ? a.at(0) : a.at(1);
  p.geometry.height = p.geometry.out_height = p.pixels;
  if (has_input(op, 2)) {
    const int64_t c_elements = net.tensor(op.inputs[2]).elements();
    if (c_elements == p.channels)
      p.bias_per_channel = true;
    else
      p.extra_fixed_bytes = c_elements;
  }
  return p;
}

GemmProblem matmul_problem(const Network& net, const Op& op) {
  const auto& a = shape_of(net, op, 0);
  const auto& b = shape_of(net, op, 1);
  const Tensor& out = net.tensor(op.outputs.at(0));
  const int64_t m = a.size() >= 2 ? a[a.size() - 2] : 1;
  const int64_t k = a.empty() ? 1 : a.back();
  const int64_t n = b.size() >= 2 ? b.back() : 1;
  const int64_t batch = m * n == 0 ? 0 : out.elements() / (m * n);
  const int64_t b_batch = b.size() > 2 ? product(b, 0, b.size() - 2) : 1;
  GemmProblem p;
  // A B shared by the whole batch is one GEMM over all rows; a batched B makes one GEMM per batch.
  p.groups = b_batch > 1 ? batch : 1;
  p.pixels = b_batch > 1 ? m : batch * m;
  p.channels = n;
  p.in_channels = k;
  p.geometry.height = p.geometry.out_height = p.pixels;
  return p;
}

}  // namespace

int64_t InputGeometry::input_rows(int64_t p0, int64_t p1) const {
  const int64_t per_image = out_height * out_width;
  if (p1 <= p0 || per_image <= 0) return 0;
  int64_t rows = 0;
  for (int64_t n = p0 / per_image; n < images && n * per_image < p1; ++n) {
    const int64_t begin = std::max(p0, n * per_image) - n * per_image;
    const int64_t end = std::min(p1, (n + 1) * per_image) - n * per_image;
    const int64_t oy0 = begin / out_width;
    const int64_t oy1 = (end - 1) / out_width;
    const int64_t lo = std::max<int64_t>(0, oy0 * stride - pad_top);
    const int64_t hi = std::min(height - 1, oy1 * stride - pad_top + dilation * (kernel_rows - 1));
    if (hi >= lo) rows += hi - lo + 1;
  }
  return rows;
}

Bytes GemmProblem::input_bytes() const {
  return groups * in_channels * geometry.input_rows(0, pixels) * geometry.width * element_bytes;
}

Bytes GemmProblem::weight_bytes() const {
  return groups * channels * (reduction() + (bias_per_channel ? 1 : 0)) * element_bytes;
}

Bytes GemmProblem::output_bytes() const {
  return stored_output_bytes ? *stored_output_bytes : groups * pixels * channels * element_bytes;
}

bool is_gemm_op(const Op& op) {
  return op.domain.empty() &&
         (op.type == "Conv" || op.type == "ConvTranspose" || op.type == "Gemm" || op.type == "MatMul");
}

GemmProblem gemm_problem(const Network& network, const Op& op, int64_t element_bytes) {
  GemmProblem p;
  if (op.type == "Conv")
    p = conv_problem(network, op);
  else if (op.type == "ConvTranspose")
    p = conv_transpose_problem(network, op);
  else if (op.type == "Gemm")
    p = gemm_op_problem(network, op);
  else if (op.type == "MatMul")
    p = matmul_problem(network, op);
  else
    throw KernelError(describe(op) + " is not a matrix op");
  p.op_type = op.type;
  p.element_bytes = element_bytes;
  p.extra_fixed_bytes *= element_bytes;
  if (p.stored_output_bytes) *p.stored_output_bytes *= element_bytes;
  if (p.groups <= 0 || p.pixels < 0 || p.channels < 0 || p.in_channels <= 0)
    throw KernelError(describe(op) + ": shapes do not form a GEMM");
  return p;
}

}  // namespace hsim::sim
