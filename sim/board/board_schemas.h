#pragma once

// The board-file schema: one declaration per component kind (config/component_schema.h). Each
// accessor returns the kind's schema, built once; the declarations live beside the concern they
// describe (pu_parts_schema.cpp, pu_schema.cpp, memory_schema.cpp, device_schema.cpp,
// board_schema.cpp) and their cross checks in board_checks.cpp.
#include <string>
#include <utility>
#include <vector>

#include "board/board_spec.h"
#include "config/component_schema.h"

namespace hsim::sim {

const config::ComponentSchema<ComputeRate>& compute_schema();
const config::ComponentSchema<SystolicArraySpec>& array_schema();
const config::ComponentSchema<CacheSpec>& cache_schema();
const config::ComponentSchema<PuSpec>& pu_schema();
const config::ComponentSchema<DmaSpec>& dma_schema();
const config::ComponentSchema<InterconnectSpec>& interconnect_schema();
const config::ComponentSchema<DramSpec>& dram_schema();
const config::ComponentSchema<SharedSramSpec>& shared_sram_schema();
const config::ComponentSchema<EnergySpec>& energy_schema();
const config::ComponentSchema<DeviceSpec>& device_schema();
const config::ComponentSchema<LinkSpec>& link_schema();
const config::ComponentSchema<BoardSpec>& board_schema();

// Every component kind of a board file, the board first: what `hsim describe` lists.
std::vector<config::ComponentInfo> board_component_infos();

// The element-type words of board files (int8, fp16, ...), as dtype_name() spells them.
const std::vector<std::pair<std::string, DType>>& dtype_words();

}  // namespace hsim::sim
