#pragma once

// The YAML adapter: the only code that sees yaml-cpp. It turns YAML text into hsim's
// configuration tree (config_node.h) and a tree back into YAML text.
#include <string>
#include <string_view>

#include "config/config_node.h"

namespace hsim::config {

// Reads one YAML document from a file. Throws InputError naming the file for a missing,
// unreadable or directory path, and `file:line:column` for malformed YAML, a duplicate key, a
// key that is not a plain value, or more than one document. An empty file gives a null node.
Node load_yaml_file(const std::string& path);

// The same for text in memory; `origin` stands for the file name in marks and messages.
Node parse_yaml_text(std::string_view text, const std::string& origin);

// Block-style YAML for a tree; maps and lists that hold only short scalars are written on one
// line in flow style ({a: 1, b: 2}, [x, y]). Scalars are quoted where YAML needs it.
std::string emit_yaml(const Node& root);

}  // namespace hsim::config
