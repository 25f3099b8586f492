#pragma once

// The GEMM inside a matrix op, as the kernel models tile and time it. Conv, ConvTranspose, Gemm
// and MatMul all become `groups` independent GEMMs out[P x M] = A[P x K] B[K x M] with
// K = in_channels x kernel_volume:
//   Conv          P = N Ho Wo, M = M/g, K = C/g kh kw (im2col rows read from input rows + halo)
//   ConvTranspose P = N Hi Wi, M = M/g kh kw, K = C/g (then a scatter into the output: col2im)
//   Gemm          P = M, M = N, K = K (B and C are the weights)
//   MatMul        batch dims become groups when B has its own batch, else they fold into P
// A's rows are read through InputGeometry so that a block of output pixels knows which input
// rows (halo included) it needs. Every byte figure uses one element size: the type the PU runs
// the op in (an fp32 model run in int8 moves one byte per element).
#include <cstdint>
#include <optional>
#include <string>

#include "board/board_spec.h"
#include "graph/network.h"

namespace hsim::sim {

// Where the input rows of a block of output pixels come from. Pixels are numbered image by image,
// row by row (p = (n * Ho + oy) * Wo + ox). A plain matrix is one image of `height` rows of one
// element each with a 1 x 1 kernel.
struct InputGeometry {
  int64_t images = 1;       // N
  int64_t height = 1;       // H: input rows per image
  int64_t width = 1;        // W: elements of one input row of one channel
  int64_t out_height = 1;   // Ho
  int64_t out_width = 1;    // Wo
  int64_t kernel_rows = 1;  // kh
  int64_t stride = 1;       // vertical stride
  int64_t pad_top = 0;
  int64_t dilation = 1;     // vertical dilation

  int64_t pixels() const { return images * out_height * out_width; }
  // Input rows, summed over images, that output pixels [p0, p1) read: in each image the contiguous
  // range from the first row the block's first output row needs, (oy0 * stride - pad_top), to the
  // last row its last output row needs, (oy1 * stride - pad_top + dilation * (kh - 1)), clipped to
  // the tensor (padding is never loaded).
  int64_t input_rows(int64_t p0, int64_t p1) const;
};

struct GemmProblem {
  std::string op_type;
  int64_t groups = 1;
  int64_t pixels = 0;         // P, per group
  int64_t channels = 0;       // M, GEMM columns per group
  int64_t in_channels = 0;    // C per group
  int64_t kernel_volume = 1;  // K = in_channels * kernel_volume
  InputGeometry geometry;     // geometry.pixels() == pixels
  int64_t element_bytes = 1;
  bool bias_per_channel = false;  // one fixed element per GEMM column and group (Conv's B, Gemm's C)
  Bytes extra_fixed_bytes = 0;    // other fixed data, loaded once (ConvTranspose's bias, a full C)
  // Bytes the op finally writes, when they differ from the GEMM's P x M outputs (ConvTranspose).
  std::optional<Bytes> stored_output_bytes;

  int64_t reduction() const { return in_channels * kernel_volume; }
  int64_t macs() const { return groups * pixels * channels * reduction(); }
  // Each tensor once: A's rows as input_rows(0, P) reads them, B with its bias, the output.
  Bytes input_bytes() const;
  Bytes weight_bytes() const;  // B and bias of every group, without extra_fixed_bytes
  Bytes output_bytes() const;
};

bool is_gemm_op(const Op& op);  // Conv, ConvTranspose, Gemm, MatMul

// The op's GEMM with elements of `element_bytes`; throws KernelError for shapes the kernel models
// do not cover (convolutions with more than two spatial dims).
GemmProblem gemm_problem(const Network& network, const Op& op, int64_t element_bytes);

}  // namespace hsim::sim
