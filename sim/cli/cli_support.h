#pragma once

// What several commands do the same way: load a network with --input-shape bindings (warnings to
// stderr), and create output folders and files with InputError on failure.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "onnx/onnx_loader.h"

namespace hsim::cli {

sim::LoadedNetwork load_network(const std::string& path, const std::vector<std::string>& input_shapes);
std::filesystem::path make_folder(const std::filesystem::path& path);
std::ofstream open_output(const std::filesystem::path& path);

}  // namespace hsim::cli
