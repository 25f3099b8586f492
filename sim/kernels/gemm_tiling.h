#pragma once

// Tiling of a GEMM (gemm_problem.h) into a local SRAM. A tile is a block of `groups` GEMMs x
// `pixels` output pixels x `channels` output channels x `in_channels` reduction channels; the loop
// nest visits group blocks outermost and reduction blocks innermost (the output tile stays in SRAM
// while its reduction blocks stream through), with the pixel and channel loops in either order:
//   weights outer: for g: for m: for p: for c     inputs outer: for g: for p: for m: for c
// A tile loads its input block (the rows its pixels read, halo included) and its weight block
// only when they differ from the previous tile's; resident weights are all loaded before the
// first tile and never again. An output block is stored after its last reduction block.
//
// Footprint (what must fit local SRAM), with k = 2 when double buffering (the next tile's blocks
// land while the current ones are in use, and the previous output drains while the next is
// computed) and k = 1 otherwise:
//   k x max input block + (resident ? all weights : k x weight block) + k x output block
//   + extra fixed bytes (held for the whole op)
// where input block = groups x in_channels x max input rows x W x e, weight block =
// groups x channels x (in_channels x kernel volume + bias) x e, output block =
// groups x pixels x channels x e.
//
// Bytes moved, for n_p pixel, n_m channel and n_c reduction blocks (IN = the input rows of every
// pixel block summed, so halo rows count once per block that reads them; W = all weights):
//   loaded = inputs + weights + extra fixed bytes, stored = the op's output exactly, with
//   inputs  = IN x (reloaded ? n_m : 1), reloaded unless the input block survives the channel
//             loop (inputs outer with n_c = 1; weights outer with n_p = n_c = 1)
//   weights = W x (reloaded ? n_p : 1), reloaded unless resident or the weight block survives
//             the pixel loop (weights outer with n_c = 1; inputs outer with n_m = n_c = 1)
// With one pixel block and a 'same' stride-1 conv, IN is the input tensor exactly.
//
// The tiler tries every candidate block size (distinct values of ceil(extent / n), rounded up to
// the alignment that keeps array folds whole), both loop orders and resident weights or not, and
// keeps the feasible candidate with the fewest compute cycles, then the fewest loaded bytes, then
// the fewest tiles. It splits the reduction only when nothing fits otherwise.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "kernels/gemm_problem.h"

namespace hsim::sim {

enum class LoopOrder { kWeightsOuter, kInputsOuter };

// Block sizes a user fixes; 0 (or unset) leaves the choice to the tiler.
struct TilingOverride {
  int64_t group_block = 0;
  int64_t pixel_block = 0;
  int64_t channel_block = 0;
  int64_t reduction_block = 0;  // input channels per tile
  std::optional<LoopOrder> order;
  std::optional<bool> weights_resident;
};

struct GemmTiling {
  int64_t group_block = 1;
  int64_t pixel_block = 1;
  int64_t channel_block = 1;
  int64_t reduction_block = 1;
  LoopOrder order = LoopOrder::kWeightsOuter;
  bool weights_resident = false;
};

struct TilingConstraints {
  Bytes capacity = 0;  // local SRAM of one core
  bool double_buffering = true;
  int64_t pixel_align = 1;    // pixel blocks are multiples of this, except the last
  int64_t channel_align = 1;  // channel blocks likewise
  // Compute cycles of one tile (groups, pixels, channels, in_channels); empty when the total does
  // not depend on the tiling.
  std::function<int64_t(int64_t, int64_t, int64_t, int64_t)> tile_cycles;
};

struct GemmPlan {
  GemmTiling tiling;
  Bytes footprint = 0;
  int64_t compute_cycles = 0;  // sum of tile_cycles over the tiles (0 without tile_cycles)
  Bytes loaded = 0;
  Bytes stored = 0;
  int64_t tiles = 0;
};

// One step of the loop nest.
struct GemmTile {
  int64_t group0 = 0, groups = 0;
  int64_t pixel0 = 0, pixels = 0;
  int64_t channel0 = 0, channels = 0;
  int64_t in_channel0 = 0, in_channels = 0;
  Bytes input_bytes = 0;   // loaded before the tile (0: the previous tile's input block is reused)
  Bytes weight_bytes = 0;  // likewise; the first tile also carries resident and extra fixed bytes
  Bytes output_bytes = 0;  // stored after the tile (0: more reduction blocks follow)
  bool ends_group_block = false;  // the last tile of its group block
};

Bytes gemm_tiling_footprint(const GemmProblem& problem, const GemmTiling& tiling,
                            bool double_buffering);

// Evaluates one tiling (footprint, bytes, cycles) without listing its tiles.
GemmPlan evaluate_gemm_tiling(const GemmProblem& problem, const GemmTiling& tiling,
                              const TilingConstraints& constraints);

// The best feasible tiling; throws KernelError when even the smallest tiles exceed capacity or
// the override does not fit.
GemmPlan choose_gemm_tiling(const GemmProblem& problem, const TilingConstraints& constraints,
                            const TilingOverride& override_sizes = {});

std::vector<GemmTile> gemm_tiles(const GemmProblem& problem, const GemmTiling& tiling);

}  // namespace hsim::sim
