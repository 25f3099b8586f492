// `hsim trace`: write the kernel traces the models derive for a network on one PU.
// `hsim run-trace`: simulate kernel traces (hsim's or the user's own) on one core of a board.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <systemc>

#include "board/board_file.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "common/error.h"
#include "kernels/kernel_model.h"
#include "onnx/onnx_loader.h"
#include "platform/platform.h"
#include "reports/format.h"
#include "reports/table.h"
#include "trace/trace_io.h"

namespace hsim::cli {

namespace {

struct TraceOptions {
  std::string hw;
  std::string net;
  std::string pu;
  std::string out;
  std::vector<std::string> overrides;
  std::vector<std::string> input_shapes;
};

const sim::PuSpec& find_pu(const sim::BoardSpec& board, const std::string& name) {
  std::string known;
  for (const auto& device : board.devices)
    for (const auto& pu : device.pus) {
      if (pu.name == name || device.name + "." + pu.name == name) return pu;
      known += (known.empty() ? "" : ", ") + device.name + "." + pu.name;
    }
  throw InputError("--pu " + name, "no such PU on board '" + board.name + "' (PUs: " + known + ")");
}

int run_trace(const TraceOptions& options) {
  const sim::BoardSpec board = sim::load_board_file(options.hw, options.overrides);
  const sim::LoadedNetwork loaded = load_network(options.net, options.input_shapes);
  const sim::PuSpec& pu = find_pu(board, options.pu);

  std::vector<sim::KernelTrace> traces;
  for (const sim::Op& op : loaded.network.ops()) {
    if (!pu.supports(op.type))
      throw InputError(options.net, fmt::format("op '{}' ({}) is not supported by PU '{}'",
                                                op.name, op.type, options.pu));
    sim::KernelTrace trace = sim::build_kernel_trace(loaded.network, op, pu);
    trace.name = op.name;
    traces.push_back(std::move(trace));
  }
  if (options.out.empty() || options.out == "-") {
    sim::write_traces(std::cout, traces);
    return 0;
  }
  std::ofstream out(options.out);
  if (!out) throw InputError(options.out, "cannot be written");
  sim::write_traces(out, traces);
  if (!out.flush()) throw InputError(options.out, "write failed");
  return 0;
}

struct RunTraceOptions {
  std::string hw;
  std::string trace;
  std::string core;
  FidelityOptions fidelity;
  std::vector<std::string> overrides;
};

int run_run_trace(const RunTraceOptions& options) {
  const sim::BoardSpec board = sim::load_board_file(options.hw, options.overrides);
  const std::vector<sim::KernelTrace> traces = sim::read_trace_file(options.trace);
  if (traces.empty()) throw InputError(options.trace, "holds no kernel");
  sim::Platform platform(board, options.fidelity.platform_options());
  const auto core = platform.find_core(options.core);
  if (!core) {
    std::string known;
    for (const auto& info : platform.cores()) known += (known.empty() ? "" : ", ") + info.name;
    throw InputError("--core " + options.core, "no such core (cores: " + known + ")");
  }
  sim::CoreProgram program{*core, {}};
  for (const auto& trace : traces) program.kernels.push_back(&trace);
  const sim::RunResult result = platform.run({program});

  using reports::Table;
  Table table;
  table.add_column("#", Table::Align::kRight);
  table.add_column("kernel");
  table.add_column("end (us)", Table::Align::kRight);
  table.add_column("time (us)", Table::Align::kRight);
  table.add_column("loaded", Table::Align::kRight);
  table.add_column("stored", Table::Align::kRight);
  sim::Picoseconds previous = 0;
  const auto& ends = result.kernel_ends[*core];
  for (size_t k = 0; k < traces.size(); ++k) {
    table.add_row({std::to_string(k), traces[k].name, fmt::format("{:.3f}", ends[k] / 1e6),
                   fmt::format("{:.3f}", (ends[k] - previous) / 1e6),
                   reports::binary_bytes(traces[k].total_bytes(sim::RecordKind::kLoad)),
                   reports::binary_bytes(traces[k].total_bytes(sim::RecordKind::kStore))});
    previous = ends[k];
  }
  table.render(std::cout);
  std::cout << fmt::format("\nCore         {}\nLatency      {:.3f} us\nDRAM         {}\nEnergy       {:.3f} uJ\n",
                           options.core, result.latency / 1e6, reports::binary_bytes(result.dram_bytes),
                           result.energy / 1e9);
  return 0;
}

void add_set_option(CLI::App* cmd, std::vector<std::string>& overrides) {
  cmd->add_option("--set", overrides, "Override a board value, KEY.PATH=VALUE (repeatable)")
      ->take_all()
      ->allow_extra_args(false);
}

}  // namespace

Command add_trace_command(CLI::App& app) {
  auto options = std::make_shared<TraceOptions>();
  CLI::App* cmd = app.add_subcommand(
      "trace", "Write the kernel traces of every op of a network on one PU (text format)");
  cmd->add_option("--hw", options->hw, "Board file (YAML)")->required();
  cmd->add_option("--net", options->net, "ONNX model file")->required();
  cmd->add_option("--pu", options->pu, "PU to model, NAME or DEVICE.NAME, e.g. npu")->required();
  cmd->add_option("--out", options->out, "Trace file to write (default: standard output)");
  cmd->add_option("--input-shape", options->input_shapes, "Bind a graph input, NAME=DxDx...");
  add_set_option(cmd, options->overrides);
  return {cmd, [options] { return run_trace(*options); }};
}

Command add_run_trace_command(CLI::App& app) {
  auto options = std::make_shared<RunTraceOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run-trace", "Simulate the kernels of a trace file back to back on one core of a board");
  cmd->add_option("--hw", options->hw, "Board file (YAML)")->required();
  cmd->add_option("--trace", options->trace, "Kernel trace file (see README, Kernel traces)")
      ->required();
  cmd->add_option("--core", options->core, "Core to run on, DEVICE.PUn, e.g. soc.npu0")
      ->required();
  add_fidelity_options(cmd, options->fidelity);
  add_set_option(cmd, options->overrides);
  return {cmd, [options] { return run_run_trace(*options); }};
}

}  // namespace hsim::cli
