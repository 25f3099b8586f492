// `hsim validate` and `hsim describe`, run as the real binary (HSIM_BINARY): exit codes, the
// one-line error format, overrides from the command line, the resolved form reading back, and
// the schema listing agreeing with the schema and with hw_configs/README.md.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "board/board_schemas.h"
#include "config/units.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

namespace {

using hsim::testing::count_lines;
using hsim::testing::read_text;
using hsim::testing::RunResult;
using hsim::testing::write_file;

const std::string kBoards = std::string(HSIM_MODELS_DIR) + "/../hw_configs/";
const char* const kShipped[] = {"default", "rk3588", "zcu102", "c6678", "c6678_cluster"};

#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text)

RunResult run_hsim(const std::vector<std::string>& args) {
  return hsim::testing::run_program(HSIM_BINARY, args);
}

// Exit code 2, nothing on stdout, and exactly `line` + newline on stderr.
void expect_error_line(const RunResult& r, const std::string& line) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_EQ(r.err.rfind(line, 0), 0u) << "expected to start with: " << line << "\ngot: " << r.err;
}

// The resolved YAML: stdout without its leading comment lines.
std::string resolved_part(const std::string& out) {
  size_t at = 0;
  while (at < out.size() && out[at] == '#') at = out.find('\n', at) + 1;
  return out.substr(at);
}

const char* const kBoard = R"(name: cli
devices:
  - name: soc
    pus:
      - name: npu
        kind: npu
        clock: 1 GHz
        compute: {int8: {macs_per_cycle: 64}}
        array: {size: 8x8}
        local_sram: 64 KiB
    interconnect: {bandwidth: 10 GB/s}
    dram: {bandwidth: 5 GB/s, latency: 90 ns, size: 1 GiB}
)";

TEST(ValidateCli, EveryShippedBoardIsValid) {
  for (const char* name : kShipped) {
    const std::string path = kBoards + name + ".yaml";
    const RunResult r = run_hsim({"validate", "--hw", path});
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_CONTAINS(r.out, "# " + path + ": board '" + name + "' is valid.");
    EXPECT_CONTAINS(r.out, std::string("\nname: ") + name + "\n");
  }
}

