#pragma once

// Checks on converted board components that a single parameter's type cannot express. Each
// runs when its component has been read, with the cursor of the component's map, and raises
// errors at the key at fault:
//   compute  at least one rate above zero
//   pu       an NPU has a MAC rate for some element type
//   device   PU and DMA names unique in the device; a PU's dma names one of its DMA engines
//   board    device and link names unique; links join two different existing devices, at most
//            one link per pair; with several devices, the links connect them all
#include <string>

#include "board/board_spec.h"
#include "config/cursor.h"

namespace hsim::sim {

void check_compute_rate(const ComputeRate& rate, const config::Cursor& at);
void check_pu(const PuSpec& pu, const config::Cursor& at);
void check_device(const DeviceSpec& device, const config::Cursor& at);
void check_board(const BoardSpec& board, const config::Cursor& at);

// "" if `op_type` may be listed in supported_ops; otherwise why not. Op types hsim has no cost
// model for are accepted (they get a generic cost); a known op type spelt in another case
// ("conv") is an error.
std::string check_op_type(const std::string& op_type);

}  // namespace hsim::sim
