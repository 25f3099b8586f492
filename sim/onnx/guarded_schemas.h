#pragma once

#include <onnx/defs/schema.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

namespace hsim::sim::onnx_reading {

// The ONNX schema registry with a precondition check in front of the shape inference of ops whose
// inference in libonnx 1.12 trusts its inputs (Conv, ConvTranspose and the pools index the input's
// dims by the weight's or kernel's rank: a mismatch reads out of bounds or yields a wrong shape).
// A violated precondition fails inference with a message naming the op and what is wrong.
class GuardedSchemaRegistry : public onnx::ISchemaRegistry {
 public:
  const onnx::OpSchema* GetSchema(const std::string& key, const int max_inclusive_version,
                                  const std::string& domain) const override;

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::tuple<std::string, int, std::string>, std::unique_ptr<onnx::OpSchema>>
      guarded_;
};

}  // namespace hsim::sim::onnx_reading
