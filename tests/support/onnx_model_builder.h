#pragma once

// Builds small ONNX models in memory for tests, so fixtures need no Python and each test states
// its graph next to its expectations.
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace hsim::testing {

class OnnxModelBuilder {
 public:
  explicit OnnxModelBuilder(int64_t opset = 17, int64_t ir_version = 8);

  // A graph input; a dim of -1 becomes the symbolic dim `symbol`.
  OnnxModelBuilder& input(const std::string& name, const std::vector<int64_t>& dims,
                          int elem_type = onnx::TensorProto::FLOAT,
                          const std::string& symbol = "N");
  // An initializer with its dims; values are written only for int64 (shape-like) tensors.
  OnnxModelBuilder& weight(const std::string& name, const std::vector<int64_t>& dims,
                           int elem_type = onnx::TensorProto::FLOAT);
  OnnxModelBuilder& int64_constant(const std::string& name, const std::vector<int64_t>& values);
  OnnxModelBuilder& output(const std::string& name);
  // States a tensor's type in the graph's value_info, as exporters do for custom ops.
  OnnxModelBuilder& value_info(const std::string& name, const std::vector<int64_t>& dims,
                               int elem_type = onnx::TensorProto::FLOAT);
  OnnxModelBuilder& import_domain(const std::string& domain, int64_t version);
  onnx::NodeProto& node(const std::string& op_type, const std::vector<std::string>& inputs,
                        const std::vector<std::string>& outputs, const std::string& name = "");

  onnx::ModelProto& model() { return model_; }
  std::string bytes() const;
  // Writes the model under the test's temp dir and returns the path.
  std::string write(const std::string& file_name) const;

 private:
  onnx::ModelProto model_;
};

void set_attr(onnx::NodeProto& node, const std::string& name, int64_t value);
void set_attr(onnx::NodeProto& node, const std::string& name, const std::vector<int64_t>& values);
void set_attr(onnx::NodeProto& node, const std::string& name, const std::string& value);

// A fresh file path under the test temp dir.
std::string temp_path(const std::string& file_name);
std::string write_file(const std::string& file_name, const std::string& bytes);

}  // namespace hsim::testing
