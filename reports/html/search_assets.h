#pragma once

// The search report's style sheet and script, compiled in from reports/html/search.css and
// search.js (CMake embeds them as raw string literals, see reports/CMakeLists.txt): edit those.
namespace hsim::reports::html {

extern const char* const kSearchCss;
extern const char* const kSearchJs;

}  // namespace hsim::reports::html
