#include "board/board_file.h"

#include "board/board_schemas.h"
#include "config/key_report.h"
#include "config/overrides.h"
#include "config/yaml_document.h"

namespace hsim::sim {

namespace {

BoardSpec convert(config::Node tree, const std::string& origin,
                  const std::vector<std::string>& overrides) {
  config::apply_overrides(tree, overrides);
  BoardSpec board = board_schema().read(config::Cursor(tree));
  config::report_unused(tree);
  board.source = origin;
  return board;
}

}  // namespace

BoardSpec load_board_file(const std::string& path, const std::vector<std::string>& overrides) {
  return convert(config::load_yaml_file(path), path, overrides);
}

BoardSpec load_board_text(std::string_view yaml, const std::string& origin,
                          const std::vector<std::string>& overrides) {
  return convert(config::parse_yaml_text(yaml, origin), origin, overrides);
}

std::string resolved_board_yaml(const BoardSpec& board) {
  return config::emit_yaml(board_schema().write(board));
}

}  // namespace hsim::sim
