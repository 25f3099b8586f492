#include "graph/network.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

#include "common/error.h"

namespace hsim::sim {

namespace {

std::vector<OpId> sorted_unique(std::vector<OpId> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

std::vector<OpId> topological_order(const DependencyGraph& graph) {
  const auto count = boost::num_vertices(graph);
  std::vector<size_t> pending(count);
  std::deque<OpId> ready;
  for (size_t v = 0; v < count; ++v) {
    pending[v] = boost::in_degree(v, graph);
    if (pending[v] == 0) ready.push_back(static_cast<OpId>(v));
  }
  std::vector<OpId> order;
  order.reserve(count);
  while (!ready.empty()) {
    OpId v = ready.front();
    ready.pop_front();
    order.push_back(v);
    for (auto [e, end] = boost::out_edges(static_cast<size_t>(v), graph); e != end; ++e) {
      auto target = boost::target(*e, graph);
      if (--pending[target] == 0) ready.push_back(static_cast<OpId>(target));
    }
  }
  return order;
}

std::vector<OpId> Network::predecessors(OpId id) const {
  std::vector<OpId> result;
  for (auto [e, end] = boost::in_edges(static_cast<size_t>(id), graph_); e != end; ++e)
    result.push_back(static_cast<OpId>(boost::source(*e, graph_)));
  return sorted_unique(std::move(result));
}

std::vector<OpId> Network::successors(OpId id) const {
  std::vector<OpId> result;
  for (auto [e, end] = boost::out_edges(static_cast<size_t>(id), graph_); e != end; ++e)
    result.push_back(static_cast<OpId>(boost::target(*e, graph_)));
  return sorted_unique(std::move(result));
}

std::optional<TensorId> Network::find_tensor(const std::string& name) const {
  for (size_t i = 0; i < tensors_.size(); ++i)
    if (tensors_[i].name == name) return static_cast<TensorId>(i);
  return std::nullopt;
}

std::optional<OpId> Network::find_op(const std::string& name) const {
  for (size_t i = 0; i < ops_.size(); ++i)
    if (ops_[i].name == name) return static_cast<OpId>(i);
  return std::nullopt;
}

NetworkBuilder::NetworkBuilder(NetworkInfo info) { network_.info_ = std::move(info); }

TensorId NetworkBuilder::add_tensor(Tensor tensor) {
  if (tensor_ids_.count(tensor.name))
    throw InputError(network_.info_.source, "tensor '" + tensor.name + "' is defined twice");
  auto id = static_cast<TensorId>(network_.tensors_.size());
  tensor_ids_.emplace(tensor.name, id);
  network_.tensors_.push_back(std::move(tensor));
  return id;
}

OpId NetworkBuilder::add_op(Op op) {
  network_.ops_.push_back(std::move(op));
  return static_cast<OpId>(network_.ops_.size() - 1);
}

void NetworkBuilder::mark_input(TensorId id) { network_.inputs_.push_back(id); }
void NetworkBuilder::mark_output(TensorId id) {
  network_.outputs_.push_back(id);
  network_.tensors_.at(static_cast<size_t>(id)).is_graph_output = true;
}

void NetworkBuilder::set_int_values(TensorId id, std::optional<std::vector<int64_t>> values) {
  network_.tensors_.at(static_cast<size_t>(id)).int_values = std::move(values);
}

const std::optional<std::vector<int64_t>>& NetworkBuilder::int_values(TensorId id) const {
  return network_.tensors_.at(static_cast<size_t>(id)).int_values;
}

std::optional<TensorId> NetworkBuilder::find_tensor(const std::string& name) const {
  auto it = tensor_ids_.find(name);
  if (it == tensor_ids_.end()) return std::nullopt;
  return it->second;
}

Network NetworkBuilder::build() && {
  Network& net = network_;
  const std::string& source = net.info_.source;

  for (size_t i = 0; i < net.ops_.size(); ++i) {
    for (TensorId out : net.ops_[i].outputs) {
      Tensor& t = net.tensors_.at(static_cast<size_t>(out));
      if (t.role != TensorRole::kActivation)
        throw InputError(source, "node '" + net.ops_[i].name + "' writes tensor '" + t.name +
                                     "', which is already a graph input or initializer");
      if (t.producer != kNoOp)
        throw InputError(source, "tensor '" + t.name + "' is written by two nodes ('" +
                                     net.ops_[static_cast<size_t>(t.producer)].name + "' and '" +
                                     net.ops_[i].name + "')");
      t.producer = static_cast<OpId>(i);
    }
  }
  for (const Op& op : net.ops_) {
    for (TensorId in : op.inputs) {
      if (in == kNoTensor) continue;
      const Tensor& t = net.tensors_.at(static_cast<size_t>(in));
      if (t.role == TensorRole::kActivation && t.producer == kNoOp)
        throw InputError(source, "node '" + op.name + "' reads tensor '" + t.name +
                                     "', which no node produces and is neither a graph input "
                                     "nor an initializer");
    }
  }

  DependencyGraph graph(net.ops_.size());
  for (size_t i = 0; i < net.ops_.size(); ++i)
    for (TensorId in : net.ops_[i].inputs)
      if (in != kNoTensor && net.tensors_[static_cast<size_t>(in)].producer != kNoOp)
        boost::add_edge(static_cast<size_t>(net.tensors_[static_cast<size_t>(in)].producer), i,
                        DataEdge{in}, graph);

  std::vector<OpId> order = topological_order(graph);
  if (order.size() != net.ops_.size()) {
    std::vector<bool> placed(net.ops_.size(), false);
    for (OpId id : order) placed[static_cast<size_t>(id)] = true;
    std::string names;
    int listed = 0;
    for (size_t i = 0; i < net.ops_.size() && listed < 5; ++i)
      if (!placed[i]) names += (listed++ ? ", '" : "'") + net.ops_[i].name + "'";
    throw InputError(source, "the graph has a cycle; nodes on or behind it: " + names);
  }

  // Renumber ops into topological order so that every later pass can walk ops() front to back.
  std::vector<OpId> new_id(net.ops_.size());
  std::vector<Op> sorted;
  sorted.reserve(net.ops_.size());
  for (size_t pos = 0; pos < order.size(); ++pos) {
    new_id[static_cast<size_t>(order[pos])] = static_cast<OpId>(pos);
    sorted.push_back(std::move(net.ops_[static_cast<size_t>(order[pos])]));
  }
  net.ops_ = std::move(sorted);
  for (Tensor& t : net.tensors_) {
    if (t.producer != kNoOp) t.producer = new_id[static_cast<size_t>(t.producer)];
    t.consumers.clear();
  }
  net.graph_ = DependencyGraph(net.ops_.size());
  for (size_t i = 0; i < net.ops_.size(); ++i) {
    for (TensorId in : net.ops_[i].inputs) {
      if (in == kNoTensor) continue;
      Tensor& t = net.tensors_[static_cast<size_t>(in)];
      if (t.consumers.empty() || t.consumers.back() != static_cast<OpId>(i))
        t.consumers.push_back(static_cast<OpId>(i));
      if (t.producer != kNoOp)
        boost::add_edge(static_cast<size_t>(t.producer), i, DataEdge{in}, net.graph_);
    }
  }
  return std::move(net);
}

}  // namespace hsim::sim
