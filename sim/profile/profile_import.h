#pragma once

// Importers of the profiles users already have, into hsim's profile (profile.h). A foreign
// profile names ops its own way, so each importer matches it against the network it was measured
// on and keys what matched by hsim's signatures; the rest is reported, and falls back to the
// kernel models when the profile is used.
#include <string>
#include <vector>

#include "graph/network.h"
#include "profile/profile.h"

namespace hsim::sim {

struct ImportOptions {
  PuKind pu = PuKind::kCpu;         // the PU kind the measurements were taken on
  bool pu_given = false;            // false: from the file where it says (NEST-C backendName)
  DType dtype = DType::kFloat32;    // the element type the measured kernels computed in
  int threads = 1;                  // the thread count they ran with
};

struct ImportResult {
  MeasuredProfile profile;
  std::vector<OpId> unmatched_ops;        // non-view ops without a single-op entry
  std::vector<std::string> unused_keys;   // entries of the file no op (or chain) of the net has
};

// PartitionTuner / NEST-C profile YAML (etri/nest-compiler, e.g. tests/runtime_test/
// resnet18_partition_perform_profile/data/initialProfileCPU0.yaml and fusedProfileCPU0.yaml):
//   ---
//   backendName: CPU
//   commCost: 0.0
//   Convolution-1-224-224-3-float-64-7-2: 1520
//   Convolution-1-224-224-3-float-64-7-2+Relu-1-112-112-64-float : 1610
//   ...
// Each key is Glow's node kind, the dims of its first input in Glow's NHWC order, its element
// type, and for convolutions the output channels, kernel and stride (first spatial value); a
// fused group joins its members with '+', producer first. Values are microseconds (NEST-C's
// generated profiling code times partitions with gettimeofday and prints microseconds).
// backendName CPU means a CPU; VTA, NPU and other accelerators an NPU, unless options.pu_given.
// Throws InputError naming file and line for a line that is not `key: number`, and for the
// older block form (`Conv: |` followed by size:cost lines), which keys by size only.
ImportResult import_nestc_profile(const std::string& path, const Network& network,
                                  const ImportOptions& options);
// The NEST-C key of one op (exposed for tests).
std::string nestc_key(const Network& network, const Op& op);

// ONNX Runtime's profiling JSON (SessionOptions.enable_profiling): a Chrome trace, an array of
// events; each node run is {"cat": "Node", "name": "<node>_kernel_time", "dur": <us>, "args":
// {"op_name": ..., "provider": ..., "input_type_shape": [{"float": [1, 3, 224, 224]}, ...]}}.
// Events are matched to ops by node name (an ORT fusion such as FusedConv prices its op with the
// activation that follows it as a group), else by op type and input shapes; the median over runs
// is kept. Throws InputError naming the file for text that is not JSON or not an array of
// events.
ImportResult import_ort_profile(const std::string& path, const Network& network,
                                const ImportOptions& options);

}  // namespace hsim::sim
