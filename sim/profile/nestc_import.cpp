// PartitionTuner / NEST-C profile YAML -> hsim profile (profile_import.h).
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/error.h"
#include "profile/op_signature.h"
#include "profile/profile_import.h"
#include "profile/profile_times.h"

namespace hsim::sim {

namespace {

// Glow's node kind names for ONNX op types where they differ (Glow imports Gemm as
// FullyConnected; NEST-C's own profiles also say Gemm, so both are accepted).
std::vector<std::string> glow_kinds(const std::string& type) {
  static const std::map<std::string, std::vector<std::string>> kinds = {
      {"Conv", {"Convolution"}},
      {"ConvTranspose", {"ConvTranspose"}},
      {"Gemm", {"Gemm", "FullyConnected"}},
      {"MatMul", {"MatMul", "BatchMatMul", "FullyConnected"}},
      {"AveragePool", {"AvgPool"}},
      {"GlobalAveragePool", {"AvgPool"}},
      {"GlobalMaxPool", {"MaxPool"}},
      {"Softmax", {"SoftMax"}},
      {"LRN", {"LocalResponseNormalization"}},
      {"Flatten", {"Reshape"}},
      {"Squeeze", {"Reshape"}},
      {"Unsqueeze", {"Reshape"}},
      {"Sum", {"Add"}},
  };
  const auto found = kinds.find(type);
  return found != kinds.end() ? found->second : std::vector<std::string>{type};
}

std::string glow_type(DType type) {
  switch (type) {
    case DType::kFloat32: return "float";
    case DType::kFloat16: return "float16";
    case DType::kBFloat16: return "bfloat16";
    case DType::kInt8: return "i8";
    case DType::kUInt8: return "ui8";
    case DType::kInt16: return "i16";
    case DType::kInt32: return "i32";
    case DType::kInt64: return "i64";
    case DType::kBool: return "bool";
    default: return std::string(dtype_name(type));
  }
}

// Every key an op may have (one per Glow kind name it may be known by).
std::vector<std::string> nestc_keys(const Network& network, const Op& op) {
  std::vector<std::string> keys;
  std::string tail;
  if (!op.inputs.empty() && op.inputs[0] != kNoTensor) {
    const Tensor& input = network.tensor(op.inputs[0]);
    std::vector<int64_t> dims = input.shape;
    if (dims.size() == 4) dims = {dims[0], dims[2], dims[3], dims[1]};  // NCHW -> Glow's NHWC
    for (int64_t d : dims) tail += "-" + std::to_string(d);
    tail += "-" + glow_type(input.dtype);
    if (op.type == "Conv" && op.inputs.size() >= 2 && op.inputs[1] != kNoTensor) {
      const Tensor& weights = network.tensor(op.inputs[1]);
      const std::vector<int64_t> kernel = op.attr_ints("kernel_shape");
      const std::vector<int64_t> strides = op.attr_ints("strides");
      tail += "-" + std::to_string(weights.shape.empty() ? 0 : weights.shape[0]);
      tail += "-" + std::to_string(!kernel.empty() ? kernel[0]
                                   : weights.shape.size() > 2 ? weights.shape[2] : 1);
      tail += "-" + std::to_string(strides.empty() ? 1 : strides[0]);
    }
  }
  for (const std::string& kind : glow_kinds(op.type)) keys.push_back(kind + tail);
  return keys;
}

std::string trim(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

std::vector<std::string> split_plus(const std::string& key) {
  std::vector<std::string> parts;
  std::stringstream in(key);
  for (std::string part; std::getline(in, part, '+');) parts.push_back(trim(part));
  return parts;
}

struct NestcFile {
  std::string backend;
  std::vector<std::pair<std::string, double>> entries;  // key, microseconds, in file order
};

NestcFile read_nestc_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, "cannot open the profile");
  NestcFile file;
  std::set<std::string> seen;
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    const std::string where = path + ":" + std::to_string(line_number);
    const std::string text = trim(line.substr(0, line.find('#')));
    if (text.empty() || text == "---" || text == "...") continue;
    const size_t colon = text.find(':');
    if (colon == std::string::npos)
      throw InputError(where, "expected 'key: value', got '" + text + "'");
    const std::string key = trim(text.substr(0, colon));
    const std::string value = trim(text.substr(colon + 1));
    if (key == "backendName") {
      file.backend = value;
      continue;
    }
    if (key == "commCost" || key == "Type") continue;  // NEST-C metadata hsim does not use
    if (value == "|" || value == "|-" || value.empty())
      throw InputError(where, key + ": the older block form of NEST-C profiles (size:cost lines) "
                              "keys ops by size only; hsim reads the keyed form "
                              "'Kind-dims-type[-outC-kernel-stride]: microseconds'");
    double micros = 0;
    size_t used = 0;
    try {
      micros = std::stod(value, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != value.size() || !std::isfinite(micros) || micros < 0)
      throw InputError(where, key + ": expected a time in microseconds, got '" + value + "'");
    if (!seen.insert(key).second) throw InputError(where, key + ": listed twice");
    file.entries.emplace_back(key, micros);
  }
  return file;
}

PuKind backend_pu(const std::string& backend, const std::string& path) {
  if (backend.empty())
    throw InputError(path, "no backendName: say which PU it was measured on with --pu");
  if (backend == "CPU") return PuKind::kCpu;
  if (backend == "DSP") return PuKind::kDsp;
  return PuKind::kNpu;  // VTA, NPU, Newton, ...: NEST-C's accelerator backends
}

}  // namespace

