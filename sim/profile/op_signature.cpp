#include "profile/op_signature.h"

#include <algorithm>
#include <sstream>
#include <variant>

namespace hsim::sim {

namespace {

std::string joined(const std::vector<int64_t>& values, char separator) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i)
    text += (i ? std::string(1, separator) : std::string()) + std::to_string(values[i]);
  return text;
}

std::string number(double value) {
  std::ostringstream out;
  out.precision(9);
  out << value;
  return out.str();
}

std::string attribute_text(const AttrValue& value) {
  struct Visitor {
    std::string operator()(int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const { return number(v); }
    std::string operator()(const std::string& v) const { return v; }
    std::string operator()(const std::vector<int64_t>& v) const { return joined(v, 'x'); }
    std::string operator()(const std::vector<double>& v) const {
      std::string text;
      for (size_t i = 0; i < v.size(); ++i) text += (i ? "x" : "") + number(v[i]);
      return text;
    }
    std::string operator()(const std::vector<std::string>& v) const {
      std::string text;
      for (size_t i = 0; i < v.size(); ++i) text += (i ? "," : "") + v[i];
      return text;
    }
  };
  return std::visit(Visitor{}, value);
}

// Kernel, stride, pads (begin..., end...), dilations and group with ONNX's defaults filled in and
// auto_pad turned into explicit pads, so exports that spell the same convolution differently
// share a signature. The pads at the end come from the shapes (they absorb ceil-mode rounding).
std::string convolution_attributes(const Network& network, const Op& op) {
  const Tensor& input = network.tensor(op.inputs.at(0));
  const Tensor& weights = network.tensor(op.inputs.at(1));
  const Tensor& output = network.tensor(op.outputs.at(0));
  const size_t spatial = input.shape.size() >= 2 ? input.shape.size() - 2 : 0;
  std::vector<int64_t> kernel = op.attr_ints("kernel_shape");
  if (kernel.size() != spatial && weights.shape.size() == spatial + 2)
    kernel.assign(weights.shape.begin() + 2, weights.shape.end());
  std::vector<int64_t> stride = op.attr_ints("strides");
  if (stride.size() != spatial) stride.assign(spatial, 1);
  std::vector<int64_t> dilation = op.attr_ints("dilations");
  if (dilation.size() != spatial) dilation.assign(spatial, 1);
  std::vector<int64_t> pads = op.attr_ints("pads");
  const std::string auto_pad = op.attr_string("auto_pad", "NOTSET");
  const bool transposed = op.type == "ConvTranspose";
  if (pads.size() != 2 * spatial || (auto_pad != "NOTSET" && !transposed)) {
    pads.assign(2 * spatial, 0);
    if (!transposed && (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER"))
      for (size_t d = 0; d < spatial && d < kernel.size(); ++d) {
        const int64_t in = input.shape[d + 2];
        const int64_t out = output.shape.size() > d + 2 ? output.shape[d + 2] : in;
        const int64_t total =
            std::max<int64_t>(0, (out - 1) * stride[d] + (kernel[d] - 1) * dilation[d] + 1 - in);
        pads[d] = auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
        pads[d + spatial] = total - pads[d];
      }
  }
  return "kernel=" + joined(kernel, 'x') + " stride=" + joined(stride, 'x') +
         " pads=" + joined(pads, 'x') + " dilations=" + joined(dilation, 'x') +
         " group=" + std::to_string(op.attr_int("group", 1));
}

}  // namespace

std::string op_signature(const Network& network, const Op& op) {
  std::string text = op.domain.empty() ? op.type : op.domain + "." + op.type;
  for (TensorId id : op.inputs) {
    if (id == kNoTensor) {
      text += " -";
      continue;
    }
    const Tensor& tensor = network.tensor(id);
    text += " " + std::string(dtype_name(tensor.dtype)) + "[" + joined(tensor.shape, 'x') + "]";
  }
  if ((op.type == "Conv" || op.type == "ConvTranspose") && op.inputs.size() >= 2 &&
      op.inputs[1] != kNoTensor) {
    text += " " + convolution_attributes(network, op);
    for (const auto& [key, value] : op.attrs)  // what the normalised form does not cover
      if (key == "output_padding" || key == "output_shape")
        text += " " + key + "=" + attribute_text(value);
    return text;
  }
  for (const auto& [key, value] : op.attrs) text += " " + key + "=" + attribute_text(value);
  return text;
}

std::string group_signature(const Network& network, const std::vector<OpId>& ops) {
  std::string text;
  for (size_t i = 0; i < ops.size(); ++i)
    text += (i ? " + " : "") + op_signature(network, network.op(ops[i]));
  return text;
}

}  // namespace hsim::sim
