#pragma once

// An op's traffic and non-MAC arithmetic as its cost model counts them (op.cost), converted to
// the element type the PU runs it in: floating-point tensors move `run bytes / model bytes` times
// their model size (an fp32 model run in int8 moves a quarter); integer and bool ops keep theirs.
// The ratio is taken from the op's first output, so an op mixing element types (Gather's int64
// indices) has all its bytes scaled alike.
#include "kernels/kernel_model.h"

namespace hsim::sim {

struct OpTraffic {
  Bytes input = 0;   // activations read
  Bytes fixed = 0;   // weights and constants read
  Bytes output = 0;  // activations written
  int64_t ops = 0;   // arithmetic other than MACs: flops - 2 x macs (bias, activation, ...)
};

OpTraffic op_traffic(const KernelRequest& request);

}  // namespace hsim::sim
