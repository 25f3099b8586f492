#pragma once

// Op signatures: the key measured profiles are stored under. Two ops with the same signature do
// the same work (same kind, same input shapes and element types, same attributes), so one
// measurement prices both, in any network. A signature is one line of text:
//
//   Conv fp32[1x3x224x224] fp32[64x3x7x7] fp32[64] kernel=7x7 stride=2x2 pads=3x3x3x3 dilations=1x1 group=1
//
// the ONNX op type, then each present input as dtype[dims] (a scalar is dtype[]), then the
// attributes: for Conv and ConvTranspose the normalised convolution parameters (kernel, stride,
// pads begin then end, dilations and group, defaults written out, auto_pad resolved from the
// shapes), for other ops every attribute the node carries, sorted by name. A fused group (a
// linked chain, producer first) is its members' signatures joined with " + ", as PartitionTuner
// keys its fused profiles.
#include <string>
#include <vector>

#include "graph/network.h"

namespace hsim::sim {

std::string op_signature(const Network& network, const Op& op);
std::string group_signature(const Network& network, const std::vector<OpId>& ops);

}  // namespace hsim::sim