std::string nestc_key(const Network& network, const Op& op) {
  return nestc_keys(network, op).front();
}

ImportResult import_nestc_profile(const std::string& path, const Network& network,
                                  const ImportOptions& options) {
  const NestcFile file = read_nestc_file(path);
  const PuKind pu = options.pu_given ? options.pu : backend_pu(file.backend, path);
  std::vector<std::vector<std::string>> op_keys;
  for (const Op& op : network.ops()) op_keys.push_back(nestc_keys(network, op));
  auto has_key = [&](OpId id, const std::string& key) {
    for (const std::string& k : op_keys[static_cast<size_t>(id)])
      if (k == key) return true;
    return false;
  };

  ImportResult result;
  result.profile.source = "imported from " + path + " (NEST-C, backend " +
                          (file.backend.empty() ? "?" : file.backend) + ")";
  for (const auto& [key, micros] : file.entries) {
    const std::vector<std::string> parts = split_plus(key);
    // Every chain of ops whose members have the parts' keys, each reading the previous output.
    std::vector<std::vector<OpId>> chains;
    for (OpId head = 0; head < static_cast<OpId>(network.ops().size()); ++head)
      if (has_key(head, parts[0])) chains.push_back({head});
    for (size_t p = 1; p < parts.size(); ++p) {
      std::vector<std::vector<OpId>> longer;
      for (const auto& chain : chains)
        for (OpId next : network.successors(chain.back()))
          if (has_key(next, parts[p])) {
            longer.push_back(chain);
            longer.back().push_back(next);
          }
      chains = std::move(longer);
    }
    if (chains.empty()) {
      result.unused_keys.push_back(key);
      continue;
    }
    for (const auto& chain : chains) {
      ProfileEntry entry;
      entry.signature = group_signature(network, chain);
      entry.pu = pu;
      entry.dtype = options.dtype;
      entry.times[options.threads] = static_cast<Picoseconds>(std::llround(micros * 1e6));
      entry.example = network.op(chain.front()).name;
      result.profile.add(std::move(entry));
    }
  }
  result.unmatched_ops = profile_coverage(ProfileTimes(result.profile), network, pu, options.dtype,
                                          options.threads)
                             .modelled;
  return result;
}

}  // namespace hsim::sim
