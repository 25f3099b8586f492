#include "board/board_spec.h"

namespace hsim::sim {

std::string_view pu_kind_name(PuKind kind) {
  switch (kind) {
    case PuKind::kCpu: return "cpu";
    case PuKind::kNpu: return "npu";
    case PuKind::kDsp: return "dsp";
  }
  return "?";
}

std::string_view dataflow_name(Dataflow dataflow) {
  switch (dataflow) {
    case Dataflow::kOutputStationary: return "os";
    case Dataflow::kWeightStationary: return "ws";
    case Dataflow::kInputStationary: return "is";
  }
  return "?";
}

std::string_view arbitration_name(Arbitration arbitration) {
  switch (arbitration) {
    case Arbitration::kRoundRobin: return "round-robin";
    case Arbitration::kFifo: return "fifo";
    case Arbitration::kFixedPriority: return "fixed-priority";
  }
  return "?";
}

}  // namespace hsim::sim
