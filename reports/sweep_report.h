#pragma once

// sweep.html: a sweep's results as one self-contained page (inline CSS and vanilla JS, the data
// embedded as JSON in #hsim-data, nothing fetched, opens offline). It holds a header (sweep file,
// jobs done, failed and pending, the dimensions), the failed jobs with their messages, one chart
// per override axis of a metric (latency per inference by default) against the axis's values,
// one line per net and strategy, the other dimensions each fixed to a value or aggregated by
// geometric mean (controls on the page, aggregated by default), and the sortable results table.
//
// The output depends only on the inputs; the timestamp is confined to one line holding
// `data-hsim-timestamp`. Callers give rows in the sweep's job order, so the page does not depend
// on the order in which jobs finished.
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace hsim::reports {

struct SweepReportInputs {
  std::string sweep_file;  // as the user gave it
  std::string command_line;
  std::vector<std::string> columns;  // results.csv's header
  // Every job field with its values in the sweep's order: board, net, strategy, seed, then one
  // per override axis (named by its key path, as in `columns`).
  std::vector<std::pair<std::string, std::vector<std::string>>> dimensions;
  size_t axes = 0;                             // the last `axes` dimensions are override axes
  std::vector<std::vector<std::string>> rows;  // results.csv rows (each columns.size() fields)
  size_t total_jobs = 0;                       // jobs in the sweep; those without a row are pending
  std::string timestamp;
};

void write_sweep_report(const SweepReportInputs& in, std::ostream& out);

}  // namespace hsim::reports
