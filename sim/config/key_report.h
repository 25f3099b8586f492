#pragma once

// Unknown keys are errors, never silently ignored: a typo such as `clok:` must not leave the
// clock at its default. A reader checks each map it opens against the keys it accepts there
// (check_keys); after conversion, report_unused walks the whole tree for any entry no reader
// used, which also catches maps no reader opened with a key list.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_node.h"
#include "config/cursor.h"

namespace hsim::config {

// Records `allowed` on the map at `map` and throws for its first key not in `allowed`:
//   file:line: devices.soc.pus.npu.clok: unknown key 'clok' (did you mean 'clock'?); allowed
//   here: name, kind, count, clock, ...
void check_keys(const Cursor& map, const std::vector<std::string>& allowed);

// Throws the same error for the first map entry (in file order) that no reader used.
void report_unused(const Node& root);

// The candidate closest to `word` if it is a plausible typo of it (edit distance at most 2 and
// less than the word's length, ignoring case; else one containing the word or contained in it,
// at least 4 letters long), or nullopt.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

}  // namespace hsim::config