TEST(ValidateCli, ResolvedFormIsAValidBoardThatResolvesToItself) {
  for (const char* name : kShipped) {
    const RunResult first = run_hsim({"validate", "--hw", kBoards + name + ".yaml"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string resolved = write_file(std::string(name) + ".resolved.yaml", first.out);
    const RunResult second = run_hsim({"validate", "--hw", resolved});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(resolved_part(second.out), resolved_part(first.out)) << name;
  }
}

TEST(ValidateCli, PrintsEveryValueWithItsUnitAndDefaults) {
  const RunResult r = run_hsim({"validate", "--hw", write_file("cli.yaml", kBoard)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Written values, with units, and defaults the file left out.
  EXPECT_CONTAINS(r.out, "clock: 1 GHz");
  EXPECT_CONTAINS(r.out, "local_sram: 64 KiB");
  EXPECT_CONTAINS(r.out, "latency: 90 ns");
  EXPECT_CONTAINS(r.out, "count: 1");
  EXPECT_CONTAINS(r.out, "{size: 8x8, dataflow: os}");
  EXPECT_CONTAINS(r.out, "arbitration: round-robin");
  EXPECT_CONTAINS(r.out, "dispatch_overhead: 0 ps");
  EXPECT_CONTAINS(r.out, "supported_ops: all");
  // Peak: 1 core x 1 GHz x 64 MACs = 64 GMAC/s = 128 GOPS.
  EXPECT_CONTAINS(r.out, "soc.npu  1 x 1 GHz x 64 int8 MACs = 64 GMAC/s (128 GOPS)");
}

TEST(ValidateCli, SetOverridesAValue) {
  const RunResult r =
      run_hsim({"validate", "--hw", write_file("cli.yaml", kBoard), "--set",
                "devices.soc.dram.bandwidth=12.8 GB/s", "--set", "devices[0].pus.npu.count=3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_CONTAINS(r.out, "bandwidth: 12.8 GB/s");
  EXPECT_CONTAINS(r.out, "count: 3");
  EXPECT_CONTAINS(r.out, "# with --set devices.soc.dram.bandwidth=12.8 GB/s");
  // 3 cores x 1 GHz x 64 MACs = 192 GMAC/s.
  EXPECT_CONTAINS(r.out, "= 192 GMAC/s");
}

TEST(ValidateCli, BadBoardGivesOneLineWithFileLineAndKeyPath) {
  std::string yaml = kBoard;
  yaml.replace(yaml.find("clock: 1 GHz"), 12, "clock: 1 GB");
  const std::string path = write_file("bad_unit.yaml", yaml);
  expect_error_line(run_hsim({"validate", "--hw", path}),
                    "hsim: error: " + path +
                        ":7: devices.soc.pus.npu.clock: expected a frequency "
                        "such as '1.2 GHz', got '1 GB'");

  yaml = kBoard;
  yaml.replace(yaml.find("local_sram"), 10, "local_sram_size");
  const std::string typo = write_file("typo.yaml", yaml);
  expect_error_line(run_hsim({"validate", "--hw", typo}),
                    "hsim: error: " + typo +
                        ":10: devices.soc.pus.npu.local_sram_size: unknown "
                        "key 'local_sram_size' (did you mean 'local_sram'?)");
}

TEST(ValidateCli, BadOverridesGiveOneLineNamingTheSet) {
  const std::string path = write_file("cli.yaml", kBoard);
  expect_error_line(run_hsim({"validate", "--hw", path, "--set", "devices.soc.dram.sise=1 GiB"}),
                    "hsim: error: --set 'devices.soc.dram.sise=1 GiB': devices.soc.dram.sise: "
                    "unknown key 'sise' (did you mean 'size'?)");
  expect_error_line(run_hsim({"validate", "--hw", path, "--set", "devices.soc.dram.size=-1 GiB"}),
                    "hsim: error: --set 'devices.soc.dram.size=-1 GiB': devices.soc.dram.size: "
                    "expected a size above zero, got '-1 GiB'");
  expect_error_line(run_hsim({"validate", "--hw", path, "--set", "devices.main.dram.size=1 GiB"}),
                    "hsim: error: --set 'devices.main.dram.size=1 GiB': no item named 'main' in "
                    "'devices' (names there: soc)");
}

TEST(ValidateCli, MissingFileMalformedYamlAndUsage) {
  const std::string missing = hsim::testing::temp_path("missing.yaml");
  expect_error_line(run_hsim({"validate", "--hw", missing}),
                    "hsim: error: " + missing + ": cannot be read");
  const std::string broken = write_file("broken.yaml", "name: x\ndevices: [\n");
  const RunResult r = run_hsim({"validate", "--hw", broken});
  expect_error_line(r, "hsim: error: " + broken + ":3:1: malformed YAML");
  const RunResult usage = run_hsim({"validate"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_CONTAINS(usage.err, "--hw");
}

TEST(ValidateCli, ReadmeExampleBoardIsValid) {
  const std::string readme = read_text(kBoards + "README.md");
  const size_t begin = readme.find("```yaml\n");
  ASSERT_NE(begin, std::string::npos);
  const size_t body = begin + 8;
  const std::string example = readme.substr(body, readme.find("```", body) - body);
  const RunResult r = run_hsim({"validate", "--hw", write_file("readme_example.yaml", example)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(DescribeCli, ListsEveryKindEveryKeyAndEveryUnit) {
  const RunResult r = run_hsim({"describe"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const std::vector<std::string> kinds = {"board", "device",      "pu",     "compute",
                                          "array", "cache",       "dma",    "interconnect",
                                          "dram",  "shared_sram", "energy", "link"};
  const auto infos = hsim::sim::board_component_infos();
  ASSERT_EQ(infos.size(), kinds.size());
  for (size_t k = 0; k < kinds.size(); ++k) {
    EXPECT_EQ(infos[k].kind, kinds[k]);
    EXPECT_CONTAINS("\n" + r.out, "\n" + kinds[k] + ": ");
    for (const auto& param : infos[k].params) EXPECT_CONTAINS(r.out, "  " + param.key + " ");
  }
  for (const char* fact : {"clock", "frequency", "required", "4 KiB", "round-robin", "npu, dsp"})
    EXPECT_CONTAINS(r.out, fact);
  for (auto quantity : hsim::config::all_quantities())
    EXPECT_CONTAINS(r.out, hsim::config::unit_list(quantity));
}

TEST(DescribeCli, OneKindOnly) {
  const RunResult r = run_hsim({"describe", "dram"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("dram: ", 0), 0u) << r.out;
  EXPECT_EQ(r.out.find("pu: "), std::string::npos);
  expect_error_line(run_hsim({"describe", "gpu"}), "hsim: error: no component kind 'gpu'");
}

TEST(DescribeCli, ReadmeSchemaIsTheMarkdownListing) {
  const RunResult r = run_hsim({"describe", "--markdown"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string readme = read_text(kBoards + "README.md");
  const std::string begin = "<!-- hsim describe --markdown: begin -->\n";
  const std::string end = "<!-- hsim describe --markdown: end -->";
  const size_t from = readme.find(begin);
  const size_t to = readme.find(end);
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  EXPECT_EQ(readme.substr(from + begin.size(), to - from - begin.size()), r.out)
      << "hw_configs/README.md is out of date: paste `hsim describe --markdown` between the "
         "markers";
}

}  // namespace
