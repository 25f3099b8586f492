#pragma once

// Steps that make a parsed ONNX model ready for import: header checks, structural checks with a
// topological node order, input shape binding, and guarded shape inference. Each throws
// InputError naming `source`. Only sim/onnx includes this.
#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "onnx/onnx_loader.h"

namespace hsim::sim::onnx_reading {

// A node's name, or "<op_type>#<index>" when the exporter left it empty.
std::string node_label(const onnx::NodeProto& node, int index);
std::string join_dims(const std::vector<int64_t>& dims);
int64_t default_domain_opset(const onnx::ModelProto& model, const std::string& source);

// IR version, opset range and presence of a graph with nodes.
void check_header(const onnx::ModelProto& model, const std::string& source);
// Every node input is defined, every tensor written once, no control flow, no cycle; nodes are
// then put in a topological order (ONNX requires one; shape inference relies on it).
void sort_nodes(onnx::GraphProto& graph, const std::string& source);
// Applies --input-shape bindings; every graph input must then have a fully known shape.
void bind_input_shapes(onnx::GraphProto& graph, const OnnxLoadOptions& options,
                       const std::string& source);
// ONNX shape inference in strict mode with hsim's guarded schemas and data propagation.
void infer_shapes(onnx::ModelProto& model, const std::string& source);

}  // namespace hsim::sim::onnx_reading
