#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "graph/network.h"

namespace hsim::sim {

struct OnnxLoadOptions {
  // Shapes for graph inputs, by input name; they bind symbolic dims (and must agree with any
  // fixed dims the file already has).
  std::map<std::string, std::vector<int64_t>> input_shapes;
};

struct LoadedNetwork {
  Network network;
  std::vector<std::string> warnings;  // e.g. op types that got the generic cost
};

// Reads an ONNX model, binds input shapes, runs ONNX shape inference and builds the op graph with
// per-op costs. Weight values are never read: a graph-only export whose external data file is
// missing loads fine. Throws InputError naming `path` for anything wrong with the file.
LoadedNetwork load_onnx_file(const std::string& path, const OnnxLoadOptions& options = {});

// The same from bytes already in memory; `source` names them in messages.
LoadedNetwork load_onnx_bytes(std::string_view bytes, const std::string& source,
                              const OnnxLoadOptions& options = {});

// Parses `name=1x3x224x224` (the --input-shape syntax) into options.input_shapes.
void add_input_shape_spec(OnnxLoadOptions& options, const std::string& spec);

// The range of ONNX versions this build reads (set by Debian's libonnx 1.12).
inline constexpr int64_t kMinOpset = 7;
inline constexpr int64_t kMaxOpset = 17;
inline constexpr int64_t kMinIrVersion = 3;
inline constexpr int64_t kMaxIrVersion = 8;

}  // namespace hsim::sim
