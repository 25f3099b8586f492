#pragma once

#include <onnx/onnx_pb.h>

namespace hsim::sim::onnx_reading {

// Folds the integer shape arithmetic exporters emit (Shape -> Gather -> Add/Div/Mul -> Concat ->
// Slice/Reshape/Pad inputs) into constants, once tensor shapes are static. libonnx 1.12's data
// propagation covers only some of these ops, which leaves downstream shapes unknown; folding them
// lets the next round of shape inference see constants. Only small int64/int32 tensors are
// evaluated. Returns the number of nodes folded (replaced by initializers).
int fold_shape_arithmetic(onnx::GraphProto& graph);

}  // namespace hsim::sim::onnx_reading
