#include "board/board_checks.h"
#include "board/board_schemas.h"

namespace hsim::sim {

using config::ComponentSchema;
using config::Use;

const std::vector<std::pair<std::string, DType>>& dtype_words() {
  static const std::vector<std::pair<std::string, DType>> words = [] {
    std::vector<std::pair<std::string, DType>> list;
    for (DType type : {DType::kInt8, DType::kUInt8, DType::kInt16, DType::kUInt16, DType::kInt32,
                       DType::kUInt32, DType::kInt64, DType::kUInt64, DType::kFloat16,
                       DType::kBFloat16, DType::kFloat32, DType::kFloat64, DType::kBool})
      list.emplace_back(std::string(dtype_name(type)), type);
    return list;
  }();
  return words;
}

const ComponentSchema<BoardSpec>& board_schema() {
  static const auto schema =
      ComponentSchema<BoardSpec>("board",
                                 "A whole system: one or more devices and the links "
                                 "between them (the top level of a board file)")
          .param("name", &BoardSpec::name, config::identifier(), Use::required(),
                 "The board's name in reports")
          .param("description", &BoardSpec::description, config::text(), Use::defaults(""),
                 "One line about what it models")
          .param("devices", &BoardSpec::devices, config::list_of(device_schema(), 1),
                 Use::required(), "The devices")
          .param("links", &BoardSpec::links, config::list_of(link_schema(), 0),
                 Use::optional("none"),
                 "Links between devices; with several devices they must connect them all")
          .check(check_board);
  return schema;
}

std::vector<config::ComponentInfo> board_component_infos() {
  return {board_schema().info(),       device_schema().info(),       pu_schema().info(),
          compute_schema().info(),     array_schema().info(),        cache_schema().info(),
          dma_schema().info(),         interconnect_schema().info(), dram_schema().info(),
          shared_sram_schema().info(), energy_schema().info(),       link_schema().info()};
}

}  // namespace hsim::sim
