#include <iostream>
#include <sstream>

#include "board/board_schemas.h"
#include "cli/commands.h"
#include "common/error.h"
#include "config/units.h"
#include "reports/table.h"

namespace hsim::cli {

namespace {

using config::ComponentInfo;
using config::ParamInfo;
using config::Presence;
using config::Quantity;

struct DescribeOptions {
  std::vector<std::string> kinds;
  bool markdown = false;
};

std::string default_text(const ParamInfo& param) {
  switch (param.presence) {
    case Presence::kRequired:
      return "required";
    case Presence::kDefault:
      return param.default_text.empty() ? "\"\"" : param.default_text;
    case Presence::kOptional:
      return "if absent: " + param.default_text;
  }
  return "";
}

std::string variants_text(const ParamInfo& param) {
  std::string text;
  for (const std::string& variant : param.variants) text += (text.empty() ? "" : ", ") + variant;
  return text.empty() ? "all" : text;
}

std::string quantity_units(Quantity quantity) {
  const config::QuantityInfo& info = config::quantity_info(quantity);
  return config::unit_list(quantity) + (info.positive ? " (must be above zero)" : "");
}

// The table indented by two spaces under its heading.
void render_indented(const reports::Table& table) {
  std::ostringstream text;
  table.render(text);
  std::istringstream lines(text.str());
  for (std::string line; std::getline(lines, line);) std::cout << "  " << line << '\n';
}

void print_text(const std::vector<ComponentInfo>& kinds, bool with_units) {
  bool first = true;
  for (const ComponentInfo& kind : kinds) {
    if (!first) std::cout << '\n';
    first = false;
    std::cout << kind.kind << ": " << kind.description << '\n';
    reports::Table table;
    const bool variants = !kind.selector.empty();
    for (const char* title : {"key", "type", "default"}) table.add_column(title);
    if (variants) table.add_column("for " + kind.selector);
    table.add_column("description");
    for (const ParamInfo& param : kind.params) {
      std::vector<std::string> row = {param.key, param.type, default_text(param)};
      if (variants) row.push_back(variants_text(param));
      row.push_back(param.description);
      table.add_row(row);
    }
    render_indented(table);
  }
  if (!with_units) return;
  std::cout
      << "\nunits: values are written out, a number then a unit (\"1.2 GHz\", \"25.6 GB/s\")\n";
  reports::Table table;
  for (const char* title : {"quantity", "example", "units"}) table.add_column(title);
  for (Quantity quantity : config::all_quantities()) {
    const config::QuantityInfo& info = config::quantity_info(quantity);
    table.add_row({std::string(info.name), std::string(info.example), quantity_units(quantity)});
  }
  render_indented(table);
}

std::string escape_cell(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

void print_markdown(const std::vector<ComponentInfo>& kinds, bool with_units) {
  for (const ComponentInfo& kind : kinds) {
    std::cout << "#### `" << kind.kind << "`\n\n" << kind.description << ".\n\n";
    const bool variants = !kind.selector.empty();
    std::cout << "| key | type | default | " << (variants ? "for " + kind.selector + " | " : "")
              << "description |\n";
    std::cout << "|---|---|---|" << (variants ? "---|" : "") << "---|\n";
    for (const ParamInfo& param : kind.params) {
      std::cout << "| `" << param.key << "` | " << escape_cell(param.type) << " | "
                << escape_cell(default_text(param)) << " | "
                << (variants ? escape_cell(variants_text(param)) + " | " : "")
                << escape_cell(param.description) << " |\n";
    }
    std::cout << '\n';
  }
  if (!with_units) return;
  std::cout << "#### Units\n\n| quantity | example | units |\n|---|---|---|\n";
  for (Quantity quantity : config::all_quantities()) {
    const config::QuantityInfo& info = config::quantity_info(quantity);
    std::cout << "| " << info.name << " | `" << info.example << "` | " << quantity_units(quantity)
              << " |\n";
  }
}

int run_describe(const DescribeOptions& options) {
  const std::vector<ComponentInfo> all = sim::board_component_infos();
  std::vector<ComponentInfo> chosen;
  for (const std::string& name : options.kinds) {
    bool found = false;
    for (const ComponentInfo& kind : all)
      if (kind.kind == name) {
        chosen.push_back(kind);
        found = true;
      }
    if (!found) {
      std::string known;
      for (const ComponentInfo& kind : all) known += (known.empty() ? "" : ", ") + kind.kind;
      throw InputError("", "no component kind '" + name + "' (kinds: " + known + ")");
    }
  }
  const bool everything = options.kinds.empty();
  if (everything) chosen = all;
  if (options.markdown)
    print_markdown(chosen, everything);
  else
    print_text(chosen, everything);
  return 0;
}

}  // namespace

Command add_describe_command(CLI::App& app) {
  auto options = std::make_shared<DescribeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "describe",
      "List the component kinds of a board file with their parameters, defaults and units");
  cmd->add_option("kinds", options->kinds, "Only these kinds (board, device, pu, ...)");
  cmd->add_flag("--markdown", options->markdown, "Markdown tables (as in hw_configs/README.md)");
  return {cmd, [options] { return run_describe(*options); }};
}

}  // namespace hsim::cli
