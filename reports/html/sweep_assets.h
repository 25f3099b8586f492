#pragma once

// sweep.html's style sheet (added to report.css) and script, compiled in from
// reports/html/sweep.css and sweep.js (CMake embeds them as raw string literals, see
// reports/CMakeLists.txt): edit those files.
namespace hsim::reports::html {

extern const char* const kSweepCss;
extern const char* const kSweepJs;

}  // namespace hsim::reports::html
