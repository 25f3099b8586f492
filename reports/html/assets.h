#pragma once

// report.html's style sheet and script, compiled in from reports/html/report.css and report.js
// (CMake embeds them as raw string literals, see reports/CMakeLists.txt): edit those files.
namespace hsim::reports::html {

extern const char* const kReportCss;
extern const char* const kReportJs;

}  // namespace hsim::reports::html
