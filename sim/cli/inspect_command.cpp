#include <fstream>
#include <iostream>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "common/error.h"
#include "graph/network_summary.h"
#include "onnx/onnx_loader.h"
#include "reports/network_report.h"

namespace hsim::cli {

namespace {

struct InspectOptions {
  std::string net;
  std::vector<std::string> input_shapes;
  std::string csv;
  bool no_table = false;
};

int run_inspect(const InspectOptions& options) {
  const sim::LoadedNetwork loaded = load_network(options.net, options.input_shapes);

  reports::print_network_summary(loaded.network, sim::summarize(loaded.network), std::cout);
  if (!options.no_table) {
    std::cout << '\n';
    reports::print_op_table(loaded.network, std::cout);
  }
  if (!options.csv.empty()) {
    std::ofstream csv = open_output(options.csv);
    reports::write_op_csv(loaded.network, csv);
    if (!csv.flush()) throw InputError(options.csv, "write failed");
  }
  return 0;
}

}  // namespace

Command add_inspect_command(CLI::App& app) {
  auto options = std::make_shared<InspectOptions>();
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Import an ONNX network and print its ops, shapes, MACs, parameters and bytes");
  cmd->add_option("--net", options->net, "ONNX model file")->required();
  cmd->add_option("--input-shape", options->input_shapes,
                  "Bind a graph input's shape, NAME=DxDx... (repeatable), e.g. input=1x3x224x224");
  cmd->add_option("--csv", options->csv, "Also write the per-op table to this CSV file");
  cmd->add_flag("--summary-only", options->no_table, "Print the summary without the per-op table");
  return {cmd, [options] { return run_inspect(*options); }};
}

}  // namespace hsim::cli
