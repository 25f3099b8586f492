#pragma once

// What hsim's HTML pages share: escaping, JSON embedded in a script element, the page's head with
// the error recorder the browser tests read, header facts, the one timestamp line, and the run
// report's sections (markup drawn by report.js), so that a search report can embed a run's.
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace hsim::reports::html {

std::string escape_html(const std::string& text);

// <script type="application/json" id="ID">...</script>: "<" is written as \u003c, which reads
// the same in JSON strings (the only place it can occur), so no op name closes the element.
void write_json_script(std::ostream& out, const char* id, const nlohmann::json& data);

// From <!DOCTYPE html> to the opening of <body>, with `css` inline, then a script that shows
// uncaught errors and console.error calls at the top of the page and counts them in
// #hsim-status (data-errors), where the browser tests read them.
void write_page_start(std::ostream& out, const std::string& title, const std::string& css);

// One "title: value" entry of a header's <dl class="facts">.
std::string fact(const char* title, const std::string& value);

// The only line of a page that differs between two runs: it holds `data-hsim-timestamp`.
std::string timestamp_line(const std::string& timestamp);

// The run report's sections for the strategy drawn in detail (`name`): strategy comparison,
// Gantt chart, utilisation, bandwidth, bytes per level, energy and the op table. report.js draws
// them from the run data in #hsim-data; the page needs #tip and #hsim-status (write_page_end).
void write_run_sections(std::ostream& out, const std::string& name);

// The hover tip and #hsim-status, which every page's scripts use.
void write_page_end_elements(std::ostream& out);

}  // namespace hsim::reports::html
