#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "graph/network.h"
#include "platform/platform.h"
#include "schedule/schedule.h"
#include "schedule/schedule_runner.h"

namespace hsim::reports {

// One strategy that ran, as the report compares it. Pointers, not copies: the caller keeps the
// schedules and results alive while the report is written.
struct ReportStrategy {
  std::string name;
  const sim::Schedule* schedule = nullptr;
  const sim::ScheduleResult* result = nullptr;
};

struct ReportMetadata {
  std::string network;  // as the user gave it, e.g. "models/resnet50.onnx"
  std::string version;  // HSIM_VERSION
  std::string command_line;
  std::string timestamp;  // written on a line of its own, the only part that varies by run
};

// A self-contained HTML report of a run (report.html): inline CSS and vanilla JS, the data
// embedded as JSON in <script type="application/json" id="hsim-data">, no external resources,
// so it opens offline from disk. It shows a header (net, board, strategy, latency, throughput,
// energy, version, command line), the comparison of `strategies` (table and one bar each) and,
// for strategies[detailed], a Gantt chart (one lane per core that ran ops and one per DMA/port
// channel that moved data; one bar per entry of ScheduleResult::ops), utilisation per core,
// memory bandwidth over time (200 bins), bytes per memory level, the energy breakdown and a
// sortable per-op table saying whether each op was compute- or memory-bound and what it waited on.
//
// The output depends only on the arguments, and the timestamp is confined to one line holding
// `data-hsim-timestamp`: two reports of the same run differ in that line only.
void write_html_report(const sim::Network& net, const sim::BoardSpec& board,
                       const std::vector<sim::CoreInfo>& cores,
                       const std::vector<ReportStrategy>& strategies, size_t detailed,
                       const ReportMetadata& metadata, std::ostream& out);

// The current UTC time as ISO 8601 ("2024-05-01T12:00:00Z"), for ReportMetadata::timestamp.
std::string utc_timestamp_now();

}  // namespace hsim::reports
