#pragma once

#include <ostream>

#include "graph/network.h"
#include "platform/platform.h"
#include "schedule/schedule_runner.h"

namespace hsim::reports {

// A Chrome/Perfetto trace (JSON object format) of one simulated schedule:
// - one process per device, one thread (track) per core that ran ops and one per DMA/port
//   channel that moved data, all named with metadata ("M") events;
// - every op as a complete event ("X") on its core's track, every transfer on its channel's;
// - a counter track ("C") per device with the DRAM bandwidth in GB/s, summed over the transfers
//   in flight (each spread evenly over its duration).
// `ts` and `dur` are microseconds, as the format requires; events on a track never overlap.
void write_perfetto_trace(const sim::Network& net, const sim::BoardSpec& board,
                          const std::vector<sim::CoreInfo>& cores,
                          const sim::ScheduleResult& result, std::ostream& out);

}  // namespace hsim::reports
