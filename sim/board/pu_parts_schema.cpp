#include "board/board_checks.h"
#include "board/board_schemas.h"

namespace hsim::sim {

using config::ComponentSchema;
using config::Quantity;
using config::Use;

const ComponentSchema<ComputeRate>& compute_schema() {
  static const auto schema =
      ComponentSchema<ComputeRate>(
          "compute", "Peak arithmetic of one core for one element type, per clock cycle")
          .param("macs_per_cycle", &ComputeRate::macs_per_cycle, config::whole_number(0),
                 Use::defaults("0"), "Multiply-accumulates per cycle (matrix or vector MAC units)")
          .param("ops_per_cycle", &ComputeRate::ops_per_cycle, config::whole_number(0),
                 Use::defaults("0"),
                 "Other element-wise operations per cycle (vector ALU: add, max, compare, ...)")
          .check(check_compute_rate);
  return schema;
}

const ComponentSchema<SystolicArraySpec>& array_schema() {
  static const auto schema =
      ComponentSchema<SystolicArraySpec>(
          "array", "The systolic array of an NPU core: rows x cols PEs, one MAC per PE per cycle")
          .param<std::pair<int64_t, int64_t>>(
              "size", config::grid(), Use::required(), "Rows x columns of processing elements",
              [](SystolicArraySpec& array, std::pair<int64_t, int64_t> size) {
                array.rows = size.first;
                array.cols = size.second;
              },
              [](const SystolicArraySpec& array) { return std::make_pair(array.rows, array.cols); })
          .param("dataflow", &SystolicArraySpec::dataflow,
                 config::choice<Dataflow>({{"os", Dataflow::kOutputStationary},
                                           {"ws", Dataflow::kWeightStationary},
                                           {"is", Dataflow::kInputStationary}}),
                 Use::defaults("os"),
                 "What stays in the PEs while the rest streams: outputs, weights or inputs");
  return schema;
}

const ComponentSchema<CacheSpec>& cache_schema() {
  static const auto schema =
      ComponentSchema<CacheSpec>(
          "cache",
          "A cache level of a CPU core, modelled as a bandwidth tier: data that fits is served "
          "at its bandwidth and latency instead of from shared memory")
          .param("name", &CacheSpec::name, config::identifier(), Use::required(),
                 "The level's name, e.g. L1, L2, L3")
          .param("size", &CacheSpec::size, config::quantity(Quantity::kSize), Use::required(),
                 "Capacity (per core, or of the whole PU when shared)")
          .param("bandwidth", &CacheSpec::bandwidth, config::quantity(Quantity::kBandwidth),
                 Use::required(), "Bandwidth one core gets from this level")
          .param("latency", &CacheSpec::latency, config::quantity(Quantity::kTime),
                 Use::defaults("0 ns"), "Load-to-use latency")
          .param("shared", &CacheSpec::shared, config::flag(), Use::defaults("false"),
                 "Shared by all cores of the PU (e.g. a cluster L2 or L3)");
  return schema;
}

}  // namespace hsim::sim
