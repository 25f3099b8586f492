#include "board/board_checks.h"
#include "board/board_schemas.h"

namespace hsim::sim {

using config::ComponentSchema;
using config::Quantity;
using config::Use;

const ComponentSchema<PuSpec>& pu_schema() {
  static const auto schema =
      ComponentSchema<PuSpec>(
          "pu",
          "A processing unit: `count` identical cores of one kind sharing a clock and peak "
          "rates. Some keys exist only for some kinds")
          .param("name", &PuSpec::name, config::identifier(), Use::required(),
                 "Unique among the PUs and DMA engines of its device; its cores are named after "
                 "it (npu0, npu1, ...)")
          .param("kind", &PuSpec::kind,
                 config::choice<PuKind>(
                     {{"cpu", PuKind::kCpu}, {"npu", PuKind::kNpu}, {"dsp", PuKind::kDsp}}),
                 Use::required(),
                 "cpu (caches), npu (systolic array, local SRAM) or dsp (local SRAM)")
          .variants_by("kind", {"cpu", "npu", "dsp"})
          .param("count", &PuSpec::count, config::whole_number(1), Use::defaults("1"),
                 "Number of identical cores")
          .param("clock", &PuSpec::clock, config::quantity(Quantity::kFrequency), Use::required(),
                 "Core clock")
          .param("compute", &PuSpec::compute,
                 config::keyed_map("dtype", dtype_words(), config::component(compute_schema()), 1),
                 Use::required(),
                 "Peak rates per core and cycle for each element type the PU computes in, e.g. "
                 "{int8: {macs_per_cycle: 1024}}")
          .param("array", &PuSpec::array, config::optional_component(array_schema()),
                 Use::required().only_for({"npu"}), "The NPU core's systolic array")
          .param("local_sram", &PuSpec::local_sram, config::quantity(Quantity::kSize),
                 Use::required().only_for({"npu", "dsp"}), "Scratchpad SRAM per core")
          .param("caches", &PuSpec::caches, config::list_of(cache_schema(), 0),
                 Use::optional("none").only_for({"cpu"}), "Cache levels, innermost first")
          .param("supported_ops", &PuSpec::supported_ops,
                 config::all_or_names("op type", check_op_type), Use::defaults("all"),
                 "ONNX op types the PU can run (e.g. [Conv, Relu, MaxPool]), or all")
          .param("dispatch_overhead", &PuSpec::dispatch_overhead, config::quantity(Quantity::kTime),
                 Use::defaults("0 ns"),
                 "Paid for every task launched on the PU (driver, kernel launch)")
          .param("dma", &PuSpec::dma, config::omitted_when(config::identifier(), std::string()),
                 Use::optional("none"),
                 "The DMA engine of this device feeding the PU's local memory; without one, "
                 "each core moves data through its own load/store port")
          .check(check_pu);
  return schema;
}

}  // namespace hsim::sim
