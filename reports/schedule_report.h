#pragma once

#include <ostream>
#include <string>

#include "graph/network.h"
#include "platform/platform.h"
#include "schedule/schedule_runner.h"

namespace hsim::reports {

// Outputs of one simulated schedule: a per-op table and summary on the console, and the same as
// CSV with raw integers (times in ps, bytes) for spreadsheets and pandas.
void print_op_timeline(const sim::Network& net, const std::vector<sim::CoreInfo>& cores,
                       const sim::ScheduleResult& result, std::ostream& out);
void print_schedule_summary(const sim::BoardSpec& board, const std::vector<sim::CoreInfo>& cores,
                            const sim::ScheduleResult& result, std::ostream& out);
void write_ops_csv(const sim::Network& net, const std::vector<sim::CoreInfo>& cores,
                   const sim::ScheduleResult& result, std::ostream& out);
// One row per core that ran something: compute and stall time, MACs, utilisation.
void write_pus_csv(const std::vector<sim::CoreInfo>& cores, const sim::ScheduleResult& result,
                   std::ostream& out);
// Busy fraction of each core that ran something: compute time / latency.
double core_utilisation(const sim::ScheduleResult& result, const std::string& core_name);

}  // namespace hsim::reports
