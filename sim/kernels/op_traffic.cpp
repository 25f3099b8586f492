#include "kernels/op_traffic.h"

#include <algorithm>

#include "kernels/work_split.h"

namespace hsim::sim {

OpTraffic op_traffic(const KernelRequest& request) {
  const Op& op = request.op;
  int64_t from = 1, to = 1;
  if (!op.outputs.empty()) {
    const DType model = request.network.tensor(op.outputs[0]).dtype;
    if (is_floating(model)) {
      from = dtype_bytes(model);
      to = request.element_bytes();
    }
  }
  auto scale = [&](Bytes bytes) { return ceil_div(bytes * to, from); };
  OpTraffic t;
  t.input = scale(op.cost.input_bytes);
  t.fixed = scale(op.cost.weight_bytes);
  t.output = scale(op.cost.output_bytes);
  t.ops = std::max<int64_t>(0, op.cost.flops - 2 * op.cost.macs);
  return t;
}

}  // namespace hsim::sim
