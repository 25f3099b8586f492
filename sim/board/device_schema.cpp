#include "board/board_checks.h"
#include "board/board_schemas.h"

namespace hsim::sim {

using config::ComponentSchema;
using config::Quantity;
using config::Use;

const ComponentSchema<EnergySpec>& energy_schema() {
  const auto energy = [] { return config::quantity(Quantity::kEnergy); };
  static const auto schema =
      ComponentSchema<EnergySpec>("energy", "Energy figures of a device for energy accounting")
          .param("per_mac", &EnergySpec::per_mac,
                 config::keyed_map("dtype", dtype_words(), energy(), 0), Use::optional("none"),
                 "Energy of one multiply-accumulate, per element type, e.g. {int8: 0.2 pJ}")
          .param("per_op", &EnergySpec::per_op, energy(), Use::defaults("0 pJ"),
                 "Energy of one other arithmetic operation")
          .param("per_byte_dram", &EnergySpec::per_byte_dram, energy(), Use::defaults("0 pJ"),
                 "Per byte read from or written to DRAM")
          .param("per_byte_shared_sram", &EnergySpec::per_byte_shared_sram, energy(),
                 Use::defaults("0 pJ"), "Per byte of shared SRAM traffic")
          .param("per_byte_local", &EnergySpec::per_byte_local, energy(), Use::defaults("0 pJ"),
                 "Per byte of local SRAM or cache traffic")
          .param("per_byte_link", &EnergySpec::per_byte_link, energy(), Use::defaults("0 pJ"),
                 "Per byte sent over a link to another device")
          .param("static_power", &EnergySpec::static_power, config::quantity(Quantity::kPower),
                 Use::defaults("0 W"), "Whole device, while it runs");
  return schema;
}

const ComponentSchema<DeviceSpec>& device_schema() {
  static const auto schema =
      ComponentSchema<DeviceSpec>(
          "device", "One chip or board: its PUs, DMA engines, interconnect and memories")
          .param("name", &DeviceSpec::name, config::identifier(), Use::required(),
                 "Unique among the devices and links of the board")
          .param("pus", &DeviceSpec::pus, config::list_of(pu_schema(), 1), Use::required(),
                 "Processing units")
          .param("dmas", &DeviceSpec::dmas, config::list_of(dma_schema(), 0), Use::optional("none"),
                 "DMA engines")
          .param("interconnect", &DeviceSpec::interconnect,
                 config::component(interconnect_schema()), Use::required(), "The on-chip bus")
          .param("dram", &DeviceSpec::dram, config::component(dram_schema()), Use::required(),
                 "External memory")
          .param("shared_sram", &DeviceSpec::shared_sram,
                 config::optional_component(shared_sram_schema()), Use::optional("none"),
                 "On-chip shared SRAM")
          .param("energy", &DeviceSpec::energy, config::component(energy_schema()),
                 Use::optional("every energy figure is 0"), "Energy figures")
          .check(check_device);
  return schema;
}

const ComponentSchema<LinkSpec>& link_schema() {
  static const auto schema =
      ComponentSchema<LinkSpec>(
          "link",
          "A full-duplex point-to-point link between two devices (each direction has "
          "the bandwidth)")
          .param("name", &LinkSpec::name, config::identifier(), Use::required(),
                 "Unique among the devices and links of the board")
          .param("from", &LinkSpec::from, config::identifier(), Use::required(), "One device")
          .param("to", &LinkSpec::to, config::identifier(), Use::required(), "The other device")
          .param("bandwidth", &LinkSpec::bandwidth, config::quantity(Quantity::kBandwidth),
                 Use::required(), "Per direction")
          .param("latency", &LinkSpec::latency, config::quantity(Quantity::kTime),
                 Use::defaults("0 ns"), "Per transfer, once");
  return schema;
}

}  // namespace hsim::sim
