#include "onnx/guarded_schemas.h"

#include <onnx/defs/shape_inference.h>

#include <optional>
#include <vector>

namespace hsim::sim::onnx_reading {

namespace {

using onnx::InferenceContext;

// Dims of input i when its rank is known (unknown dims as -1), nullopt otherwise.
std::optional<std::vector<int64_t>> input_dims(const InferenceContext& ctx, size_t i) {
  if (i >= ctx.getNumInputs()) return std::nullopt;
  const onnx::TypeProto* type = ctx.getInputType(i);
  if (!type || !type->has_tensor_type() || !type->tensor_type().has_shape()) return std::nullopt;
  std::vector<int64_t> dims;
  for (const auto& dim : type->tensor_type().shape().dim())
    dims.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
  return dims;
}

std::optional<std::vector<int64_t>> ints_attr(const InferenceContext& ctx, const char* name) {
  const onnx::AttributeProto* attr = ctx.getAttribute(name);
  if (!attr) return std::nullopt;
  return std::vector<int64_t>(attr->ints().begin(), attr->ints().end());
}

void check_length(const InferenceContext& ctx, const char* name, size_t expected,
                  int64_t min_value) {
  const auto values = ints_attr(ctx, name);
  if (!values) return;
  if (values->size() != expected)
    fail_shape_inference("attribute '", name, "' has ", values->size(), " values, expected ",
                         expected, " (one per spatial dim", name == std::string("pads") ? ", twice" : "",
                         ")");
  for (int64_t v : *values)
    if (v < min_value) fail_shape_inference("attribute '", name, "' has the value ", v);
}

void check_spatial_attributes(const InferenceContext& ctx, size_t spatial) {
  check_length(ctx, "kernel_shape", spatial, 1);
  check_length(ctx, "strides", spatial, 1);
  check_length(ctx, "dilations", spatial, 1);
  check_length(ctx, "pads", 2 * spatial, 0);
}

// Returns the input's rank after checking it has spatial dims, or nullopt if unknown.
std::optional<size_t> data_rank(const InferenceContext& ctx) {
  const auto x = input_dims(ctx, 0);
  if (!x) return std::nullopt;
  if (x->size() < 3)
    fail_shape_inference("the input has rank ", x->size(),
                         "; expected N x C x spatial dims (rank 3 or more)");
  return x->size();
}

void check_conv(const InferenceContext& ctx, bool transpose) {
  const auto rank = data_rank(ctx);
  const auto w = input_dims(ctx, 1);
  if (!rank || !w) return;
  const auto x = *input_dims(ctx, 0);
  if (w->size() != *rank)
    fail_shape_inference("the weight has rank ", w->size(), " but the input has rank ", *rank);
  const onnx::AttributeProto* group_attr = ctx.getAttribute("group");
  const int64_t group = group_attr ? group_attr->i() : 1;
  if (group < 1) fail_shape_inference("group is ", group);
  const int64_t in_channels = x[1];
  if (!transpose) {
    if ((*w)[0] > 0 && (*w)[0] % group != 0)
      fail_shape_inference("the weight's ", (*w)[0], " output channels do not divide into ",
                           group, " groups");
    if (in_channels > 0 && (*w)[1] > 0 && (*w)[1] * group != in_channels)
      fail_shape_inference("the weight expects ", (*w)[1] * group, " input channels (",
                           (*w)[1], " per group x ", group, " groups) but the input has ",
                           in_channels);
  } else if (in_channels > 0 && (*w)[0] > 0 && (*w)[0] != in_channels) {
    fail_shape_inference("the weight expects ", (*w)[0], " input channels but the input has ",
                         in_channels);
  }
  const size_t spatial = *rank - 2;
  check_spatial_attributes(ctx, spatial);
  if (transpose) {
    check_length(ctx, "output_padding", spatial, 0);
    check_length(ctx, "output_shape", spatial, 1);
  }
  if (const auto kernel = ints_attr(ctx, "kernel_shape"))
    for (size_t d = 0; d < spatial; ++d)
      if ((*w)[d + 2] > 0 && (*kernel)[d] != (*w)[d + 2])
        fail_shape_inference("kernel_shape disagrees with the weight's spatial dims");
}

void check_pool(const InferenceContext& ctx) {
  const auto rank = data_rank(ctx);
  if (rank) check_spatial_attributes(ctx, *rank - 2);
}

using Guard = void (*)(const InferenceContext&);

std::optional<Guard> guard_for(const std::string& op, const std::string& domain) {
  if (!domain.empty() && domain != "ai.onnx") return std::nullopt;
  if (op == "Conv") return [](const InferenceContext& ctx) { check_conv(ctx, false); };
  if (op == "ConvTranspose") return [](const InferenceContext& ctx) { check_conv(ctx, true); };
  if (op == "MaxPool" || op == "AveragePool" || op == "LpPool") return check_pool;
  return std::nullopt;
}

}  // namespace

const onnx::OpSchema* GuardedSchemaRegistry::GetSchema(const std::string& key,
                                                       const int max_inclusive_version,
                                                       const std::string& domain) const {
  const onnx::OpSchema* schema =
      onnx::OpSchemaRegistry::Instance()->GetSchema(key, max_inclusive_version, domain);
  const auto guard = guard_for(key, domain);
  if (!schema || !guard) return schema;

  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = guarded_[{key, max_inclusive_version, domain}];
  if (!slot) {
    slot = std::make_unique<onnx::OpSchema>(*schema);
    auto original = schema->GetTypeAndShapeInferenceFunction();
    slot->TypeAndShapeInferenceFunction([check = *guard, original](InferenceContext& ctx) {
      check(ctx);
      if (original) original(ctx);
    });
  }
  return slot.get();
}

}  // namespace hsim::sim::onnx_reading
