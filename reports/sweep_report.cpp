#include "reports/sweep_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "reports/html/assets.h"
#include "reports/html/page.h"
#include "reports/html/sweep_assets.h"

namespace hsim::reports {

namespace {

using html::escape_html;
using html::fact;

constexpr const char* kSweepSections = R"(<section id="failures-section" hidden><h2>Failed jobs</h2>
<p class="note">Each failed job with hsim's one-line message (its run folder under jobs/ keeps stdout.txt and stderr.txt).</p>
<ul id="failures"></ul></section>
<section id="charts-section"><h2>Against each axis</h2>
<p class="note" id="charts-note"></p>
<div class="controls" id="chart-controls"></div>
<div class="legend" id="chart-legend"></div>
<div class="chart-grid" id="charts"></div></section>
<section id="results-section"><h2>Results</h2>
<p class="note">One row per finished job, as in results.csv (boards and nets by file name; hover for the path). Click a header to sort.</p>
<div class="table-wrap"><table id="results-table"></table></div></section>
)";

std::string stem(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

}  // namespace

void write_sweep_report(const SweepReportInputs& in, std::ostream& out) {
  for (const auto& row : in.rows)
    if (row.size() != in.columns.size())
      throw std::invalid_argument("write_sweep_report: a row has the wrong number of fields");
  if (in.axes > in.dimensions.size())
    throw std::invalid_argument("write_sweep_report: more axes than dimensions");

  nlohmann::json dims = nlohmann::json::array();
  for (const auto& [name, values] : in.dimensions)
    dims.push_back({{"name", name}, {"values", values}});
  const nlohmann::json data = {{"columns", in.columns},
                               {"dimensions", dims},
                               {"axes", in.axes},
                               {"rows", in.rows},
                               {"total", in.total_jobs}};

  size_t failed = 0;
  const size_t status = static_cast<size_t>(
      std::find(in.columns.begin(), in.columns.end(), "status") - in.columns.begin());
  for (const auto& row : in.rows)
    if (status < row.size() && row[status] != "ok") ++failed;
  auto names = [&](size_t d) {
    std::string text;
    for (const auto& v : in.dimensions.at(d).second)
      text += (text.empty() ? "" : ", ") + (d < 2 ? stem(v) : v);
    return text;
  };

  const std::string title = "Sweep " + stem(in.sweep_file);
  html::write_page_start(out, "hsim: " + title, std::string(html::kReportCss) + html::kSweepCss);
  out << "<header>\n<h1>" << escape_html(title) << "</h1>\n<dl class=\"facts\">\n"
      << fact("Jobs", fmt::format("{} of {} done", in.rows.size(), in.total_jobs))
      << fact("Failed", std::to_string(failed));
  for (size_t d = 0; d < in.dimensions.size() && d < 3; ++d)
    out << fact(d == 0 ? "Boards" : d == 1 ? "Nets" : "Strategies", names(d));
  for (size_t d = in.dimensions.size() - in.axes; d < in.dimensions.size(); ++d)
    out << "<div><dt>" << escape_html(in.dimensions[d].first) << "</dt><dd>"
        << escape_html(names(d)) << "</dd></div>\n";
  out << "</dl>\n<p class=\"cmd\"><code>" << escape_html(in.command_line) << "</code></p>\n"
      << html::timestamp_line(in.timestamp) << "</header>\n<main>\n"
      << kSweepSections << "</main>\n";
  html::write_page_end_elements(out);
  html::write_json_script(out, "hsim-data", data);
  out << "<script>\n" << html::kSweepJs << "</script>\n</body>\n</html>\n";
}

}  // namespace hsim::reports
