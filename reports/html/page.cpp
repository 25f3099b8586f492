#include "reports/html/page.h"

#include <fmt/format.h>

namespace hsim::reports::html {

namespace {

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

}  // namespace

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

void write_json_script(std::ostream& out, const char* id, const nlohmann::json& data) {
  const std::string text = data.dump();
  std::string safe;
  safe.reserve(text.size());
  for (char c : text) {
    if (c == '<')
      safe += "\\u003c";
    else
      safe += c;
  }
  out << "<script type=\"application/json\" id=\"" << id << "\">" << safe << "</script>\n";
}

void write_page_start(std::ostream& out, const std::string& title, const std::string& css) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << escape_html(title) << "</title>\n"
      << "<style>\n"
      << css << "</style>\n</head>\n<body>\n"
      << "<script>" << kErrorRecorder << "</script>\n";
}

std::string fact(const char* title, const std::string& value) {
  return fmt::format("<div><dt>{}</dt><dd>{}</dd></div>\n", title, escape_html(value));
}

std::string timestamp_line(const std::string& timestamp) {
  return "<p class=\"stamp\" data-hsim-timestamp=\"" + escape_html(timestamp) + "\">Generated " +
         escape_html(timestamp) + "</p>\n";
}

void write_run_sections(std::ostream& out, const std::string& name) {
  out << R"(<section id="strategies"><h2>Strategies</h2>
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
)";
}

void write_page_end_elements(std::ostream& out) {
  out << "<div id=\"tip\" hidden></div>\n<div id=\"hsim-status\" hidden></div>\n";
}

}  // namespace hsim::reports::html
