// Ops that move or re-label data without arithmetic.
// - Views move nothing: Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout (inference)
//   always; Concat, Split and Slice when every piece is one contiguous block of the whole
//   (all dims before the axis have extent 1 and the slice step is 1), so producers can write
//   straight into the concatenated buffer and consumers read sub-ranges in place.
// - Copies read what they use and write their output: Transpose, Pad, Tile, Expand, Gather,
//   DepthToSpace, SpaceToDepth, and the non-contiguous cases above.
// - Shape and Size read only metadata. Resize interpolates: per output element and per resized
//   dim, nearest costs 0, linear 3 (two multiplies, one add), cubic 7.
#include <algorithm>

#include "graph/op_costs/families.h"

namespace hsim::sim {

namespace {

void make_view(OpCost& cost) {
  cost.is_view = true;
  cost.input_bytes = 0;
  cost.output_bytes = 0;
  cost.weight_bytes = 0;
}

void view_cost(const OpContext&, OpCost& cost) { make_view(cost); }
void copy_cost(const OpContext&, OpCost&) {}

size_t normalized_axis(int64_t axis, size_t rank) {
  if (axis < 0) axis += static_cast<int64_t>(rank);
  return static_cast<size_t>(std::clamp<int64_t>(axis, 0, static_cast<int64_t>(rank)));
}

void concat_cost(const OpContext& ctx, OpCost& cost) {
  const auto& out = ctx.out_shape();
  if (product(out, 0, normalized_axis(ctx.op().attr_int("axis", 0), out.size())) == 1)
    make_view(cost);
}

void split_cost(const OpContext& ctx, OpCost& cost) {
  const auto& in = ctx.in_shape(0);
  if (product(in, 0, normalized_axis(ctx.op().attr_int("axis", 0), in.size())) == 1)
    make_view(cost);
}

bool all_steps_one(const OpContext& ctx) {
  if (!ctx.has_input(4)) return true;
  const auto& steps = ctx.input(4).int_values;
  return steps && std::all_of(steps->begin(), steps->end(), [](int64_t s) { return s == 1; });
}

// A slice reads only the elements it keeps.
void slice_cost(const OpContext& ctx, OpCost& cost) {
  const auto& in = ctx.in_shape(0);
  const auto& out = ctx.out_shape();
  std::vector<size_t> cut;
  for (size_t d = 0; d < in.size() && d < out.size(); ++d)
    if (in[d] != out[d]) cut.push_back(d);
  const bool contiguous = cut.empty() || (cut.size() == 1 && product(in, 0, cut[0]) == 1);
  if (contiguous && all_steps_one(ctx)) {
    make_view(cost);
    return;
  }
  cost.input_bytes = ctx.output().bytes();
}

// Gather reads the rows it picks plus the indices, not the whole table.
void gather_cost(const OpContext& ctx, OpCost& cost) {
  const int64_t picked = ctx.output().bytes();
  const int64_t indices = ctx.input(1).is_fixed() ? 0 : ctx.input(1).bytes();
  if (ctx.input(0).is_fixed()) {
    cost.weight_bytes = picked;
    cost.input_bytes = indices;
  } else {
    cost.input_bytes = picked + indices;
  }
}

void metadata_cost(const OpContext&, OpCost& cost) {
  cost.input_bytes = 0;
  cost.weight_bytes = 0;
}

void resize_cost(const OpContext& ctx, OpCost& cost) {
  const std::string mode = ctx.op().attr_string("mode", "nearest");
  const int64_t per_dim = mode == "linear" ? 3 : mode == "cubic" ? 7 : 0;
  const auto& in = ctx.in_shape(0);
  const auto& out = ctx.out_shape();
  int64_t resized = 0;
  for (size_t d = 0; d < in.size() && d < out.size(); ++d) resized += in[d] != out[d] ? 1 : 0;
  cost.flops = ctx.out_elements() * per_dim * resized;
}

}  // namespace

void register_data_movement_costs(OpCostRegistry& registry) {
  registry.add("Reshape", {view_cost, {1}});
  registry.add("Flatten", {view_cost, {}});
  registry.add("Squeeze", {view_cost, {1}});
  registry.add("Unsqueeze", {view_cost, {1}});
  registry.add("Identity", {view_cost, {}});
  registry.add("Dropout", {view_cost, {1, 2}});
  registry.add("Concat", {concat_cost, {}});
  registry.add("Split", {split_cost, {1}});
  registry.add("Slice", {slice_cost, {1, 2, 3, 4}});
  registry.add("Transpose", {copy_cost, {}});
  registry.add("Pad", {copy_cost, {1, 2, 3}});
  registry.add("Tile", {copy_cost, {1}});
  registry.add("Expand", {copy_cost, {1}});
  registry.add("DepthToSpace", {copy_cost, {}});
  registry.add("SpaceToDepth", {copy_cost, {}});
  registry.add("Gather", {gather_cost, {1}});
  registry.add("Shape", {metadata_cost, {}});
  registry.add("Size", {metadata_cost, {}});
  registry.add("ConstantOfShape", {metadata_cost, {0}});
  registry.add("Range", {copy_cost, {0, 1, 2}});
  registry.add("Resize", {resize_cost, {1, 2, 3}});
  registry.add("Upsample", {resize_cost, {1}});
}

}  // namespace hsim::sim
