// The op graph: topological order, predecessors/successors and consumers on small DAGs.
#include <gtest/gtest.h>

#include "common/error.h"
#include "graph/network.h"

using namespace hsim::sim;

namespace {

Tensor tensor(const std::string& name, TensorRole role = TensorRole::kActivation) {
  Tensor t;
  t.name = name;
  t.shape = {1, 4};
  t.role = role;
  return t;
}

Op relu(const std::string& name, std::vector<TensorId> in, std::vector<TensorId> out) {
  Op o;
  o.name = name;
  o.type = "Relu";
  o.inputs = std::move(in);
  o.outputs = std::move(out);
  return o;
}

// x -> a -> {b, c} -> d, with the ops added in the order d, c, b, a.
Network diamond() {
  NetworkBuilder b(NetworkInfo{"diamond", "", "", 8, 17});
  TensorId x = b.add_tensor(tensor("x", TensorRole::kGraphInput));
  TensorId ta = b.add_tensor(tensor("ta"));
  TensorId tb = b.add_tensor(tensor("tb"));
  TensorId tc = b.add_tensor(tensor("tc"));
  TensorId td = b.add_tensor(tensor("td"));
  b.mark_input(x);
  b.add_op(relu("d", {tb, tc}, {td}));
  b.add_op(relu("c", {ta}, {tc}));
  b.add_op(relu("b", {ta}, {tb}));
  b.add_op(relu("a", {x}, {ta}));
  b.mark_output(td);
  return std::move(b).build();
}

std::vector<std::string> names(const Network& net, const std::vector<OpId>& ids) {
  std::vector<std::string> out;
  for (OpId id : ids) out.push_back(net.op(id).name);
  return out;
}

}  // namespace

TEST(NetworkGraph, OpsComeOutInTopologicalOrder) {
  const Network net = diamond();
  std::vector<int> position(4);
  for (size_t i = 0; i < net.ops().size(); ++i) {
    for (OpId pred : net.predecessors(static_cast<OpId>(i))) EXPECT_LT(pred, static_cast<OpId>(i));
  }
  EXPECT_EQ(net.ops().front().name, "a");
  EXPECT_EQ(net.ops().back().name, "d");
}

TEST(NetworkGraph, PredecessorsSuccessorsAndConsumers) {
  const Network net = diamond();
  const OpId a = *net.find_op("a");
  const OpId d = *net.find_op("d");
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(names(net, net.successors(a))), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(sorted(names(net, net.predecessors(d))), (std::vector<std::string>{"b", "c"}));
  EXPECT_TRUE(net.predecessors(a).empty());
  const Tensor& ta = net.tensor(*net.find_tensor("ta"));
  EXPECT_EQ(ta.producer, a);
  EXPECT_EQ(ta.consumers.size(), 2u);
  EXPECT_EQ(boost::num_edges(net.graph()), 4u);
  EXPECT_TRUE(net.tensor(*net.find_tensor("td")).is_graph_output);
}

TEST(NetworkGraph, CycleIsAnInputErrorNamingItsOps) {
  NetworkBuilder b(NetworkInfo{"loop.onnx", "", "", 8, 17});
  TensorId t1 = b.add_tensor(tensor("t1"));
  TensorId t2 = b.add_tensor(tensor("t2"));
  b.add_op(relu("first", {t2}, {t1}));
  b.add_op(relu("second", {t1}, {t2}));
  try {
    (void)std::move(b).build();
    FAIL() << "a cycle must not build";
  } catch (const hsim::InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("loop.onnx"), std::string::npos);
    EXPECT_NE(what.find("cycle"), std::string::npos);
    EXPECT_NE(what.find("first"), std::string::npos);
  }
}

TEST(NetworkGraph, TensorWrittenTwiceIsRejected) {
  NetworkBuilder b(NetworkInfo{"twice.onnx", "", "", 8, 17});
  TensorId x = b.add_tensor(tensor("x", TensorRole::kGraphInput));
  TensorId t = b.add_tensor(tensor("t"));
  b.add_op(relu("one", {x}, {t}));
  b.add_op(relu("two", {x}, {t}));
  EXPECT_THROW((void)std::move(b).build(), hsim::InputError);
}

TEST(NetworkGraph, DuplicateTensorNameIsRejected) {
  NetworkBuilder b(NetworkInfo{"dup.onnx", "", "", 8, 17});
  b.add_tensor(tensor("t"));
  EXPECT_THROW(b.add_tensor(tensor("t")), hsim::InputError);
}
