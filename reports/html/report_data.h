#pragma once

// The data behind report.html, as JSON the page's script draws from. Quantities stay integers in
// base units (ps, bytes, fJ) so the file is exact and byte-for-byte reproducible; only rates and
// shares are rounded decimals. Long lists are tables, {"fields": [...], "rows": [[...], ...]},
// which keeps ResNet-50's report far below 2 MB.
#include <nlohmann/json.hpp>

#include "reports/html_report.h"

namespace hsim::reports::html {

struct ReportInputs {
  const sim::Network& net;
  const sim::BoardSpec& board;
  const std::vector<sim::CoreInfo>& cores;
  const std::vector<ReportStrategy>& strategies;
  size_t detailed;  // index into strategies of the one drawn in detail
  const ReportMetadata& metadata;

  const sim::ScheduleResult& result() const { return *strategies.at(detailed).result; }
};

// "meta", "summary", "strategies" (one entry each, in the given order), "cores" (those that ran
// ops: compute time, finish, MACs), "memory" (bytes per memory level and link), "energy" (fJ per
// part, summing to the run's energy).
nlohmann::json overview_data(const ReportInputs& in);

// "lanes" (cores that ran ops, then DMA/port channels that moved data, device by device), "ops"
// (each op that ran: name, type, shapes, MACs), "timings" (one row per ScheduleResult::ops entry,
// with when its inputs were ready and what it waited on), "transfers" (each channel's busy
// intervals, merged across gaps under 1/2000 of the run), "bandwidth" (per device, bytes moved
// through DMA and ports in 200 equal time bins, as GB/s).
nlohmann::json timeline_data(const ReportInputs& in);

// A table as {"fields": fields, "rows": []}.
nlohmann::json table(std::initializer_list<const char*> fields);

// Rounded to `places` decimals, so rates print short and identically on every run.
double rounded(double value, int places);

}  // namespace hsim::reports::html
