#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/op.h"
#include "graph/tensor.h"

namespace hsim::sim {

// An edge of the dependency graph: `tensor` flows from the source op to the target op.
struct DataEdge {
  TensorId tensor = kNoTensor;
};

// Vertices are ops (vertex index == OpId); an op reading k tensors of one producer has k edges.
using DependencyGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property,
                          DataEdge>;

// Kahn's algorithm, taking ready vertices in index order so the result stays close to the input
// order. The result is short of some vertices iff the graph has a cycle.
std::vector<OpId> topological_order(const DependencyGraph& graph);

struct NetworkInfo {
  std::string source;        // the file it came from, for messages
  std::string graph_name;
  std::string producer;      // e.g. "pytorch 1.13.1"
  int64_t ir_version = 0;
  int64_t opset = 0;         // of the default ONNX domain
};

// A DNN as a DAG of ops over tensors with fully known shapes. Built through NetworkBuilder,
// which guarantees: every op input is a graph input, a fixed tensor or exactly one op's output;
// the graph is acyclic; ops() is in a topological order.
class Network {
 public:
  const NetworkInfo& info() const { return info_; }
  const std::vector<Op>& ops() const { return ops_; }
  const std::vector<Tensor>& tensors() const { return tensors_; }
  const Op& op(OpId id) const { return ops_.at(static_cast<size_t>(id)); }
  const Tensor& tensor(TensorId id) const { return tensors_.at(static_cast<size_t>(id)); }
  const std::vector<TensorId>& inputs() const { return inputs_; }
  const std::vector<TensorId>& outputs() const { return outputs_; }
  const DependencyGraph& graph() const { return graph_; }

  std::vector<OpId> predecessors(OpId id) const;  // distinct, ascending
  std::vector<OpId> successors(OpId id) const;    // distinct, ascending
  std::optional<TensorId> find_tensor(const std::string& name) const;
  std::optional<OpId> find_op(const std::string& name) const;

  // Annotation passes (cost models, role classification) write through these.
  Op& mutable_op(OpId id) { return ops_.at(static_cast<size_t>(id)); }
  Tensor& mutable_tensor(TensorId id) { return tensors_.at(static_cast<size_t>(id)); }

 private:
  friend class NetworkBuilder;
  NetworkInfo info_;
  std::vector<Op> ops_;
  std::vector<Tensor> tensors_;
  std::vector<TensorId> inputs_;
  std::vector<TensorId> outputs_;
  DependencyGraph graph_;
};

// Collects tensors and ops in any order and turns them into a Network. build() throws
// InputError (naming info.source) for a tensor read but never produced, a tensor produced twice,
// or a cycle (naming ops on it).
class NetworkBuilder {
 public:
  explicit NetworkBuilder(NetworkInfo info);

  // Adds a tensor; names are unique (adding a name twice throws).
  TensorId add_tensor(Tensor tensor);
  OpId add_op(Op op);
  void mark_input(TensorId id);
  void mark_output(TensorId id);
  void set_int_values(TensorId id, std::optional<std::vector<int64_t>> values);
  const std::optional<std::vector<int64_t>>& int_values(TensorId id) const;
  std::optional<TensorId> find_tensor(const std::string& name) const;

  Network build() &&;

 private:
  Network network_;
  std::unordered_map<std::string, TensorId> tensor_ids_;
};

}  // namespace hsim::sim
