#pragma once

// What several commands do the same way: load a network with --input-shape bindings (warnings to
// stderr), create output folders and files with InputError on failure, and pick the fidelity of
// the platforms they simulate on.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "onnx/onnx_loader.h"
#include "platform/platform_options.h"

namespace CLI {
class App;
}

namespace hsim::cli {

sim::LoadedNetwork load_network(const std::string& path, const std::vector<std::string>& input_shapes);
std::filesystem::path make_folder(const std::filesystem::path& path);
std::ofstream open_output(const std::filesystem::path& path);

// `--fidelity fast|board` and `--burst N`: transactions of at least 32 KiB (fast, the default),
// each engine's own burst from the board (board), or N bytes everywhere (64 is the finest).
struct FidelityOptions {
  std::string fidelity = "fast";
  int64_t burst = 0;
  sim::PlatformOptions platform_options() const;
};
void add_fidelity_options(CLI::App* cmd, FidelityOptions& options);

}  // namespace hsim::cli
