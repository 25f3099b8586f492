#include "kernels/gemm_tiling.h"

#include <map>
#include <set>
#include <tuple>

#include "kernels/kernel_error.h"
#include "kernels/work_split.h"

namespace hsim::sim {

namespace {

struct Extents {
  int64_t groups, pixels, channels, in_channels;
};

Extents extents(const GemmProblem& p) {
  return {p.groups, p.pixels, p.channels, p.in_channels};
}

// A dim cut into blocks: full blocks and at most one remainder.
struct BlockRun {
  int64_t size;
  int64_t count;
};

std::vector<BlockRun> block_runs(int64_t extent, int64_t block) {
  std::vector<BlockRun> runs;
  if (extent <= 0) return runs;
  if (extent / block > 0) runs.push_back({block, extent / block});
  if (extent % block > 0) runs.push_back({extent % block, 1});
  return runs;
}

// Distinct block sizes min(extent, align * ceil(ceil(extent / n) / align)), largest first.
std::vector<int64_t> block_candidates(int64_t extent, int64_t align) {
  std::set<int64_t, std::greater<>> sizes;
  if (extent <= 0) return {1};
  align = std::max<int64_t>(1, align);
  // ceil(extent / n) takes O(sqrt(extent)) distinct values; jump from one to the next.
  for (int64_t n = 1;;) {
    const int64_t q = ceil_div(extent, n);
    sizes.insert(std::min(extent, ceil_div(q, align) * align));
    if (q <= align) break;
    n = ceil_div(extent, q - 1);
  }
  return {sizes.begin(), sizes.end()};
}

struct PixelSide {
  int64_t rows_sum = 0;  // input rows summed over pixel blocks
  int64_t rows_max = 0;  // input rows of the largest block
};

PixelSide pixel_side(const GemmProblem& p, int64_t pixel_block) {
  PixelSide side;
  for (int64_t p0 = 0; p0 < p.pixels; p0 += pixel_block) {
    const int64_t rows = p.geometry.input_rows(p0, std::min(p.pixels, p0 + pixel_block));
    side.rows_sum += rows;
    side.rows_max = std::max(side.rows_max, rows);
  }
  return side;
}

Bytes bias_bytes_per_channel(const GemmProblem& p) {
  return p.bias_per_channel ? p.element_bytes : 0;
}

Bytes weight_block_bytes(const GemmProblem& p, int64_t groups, int64_t channels,
                         int64_t in_channels, bool with_bias) {
  return groups * channels *
         (in_channels * p.kernel_volume * p.element_bytes + (with_bias ? bias_bytes_per_channel(p) : 0));
}

Bytes footprint(const GemmProblem& p, const GemmTiling& t, bool double_buffering,
                const PixelSide& side) {
  const int64_t k = double_buffering ? 2 : 1;
  const Bytes in_block =
      t.group_block * t.reduction_block * side.rows_max * p.geometry.width * p.element_bytes;
  const Bytes w_block = weight_block_bytes(p, t.group_block, t.channel_block, t.reduction_block, true);
  const Bytes out_block = t.group_block * t.pixel_block * t.channel_block * p.element_bytes;
  const Bytes weights = t.weights_resident ? p.weight_bytes() : k * w_block;
  return k * in_block + weights + k * out_block + p.extra_fixed_bytes;
}

GemmPlan evaluate(const GemmProblem& p, const GemmTiling& t, const TilingConstraints& c,
                  const PixelSide& side) {
  const Extents e = extents(p);
  const int64_t n_g = ceil_div(e.groups, t.group_block);
  const int64_t n_p = ceil_div(e.pixels, t.pixel_block);
  const int64_t n_m = ceil_div(e.channels, t.channel_block);
  const int64_t n_c = ceil_div(e.in_channels, t.reduction_block);
  const bool weights_outer = t.order == LoopOrder::kWeightsOuter;

  const Bytes all_inputs =
      e.groups * e.in_channels * side.rows_sum * p.geometry.width * p.element_bytes;
  const bool input_survives = weights_outer ? (n_p == 1 && n_c == 1) : n_c == 1;
  const bool weights_survive =
      t.weights_resident || (weights_outer ? n_c == 1 : (n_m == 1 && n_c == 1));

  GemmPlan plan;
  plan.tiling = t;
  plan.footprint = footprint(p, t, c.double_buffering, side);
  plan.loaded = all_inputs * (input_survives ? 1 : n_m) +
                p.weight_bytes() * (weights_survive ? 1 : n_p) + p.extra_fixed_bytes;
  plan.stored = p.output_bytes();
  plan.tiles = n_g * n_p * n_m * n_c;
  if (c.tile_cycles) {
    for (const auto& g : block_runs(e.groups, t.group_block))
      for (const auto& px : block_runs(e.pixels, t.pixel_block))
        for (const auto& m : block_runs(e.channels, t.channel_block))
          for (const auto& ch : block_runs(e.in_channels, t.reduction_block))
            plan.compute_cycles += g.count * px.count * m.count * ch.count *
                                   c.tile_cycles(g.size, px.size, m.size, ch.size);
  }
  return plan;
}

bool better(const GemmPlan& a, const GemmPlan& b) {
  return std::tie(a.compute_cycles, a.loaded, a.tiles) <
         std::tie(b.compute_cycles, b.loaded, b.tiles);
}

std::vector<int64_t> candidates_or_fixed(int64_t fixed, int64_t extent, int64_t align) {
  if (fixed < 0) throw KernelError("tiling override: block sizes must be positive");
  if (fixed > 0) return {std::min(fixed, std::max<int64_t>(1, extent))};
  return block_candidates(extent, align);
}

}  // namespace

Bytes gemm_tiling_footprint(const GemmProblem& problem, const GemmTiling& tiling,
                            bool double_buffering) {
  return footprint(problem, tiling, double_buffering, pixel_side(problem, tiling.pixel_block));
}

GemmPlan evaluate_gemm_tiling(const GemmProblem& problem, const GemmTiling& tiling,
                              const TilingConstraints& constraints) {
  return evaluate(problem, tiling, constraints, pixel_side(problem, tiling.pixel_block));
}

GemmPlan choose_gemm_tiling(const GemmProblem& problem, const TilingConstraints& constraints,
                            const TilingOverride& fixed) {
  const Extents e = extents(problem);
  const auto g_fixed = candidates_or_fixed(fixed.group_block, e.groups, 1);
  const auto p_list = candidates_or_fixed(fixed.pixel_block, e.pixels, constraints.pixel_align);
  const auto m_list = candidates_or_fixed(fixed.channel_block, e.channels, constraints.channel_align);
  const auto c_list = candidates_or_fixed(fixed.reduction_block, e.in_channels, 1);
  std::vector<LoopOrder> orders = {LoopOrder::kWeightsOuter, LoopOrder::kInputsOuter};
  if (fixed.order) orders = {*fixed.order};
  std::vector<bool> residency = {true, false};
  if (fixed.weights_resident) residency = {*fixed.weights_resident};

  std::map<int64_t, PixelSide> sides;
  auto side_of = [&](int64_t pixel_block) -> const PixelSide& {
    auto it = sides.find(pixel_block);
    if (it == sides.end()) it = sides.emplace(pixel_block, pixel_side(problem, pixel_block)).first;
    return it->second;
  };

  Bytes smallest_need = -1;
  for (int64_t cb : c_list) {
    // Skip reduction blocks whose smallest tiles cannot fit (footprints grow with every block size).
    Bytes need = -1;
    for (bool resident : residency) {
      const GemmTiling smallest{fixed.group_block > 0 ? g_fixed[0] : 1, p_list.back(),
                                m_list.back(), cb, orders[0], resident};
      const Bytes bytes = footprint(problem, smallest, constraints.double_buffering,
                                    side_of(smallest.pixel_block));
      if (need < 0 || bytes < need) need = bytes;
    }
    if (smallest_need < 0 || need < smallest_need) smallest_need = need;
    if (need > constraints.capacity) continue;

    std::optional<GemmPlan> best;
    for (int64_t mb : m_list) {
      const bool whole_groups = mb == e.channels && cb == e.in_channels;
      const std::vector<int64_t> g_list =
          fixed.group_block > 0 || whole_groups ? g_fixed : std::vector<int64_t>{1};
      for (int64_t pb : p_list)
        for (int64_t gb : g_list)
          for (LoopOrder order : orders)
            for (bool resident : residency) {
              const GemmTiling t{gb, pb, mb, cb, order, resident};
              const PixelSide& side = side_of(pb);
              if (footprint(problem, t, constraints.double_buffering, side) > constraints.capacity)
                continue;
              GemmPlan plan = evaluate(problem, t, constraints, side);
              if (!best || better(plan, *best)) best = plan;
            }
    }
    if (best) return *best;
  }
  const bool overridden = fixed.group_block || fixed.pixel_block || fixed.channel_block ||
                          fixed.reduction_block || fixed.order || fixed.weights_resident;
  throw KernelError(std::string(overridden ? "the tiling override needs " : "its smallest tiles need ") +
                    std::to_string(smallest_need) + " bytes of local SRAM, the PU has " +
                    std::to_string(constraints.capacity));
}

std::vector<GemmTile> gemm_tiles(const GemmProblem& p, const GemmTiling& t) {
  const Extents e = extents(p);
  std::vector<GemmTile> tiles;
  const Bytes gemm_outputs = e.groups * e.pixels * e.channels;
  int64_t outputs_done = 0;  // GEMM outputs stored so far, to spread a scattered output's bytes
  Bytes stored_so_far = 0;
  std::tuple<int64_t, int64_t, int64_t> last_input{-1, -1, -1}, last_weights{-1, -1, -1};

  auto visit = [&](int64_t g0, int64_t gs, int64_t p0, int64_t m0, int64_t c0) {
    GemmTile tile;
    tile.group0 = g0;
    tile.groups = gs;
    tile.pixel0 = p0;
    tile.pixels = std::min(t.pixel_block, e.pixels - p0);
    tile.channel0 = m0;
    tile.channels = std::min(t.channel_block, e.channels - m0);
    tile.in_channel0 = c0;
    tile.in_channels = std::min(t.reduction_block, e.in_channels - c0);
    const std::tuple<int64_t, int64_t, int64_t> input_key{g0, p0, c0}, weight_key{g0, m0, c0};
    if (input_key != last_input)
      tile.input_bytes = gs * tile.in_channels * p.geometry.input_rows(p0, p0 + tile.pixels) *
                         p.geometry.width * p.element_bytes;
    if (tiles.empty()) tile.weight_bytes = p.extra_fixed_bytes + (t.weights_resident ? p.weight_bytes() : 0);
    if (!t.weights_resident && weight_key != last_weights)
      tile.weight_bytes += weight_block_bytes(p, gs, tile.channels, tile.in_channels, c0 == 0);
    last_input = input_key;
    last_weights = weight_key;
    if (c0 + tile.in_channels == e.in_channels) {
      const int64_t outputs = gs * tile.pixels * tile.channels;
      if (p.stored_output_bytes) {
        outputs_done += outputs;
        const Bytes upto = scaled_floor(*p.stored_output_bytes, outputs_done, gemm_outputs);
        tile.output_bytes = upto - stored_so_far;
        stored_so_far = upto;
      } else {
        tile.output_bytes = outputs * p.element_bytes;
      }
    }
    tiles.push_back(tile);
  };

  for (int64_t g0 = 0; g0 < e.groups; g0 += t.group_block) {
    const int64_t gs = std::min(t.group_block, e.groups - g0);
    if (t.order == LoopOrder::kWeightsOuter) {
      for (int64_t m0 = 0; m0 < e.channels; m0 += t.channel_block)
        for (int64_t p0 = 0; p0 < e.pixels; p0 += t.pixel_block)
          for (int64_t c0 = 0; c0 < e.in_channels; c0 += t.reduction_block) visit(g0, gs, p0, m0, c0);
    } else {
      for (int64_t p0 = 0; p0 < e.pixels; p0 += t.pixel_block)
        for (int64_t m0 = 0; m0 < e.channels; m0 += t.channel_block)
          for (int64_t c0 = 0; c0 < e.in_channels; c0 += t.reduction_block) visit(g0, gs, p0, m0, c0);
    }
    if (!tiles.empty()) tiles.back().ends_group_block = true;
  }
  return tiles;
}

}  // namespace hsim::sim
