#pragma once

// Board files: YAML in the schema of board_schemas.h (documented in hw_configs/README.md and
// printed by `hsim describe`) -> the resolved BoardSpec.
#include <string>
#include <string_view>
#include <vector>

#include "board/board_spec.h"

namespace hsim::sim {

// Reads a board file, applies `overrides` ("key.path=value", config/overrides.h) in order,
// fills defaults, converts units, checks every value and cross reference, and rejects any key
// the schema does not know. Throws InputError whose `where` is `file:line` (or the --set that
// supplied the value) and whose message starts with the key path:
//   hw.yaml:14: devices.soc.pus.npu.clok: unknown key 'clok' (did you mean 'clock'?); ...
// BoardSpec::source is `path`.
BoardSpec load_board_file(const std::string& path, const std::vector<std::string>& overrides = {});

// The same for YAML text in memory; `origin` names it in messages and in BoardSpec::source.
BoardSpec load_board_text(std::string_view yaml, const std::string& origin,
                          const std::vector<std::string>& overrides = {});

// The resolved board as a board file: every parameter written out, defaults included, values
// with units. Loading it gives the same BoardSpec.
std::string resolved_board_yaml(const BoardSpec& board);

}  // namespace hsim::sim
