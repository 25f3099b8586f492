#include "cli/cli_support.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "common/error.h"

namespace hsim::cli {

sim::LoadedNetwork load_network(const std::string& path, const std::vector<std::string>& input_shapes) {
  sim::OnnxLoadOptions load;
  for (const auto& spec : input_shapes) sim::add_input_shape_spec(load, spec);
  sim::LoadedNetwork loaded = sim::load_onnx_file(path, load);
  for (const auto& warning : loaded.warnings) std::cerr << "hsim: warning: " << warning << '\n';
  return loaded;
}

std::filesystem::path make_folder(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) throw InputError(path.string(), "cannot be created: " + ec.message());
  return path;
}

std::ofstream open_output(const std::filesystem::path& path) {
  std::ofstream out(path);
  if (!out) throw InputError(path.string(), "cannot be written");
  return out;
}

sim::PlatformOptions FidelityOptions::platform_options() const {
  sim::PlatformOptions options;
  if (burst > 0)
    options.burst_override = burst;
  else if (fidelity == "fast")
    options.min_burst = sim::kFastTransaction;
  return options;
}

void add_fidelity_options(CLI::App* cmd, FidelityOptions& options) {
  cmd->add_option("--fidelity", options.fidelity,
                  "Transfer granularity: fast (transactions of at least 32 KiB, default) or board "
                  "(each DMA engine's own burst)")
      ->check(CLI::IsMember({"fast", "board"}));
  cmd->add_option("--burst", options.burst,
                  "Every transfer in N-byte bursts (64 is the finest fidelity); overrides --fidelity")
      ->check(CLI::PositiveNumber);
}

}  // namespace hsim::cli
