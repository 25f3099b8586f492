#include "reports/html_report.h"

#include <fmt/format.h>

#include <ctime>

#include "reports/format.h"
#include "reports/html/assets.h"
#include "reports/html/report_data.h"

namespace hsim::reports {

namespace {

std::string escape_html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// JSON inside <script>: "<" only occurs in strings, where \u003c reads the same and no op name
// can close the element or open a comment.
std::string script_safe_json(const nlohmann::json& data) {
  const std::string text = data.dump();
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

// Installed before anything else runs: uncaught errors and console.error calls are shown at the
// top of the page and counted in #hsim-status, where the browser test reads them.
constexpr const char* kErrorRecorder = R"js(
(function () {
  function record(message) {
    var box = document.getElementById('hsim-errors');
    if (!box) {
      box = document.createElement('pre');
      box.id = 'hsim-errors';
      document.body.insertBefore(box, document.body.firstChild);
    }
    box.textContent += message + '\n';
    var status = document.getElementById('hsim-status');
    if (status) status.dataset.errors = String(+(status.dataset.errors || 0) + 1);
  }
  window.addEventListener('error', function (e) { record('error: ' + e.message + ' (line ' + e.lineno + ')'); });
  var original = console.error;
  console.error = function () {
    record('console.error: ' + Array.prototype.join.call(arguments, ' '));
    return original.apply(console, arguments);
  };
})();
)js";

std::string fact(const char* title, const std::string& value) {
  return fmt::format("<div><dt>{}</dt><dd>{}</dd></div>\n", title, escape_html(value));
}

}  // namespace

std::string utc_timestamp_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

void write_html_report(const sim::Network& net, const sim::BoardSpec& board,
                       const std::vector<sim::CoreInfo>& cores,
                       const std::vector<ReportStrategy>& strategies, size_t detailed,
                       const ReportMetadata& metadata, std::ostream& out) {
  const html::ReportInputs in{net, board, cores, strategies, detailed, metadata};
  nlohmann::json data = html::overview_data(in);
  data.update(html::timeline_data(in));
  const auto& meta = data["meta"];
  const auto& best = *strategies.at(detailed).result;
  const std::string title = fmt::format("{} on {}", meta["net"].get<std::string>(), board.name);
  const std::string name = strategies.at(detailed).name;

  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>hsim: " << escape_html(title) << " (" << escape_html(name) << ")</title>\n"
      << "<style>\n"
      << html::kReportCss << "</style>\n</head>\n<body>\n"
      << "<script>" << kErrorRecorder << "</script>\n";
  out << "<header>\n<h1>" << escape_html(title) << "</h1>\n<dl class=\"facts\">\n"
      << fact("Network", fmt::format("{} ({} ops)", metadata.network, net.ops().size()))
      << fact("Board", board.name)
      << fact("Strategy", strategies.size() > 1
                              ? fmt::format("{} (best of {})", name, strategies.size())
                              : name)
      << fact(best.inferences.size() > 1 ? "Latency per inference" : "Latency",
              fmt::format("{:.3f} ms", static_cast<double>(best.latency_per_inference()) / 1e9))
      << fact("Throughput", fmt::format("{:.1f} inferences/s", best.throughput()))
      << fact("Energy", fmt::format("{:.3f} mJ", static_cast<double>(best.run.energy) / 1e12))
      << fact("DRAM traffic", binary_bytes(best.run.dram_bytes)) << fact("hsim", metadata.version)
      << "</dl>\n"
      << "<p class=\"cmd\"><code>" << escape_html(metadata.command_line)
      << "</code></p>\n"
      // The only line that differs between two reports of the same run.
      << "<p class=\"stamp\" data-hsim-timestamp=\"" << escape_html(metadata.timestamp)
      << "\">Generated " << escape_html(metadata.timestamp) << "</p>\n</header>\n";
  out << R"(<main>
<section id="strategies"><h2>Strategies</h2>
<p class="note">Simulated latency per inference of every strategy that ran; the best is drawn in detail below.</p>
<div id="strategy-chart"></div><div class="table-wrap"><table id="strategy-table"></table></div></section>
<section id="schedule"><h2>Schedule of )"
      << escape_html(name) << R"(</h2>
<div class="controls"><label>Colour by <select id="colour-by"><option value="kind">op type</option>
<option value="group">linked group</option></select></label><button id="reset-zoom">Reset zoom</button>
<span class="hint">Wheel to zoom, drag to pan, double-click to reset; hover a bar for details.
Channel lanes show DMA and port transfers (grey: mostly loads, brown: mostly stores).</span></div>
<div id="gantt"></div><div class="legend" id="gantt-legend"></div></section>
<div class="grid">
<section><h2>Utilisation per core</h2><p class="note">Share of the run each core spent computing (blue), running ops but waiting on their data (orange), and idle.</p><div id="util"></div></section>
<section><h2>Memory bandwidth over time</h2><p class="note">Bytes moved by DMA engines and core ports per device (DRAM, and shared SRAM or links where the board has them), in 200 bins.</p><div id="bw"></div></section>
<section><h2>Bytes per memory level</h2><p class="note">Served by DRAM and shared SRAM, moved in and out of local memories, carried by links.</p><div id="memory"></div></section>
<section><h2>Energy</h2><p class="note">Dynamic energy by part plus static power over the run.</p><div id="energy"></div></section>
</div>
<section id="ops"><h2>Ops</h2>
<p class="note">One row per scheduled op (per shard and inference). Bound: compute when its kernel computed for at least half of its duration, else memory.
Waited: how long it sat before starting, for an input still being produced (the core was idle) or for the core (busy with earlier work). Click a header to sort.</p>
<div class="table-wrap"><table id="ops-table"></table></div></section>
</main>
<div id="tip" hidden></div>
<div id="hsim-status" hidden></div>
)";
  out << "<script type=\"application/json\" id=\"hsim-data\">" << script_safe_json(data)
      << "</script>\n<script>\n"
      << html::kReportJs << "</script>\n</body>\n</html>\n";
}

}  // namespace hsim::reports
