// `hsim import-profile --format nestc|ort FILE --net N.onnx --out P.yaml [--pu KIND] [--dtype T]
// [--threads N]`: a PartitionTuner/NEST-C or ONNX Runtime profile turned into hsim's, matched
// against the network it was measured on; what did not match is listed.
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "common/error.h"
#include "profile/profile_file.h"
#include "profile/profile_import.h"

namespace hsim::cli {

namespace {

struct ImportCommandOptions {
  std::string format;
  std::string file;
  std::string net;
  std::string out;
  std::string pu;
  std::string dtype;
  int threads = 1;
  std::vector<std::string> input_shapes;
};

sim::PuKind pu_kind_named(const std::string& name) {
  for (sim::PuKind kind : {sim::PuKind::kCpu, sim::PuKind::kNpu, sim::PuKind::kDsp})
    if (sim::pu_kind_name(kind) == name) return kind;
  throw InputError("--pu " + name, "expected cpu, npu or dsp");
}

sim::DType dtype_named(const std::string& name) {
  for (int code = 0; code < 32; ++code)
    if (auto type = sim::dtype_from_onnx(code); type && sim::dtype_name(*type) == name) return *type;
  throw InputError("--dtype " + name, "unknown element type (fp32, fp16, int8, ...)");
}

int run_import(const ImportCommandOptions& options) {
  const sim::LoadedNetwork loaded = load_network(options.net, options.input_shapes);
  sim::ImportOptions import;
  import.pu_given = !options.pu.empty();
  if (import.pu_given) import.pu = pu_kind_named(options.pu);
  import.threads = options.threads;
  sim::ImportResult result;
  if (options.format == "nestc") {
    result = sim::import_nestc_profile(options.file, loaded.network, import);
  } else {
    if (!import.pu_given) import.pu = sim::PuKind::kCpu;
    result = sim::import_ort_profile(options.file, loaded.network, import);
  }
  // The dtype: as given, else the PU's usual one (fp32 on a CPU, int8 on an accelerator).
  const sim::DType dtype = !options.dtype.empty() ? dtype_named(options.dtype)
                           : result.profile.entries.empty() || result.profile.entries.front().pu == sim::PuKind::kCpu
                               ? sim::DType::kFloat32
                               : sim::DType::kInt8;
  if (dtype != import.dtype) {
    for (auto& entry : result.profile.entries) entry.dtype = dtype;
  }
  auto out = open_output(options.out);
  out << sim::profile_yaml(result.profile);
  out.close();

  size_t non_view = 0;
  for (const sim::Op& op : loaded.network.ops()) non_view += op.cost.is_view ? 0 : 1;
  std::cout << fmt::format("{}: {} entries for {}; {} of {} ops matched\n", options.file,
                           result.profile.entries.size(), options.net,
                           non_view - result.unmatched_ops.size(), non_view);
  if (!result.unmatched_ops.empty()) {
    std::map<std::string, std::pair<int, std::string>> by_type;
    for (sim::OpId id : result.unmatched_ops) {
      auto& entry = by_type[loaded.network.op(id).type];
      if (entry.first++ == 0) entry.second = loaded.network.op(id).name;
    }
    std::cout << "Not in the profile (the kernel models price them):";
    for (const auto& [type, entry] : by_type)
      std::cout << fmt::format(" {} {} (e.g. {});", type, entry.first, entry.second);
    std::cout << '\n';
  }
  if (!result.unused_keys.empty()) {
    std::cout << "Entries of the file no op of the network has:\n";
    for (const auto& key : result.unused_keys) std::cout << "  " << key << '\n';
  }
  std::cout << "Wrote " << options.out << '\n';
  return 0;
}

}  // namespace

Command add_import_profile_command(CLI::App& app) {
  auto options = std::make_shared<ImportCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import-profile", "Turn a PartitionTuner/NEST-C or ONNX Runtime profile into hsim's");
  cmd->add_option("--format", options->format, "nestc (PartitionTuner YAML) or ort (ONNX Runtime JSON)")
      ->required()
      ->check(CLI::IsMember({"nestc", "ort"}));
  cmd->add_option("file", options->file, "The profile to import")->required();
  cmd->add_option("--net", options->net, "The ONNX model it was measured on")->required();
  cmd->add_option("--out", options->out, "hsim profile to write (YAML)")->required();
  cmd->add_option("--pu", options->pu,
                  "PU kind it was measured on: cpu, npu or dsp (default: NEST-C's backendName; cpu for ort)");
  cmd->add_option("--dtype", options->dtype,
                  "Element type the kernels computed in (default fp32 on a CPU, int8 otherwise)");
  cmd->add_option("--threads", options->threads, "Thread count it was measured with (default 1)")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--input-shape", options->input_shapes, "Bind a graph input, NAME=DxDx...");
  return {cmd, [options] { return run_import(*options); }};
}

}  // namespace hsim::cli
