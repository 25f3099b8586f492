#include <charconv>

#include "common/error.h"
#include "onnx/onnx_loader.h"

namespace hsim::sim {

void add_input_shape_spec(OnnxLoadOptions& options, const std::string& spec) {
  const auto where = std::string("--input-shape '") + spec + "'";
  const auto eq = spec.rfind('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
    throw InputError(where, "expected NAME=DIMxDIMx... such as input=1x3x224x224");
  std::vector<int64_t> dims;
  std::string_view rest(spec);
  rest.remove_prefix(eq + 1);
  while (true) {
    const auto x = rest.find('x');
    const std::string_view token = rest.substr(0, x);
    int64_t value = 0;
    const auto [end, err] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (err != std::errc() || end != token.data() + token.size() || value <= 0)
      throw InputError(where, "dimension '" + std::string(token) +
                                  "' is not a positive whole number");
    dims.push_back(value);
    if (x == std::string_view::npos) break;
    rest.remove_prefix(x + 1);
  }
  options.input_shapes[spec.substr(0, eq)] = std::move(dims);
}

}  // namespace hsim::sim
