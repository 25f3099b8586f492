#include "board/board_schemas.h"

namespace hsim::sim {

using config::ComponentSchema;
using config::Quantity;
using config::Use;

const ComponentSchema<DmaSpec>& dma_schema() {
  static const auto schema =
      ComponentSchema<DmaSpec>(
          "dma", "A DMA engine moving data between shared memory and PUs' local memories")
          .param("name", &DmaSpec::name, config::identifier(), Use::required(),
                 "Unique among the PUs and DMA engines of its device; PUs name it in `dma`")
          .param("channels", &DmaSpec::channels, config::whole_number(1), Use::defaults("1"),
                 "Independent channels, each taking its transfers in order")
          .param("bandwidth", &DmaSpec::bandwidth, config::quantity(Quantity::kBandwidth),
                 Use::required(), "Per channel")
          .param("setup_latency", &DmaSpec::setup_latency, config::quantity(Quantity::kTime),
                 Use::defaults("0 ns"), "Paid once per transfer (descriptor set-up)")
          .param("burst", &DmaSpec::burst, config::quantity(Quantity::kSize),
                 Use::defaults("4 KiB"),
                 "Transfers are cut into bursts of this size; smaller bursts share bandwidth more "
                 "finely and simulate more slowly");
  return schema;
}

const ComponentSchema<InterconnectSpec>& interconnect_schema() {
  static const auto schema =
      ComponentSchema<InterconnectSpec>(
          "interconnect", "The on-chip bus or network joining PUs, DMA engines and memories")
          .param("bandwidth", &InterconnectSpec::bandwidth, config::quantity(Quantity::kBandwidth),
                 Use::required(), "Total bandwidth through it")
          .param("latency", &InterconnectSpec::latency, config::quantity(Quantity::kTime),
                 Use::defaults("0 ns"), "Paid once per transaction")
          .param("arbitration", &InterconnectSpec::arbitration,
                 config::choice<Arbitration>({{"round-robin", Arbitration::kRoundRobin},
                                              {"fifo", Arbitration::kFifo},
                                              {"fixed-priority", Arbitration::kFixedPriority}}),
                 Use::defaults("round-robin"), "How concurrent initiators share it");
  return schema;
}

const ComponentSchema<DramSpec>& dram_schema() {
  static const auto schema =
      ComponentSchema<DramSpec>("dram", "The device's external DRAM")
          .param("channels", &DramSpec::channels, config::whole_number(1), Use::defaults("1"),
                 "Independent channels; addresses interleave across them")
          .param("bandwidth", &DramSpec::bandwidth, config::quantity(Quantity::kBandwidth),
                 Use::required(), "Peak bandwidth over all channels")
          .param("latency", &DramSpec::latency, config::quantity(Quantity::kTime), Use::required(),
                 "First-word latency of a transaction")
          .param("size", &DramSpec::size, config::quantity(Quantity::kSize), Use::required(),
                 "Capacity");
  return schema;
}

const ComponentSchema<SharedSramSpec>& shared_sram_schema() {
  static const auto schema =
      ComponentSchema<SharedSramSpec>(
          "shared_sram", "On-chip SRAM shared by all PUs of the device (e.g. an MSMC or L3 SRAM)")
          .param("size", &SharedSramSpec::size, config::quantity(Quantity::kSize), Use::required(),
                 "Capacity")
          .param("bandwidth", &SharedSramSpec::bandwidth, config::quantity(Quantity::kBandwidth),
                 Use::required(), "Peak bandwidth")
          .param("latency", &SharedSramSpec::latency, config::quantity(Quantity::kTime),
                 Use::defaults("0 ns"), "Access latency");
  return schema;
}

}  // namespace hsim::sim
