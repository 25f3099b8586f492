#include "support/onnx_model_builder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace hsim::testing {

OnnxModelBuilder::OnnxModelBuilder(int64_t opset, int64_t ir_version) {
  model_.set_ir_version(ir_version);
  model_.set_producer_name("hsim-tests");
  auto* import = model_.add_opset_import();
  import->set_domain("");
  import->set_version(opset);
  model_.mutable_graph()->set_name("test_graph");
}

OnnxModelBuilder& OnnxModelBuilder::input(const std::string& name,
                                          const std::vector<int64_t>& dims, int elem_type,
                                          const std::string& symbol) {
  auto* info = model_.mutable_graph()->add_input();
  info->set_name(name);
  auto* tensor = info->mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(elem_type);
  auto* shape = tensor->mutable_shape();
  for (int64_t d : dims) {
    auto* dim = shape->add_dim();
    if (d < 0)
      dim->set_dim_param(symbol);
    else
      dim->set_dim_value(d);
  }
  return *this;
}

OnnxModelBuilder& OnnxModelBuilder::weight(const std::string& name,
                                           const std::vector<int64_t>& dims, int elem_type) {
  auto* init = model_.mutable_graph()->add_initializer();
  init->set_name(name);
  init->set_data_type(elem_type);
  for (int64_t d : dims) init->add_dims(d);
  return *this;
}

OnnxModelBuilder& OnnxModelBuilder::int64_constant(const std::string& name,
                                                   const std::vector<int64_t>& values) {
  auto* init = model_.mutable_graph()->add_initializer();
  init->set_name(name);
  init->set_data_type(onnx::TensorProto::INT64);
  init->add_dims(static_cast<int64_t>(values.size()));
  for (int64_t v : values) init->add_int64_data(v);
  return *this;
}

OnnxModelBuilder& OnnxModelBuilder::output(const std::string& name) {
  model_.mutable_graph()->add_output()->set_name(name);
  return *this;
}

OnnxModelBuilder& OnnxModelBuilder::value_info(const std::string& name,
                                               const std::vector<int64_t>& dims, int elem_type) {
  auto* info = model_.mutable_graph()->add_value_info();
  info->set_name(name);
  auto* tensor = info->mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(elem_type);
  for (int64_t d : dims) tensor->mutable_shape()->add_dim()->set_dim_value(d);
  return *this;
}

OnnxModelBuilder& OnnxModelBuilder::import_domain(const std::string& domain, int64_t version) {
  auto* import = model_.add_opset_import();
  import->set_domain(domain);
  import->set_version(version);
  return *this;
}

onnx::NodeProto& OnnxModelBuilder::node(const std::string& op_type,
                                        const std::vector<std::string>& inputs,
                                        const std::vector<std::string>& outputs,
                                        const std::string& name) {
  auto* node = model_.mutable_graph()->add_node();
  node->set_op_type(op_type);
  node->set_name(name.empty() ? op_type + "_" + std::to_string(model_.graph().node_size())
                              : name);
  for (const auto& in : inputs) node->add_input(in);
  for (const auto& out : outputs) node->add_output(out);
  return *node;
}

std::string OnnxModelBuilder::bytes() const { return model_.SerializeAsString(); }

std::string OnnxModelBuilder::write(const std::string& file_name) const {
  return write_file(file_name, bytes());
}

void set_attr(onnx::NodeProto& node, const std::string& name, int64_t value) {
  auto* attr = node.add_attribute();
  attr->set_name(name);
  attr->set_type(onnx::AttributeProto::INT);
  attr->set_i(value);
}

void set_attr(onnx::NodeProto& node, const std::string& name, const std::vector<int64_t>& values) {
  auto* attr = node.add_attribute();
  attr->set_name(name);
  attr->set_type(onnx::AttributeProto::INTS);
  for (int64_t v : values) attr->add_ints(v);
}

void set_attr(onnx::NodeProto& node, const std::string& name, const std::string& value) {
  auto* attr = node.add_attribute();
  attr->set_name(name);
  attr->set_type(onnx::AttributeProto::STRING);
  attr->set_s(value);
}

std::string temp_path(const std::string& file_name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string prefix = info ? std::string(info->test_suite_name()) + "." + info->name() : "hsim";
  return ::testing::TempDir() + prefix + "." + std::to_string(getpid()) + "." + file_name;
}

std::string write_file(const std::string& file_name, const std::string& bytes) {
  const std::string path = temp_path(file_name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace hsim::testing
