// ONNX Runtime profiling JSON -> hsim profile (profile_import.h).
#include <nlohmann/json.hpp>

#include <algorithm>
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

using nlohmann::json;

const std::set<std::string>& activation_types() {
  static const std::set<std::string> types = {"Relu", "Clip", "Sigmoid", "Tanh", "LeakyRelu",
                                              "HardSigmoid", "HardSwish", "Elu"};
  return types;
}

std::string element_type_name(DType type) {  // ORT's names in input_type_shape
  switch (type) {
    case DType::kFloat32: return "float";
    case DType::kFloat16: return "float16";
    case DType::kFloat64: return "double";
    case DType::kInt8: return "int8";
    case DType::kUInt8: return "uint8";
    case DType::kInt32: return "int32";
    case DType::kInt64: return "int64";
    case DType::kBool: return "bool";
    default: return std::string(dtype_name(type));
  }
}

// "float[1x3x224x224] float[64x3x7x7]": an op's inputs as ORT lists them, for matching by shape.
std::string input_shapes_of(const Network& network, const Op& op) {
  std::string text;
  for (TensorId id : op.inputs) {
    if (id == kNoTensor) continue;
    const Tensor& tensor = network.tensor(id);
    text += element_type_name(tensor.dtype) + "[";
    for (size_t d = 0; d < tensor.shape.size(); ++d)
      text += (d ? "x" : "") + std::to_string(tensor.shape[d]);
    text += "] ";
  }
  return text;
}

std::string input_shapes_of(const json& shapes) {
  std::string text;
  if (!shapes.is_array()) return text;
  for (const json& item : shapes) {
    if (!item.is_object() || item.size() != 1) continue;
    text += item.begin().key() + "[";
    const json& dims = item.begin().value();
    for (size_t d = 0; dims.is_array() && d < dims.size(); ++d)
      text += (d ? "x" : "") + (dims[d].is_number() ? std::to_string(dims[d].get<int64_t>()) : "?");
    text += "] ";
  }
  return text;
}

struct NodeRuns {
  std::string op_type;
  std::string shapes;
  std::vector<double> micros;
};

Picoseconds median_ps(std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  const size_t n = micros.size();
  const double mid = n % 2 ? micros[n / 2] : (micros[n / 2 - 1] + micros[n / 2]) / 2;
  return static_cast<Picoseconds>(std::llround(mid * 1e6));
}

}  // namespace

ImportResult import_ort_profile(const std::string& path, const Network& network,
                                const ImportOptions& options) {
  std::ifstream in(path);
  if (!in) throw InputError(path, "cannot open the profile");
  std::stringstream buffer;
  buffer << in.rdbuf();
  json events;
  try {
    events = json::parse(buffer.str());
  } catch (const json::parse_error& e) {
    throw InputError(path, "not JSON (at byte " + std::to_string(e.byte) +
                               "); expected ONNX Runtime's profiling output");
  }
  if (events.is_object() && events.contains("traceEvents")) events = events["traceEvents"];
  if (!events.is_array())
    throw InputError(path, "expected an array of trace events (ONNX Runtime's profiling output)");

  const std::string suffix = "_kernel_time";
  std::map<std::string, NodeRuns> nodes;  // by node name
  for (size_t i = 0; i < events.size(); ++i) {
    const json& event = events[i];
    if (!event.is_object()) throw InputError(path, "event " + std::to_string(i) + " is not an object");
    if (event.value("cat", "") != "Node") continue;
    const std::string name = event.value("name", "");
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix))
      continue;
    if (!event.contains("dur") || !event["dur"].is_number() || event["dur"].get<double>() < 0)
      throw InputError(path, "event " + std::to_string(i) + " (" + name + "): no duration 'dur'");
    NodeRuns& runs = nodes[name.substr(0, name.size() - suffix.size())];
    const json args = event.value("args", json::object());
    runs.op_type = args.value("op_name", "");
    runs.shapes = input_shapes_of(args.value("input_type_shape", json::array()));
    runs.micros.push_back(event["dur"].get<double>());
  }

  ImportResult result;
  result.profile.source = "imported from " + path + " (ONNX Runtime profiling)";
  auto add = [&](const std::vector<OpId>& ops, Picoseconds time) {
    ProfileEntry entry;
    entry.signature = group_signature(network, ops);
    entry.pu = options.pu;
    entry.dtype = options.dtype;
    entry.times[options.threads] = time;
    entry.example = network.op(ops.front()).name;
    result.profile.add(std::move(entry));
  };
  for (const auto& [node, runs] : nodes) {
    const Picoseconds time = median_ps(runs.micros);
    if (const auto id = network.find_op(node)) {
      const Op& op = network.op(*id);
      if (runs.op_type == op.type || runs.op_type.empty()) {
        add({*id}, time);
        continue;
      }
      // An ORT fusion (FusedConv, FusedGemm, ...): the op with the activation it absorbed.
      if (runs.op_type.rfind("Fused", 0) == 0) {
        const std::vector<OpId> next = network.successors(*id);
        const Tensor& out = network.tensor(op.outputs.front());
        if (next.size() == 1 && out.consumers.size() == 1 &&
            activation_types().count(network.op(next.front()).type)) {
          add({*id, next.front()}, time);
        } else {
          add({*id}, time);
        }
        continue;
      }
    }
    // A node ORT made or renamed: every op of that type with those input shapes.
    bool matched = false;
    for (OpId id = 0; id < static_cast<OpId>(network.ops().size()); ++id) {
      const Op& op = network.op(id);
      if (op.type == runs.op_type && input_shapes_of(network, op) == runs.shapes) {
        add({id}, time);
        matched = true;
      }
    }
    if (!matched) result.unused_keys.push_back(node + " (" + runs.op_type + ")");
  }
  result.unmatched_ops = profile_coverage(ProfileTimes(result.profile), network, options.pu, options.dtype,
                                          options.threads)
                             .modelled;
  return result;
}

}  // namespace hsim::sim
