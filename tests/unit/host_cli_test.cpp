// `hsim profile`, `hsim import-profile`, `hsim validate-host` and `simulate --profile` through
// the real binary, on a small network (seconds, not minutes). Timings on a shared CI machine
// vary, so these check structure and sanity, never a timing bound.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "profile/profile_file.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

using hsim::testing::OnnxModelBuilder;
using hsim::testing::run_program;
using hsim::testing::set_attr;
using hsim::testing::temp_path;
using hsim::testing::write_file;

namespace {

const std::string kHost = std::string(HSIM_MODELS_DIR) + "/../hw_configs/host.yaml";

// Two branches between a stem and a join, like an inception block:
// x -> conv0 -> relu0 -> {conv_a -> relu_a, conv_b -> relu_b} -> concat -> pool -> y.
std::string branchy_net() {
  OnnxModelBuilder b;
  b.input("x", {1, 8, 32, 32}).output("y");
  b.weight("w0", {16, 8, 3, 3}).weight("wa", {16, 16, 3, 3}).weight("wb", {16, 16, 1, 1});
  auto pads = [](onnx::NodeProto& n) { set_attr(n, "pads", std::vector<int64_t>{1, 1, 1, 1}); };
  pads(b.node("Conv", {"x", "w0"}, {"c0"}, "conv0"));
  b.node("Relu", {"c0"}, {"r0"}, "relu0");
  pads(b.node("Conv", {"r0", "wa"}, {"ca"}, "conv_a"));
  b.node("Relu", {"ca"}, {"ra"}, "relu_a");
  b.node("Conv", {"r0", "wb"}, {"cb"}, "conv_b");
  b.node("Relu", {"cb"}, {"rb"}, "relu_b");
  set_attr(b.node("Concat", {"ra", "rb"}, {"cat"}, "concat"), "axis", int64_t{1});
  b.node("GlobalAveragePool", {"cat"}, {"y"}, "pool");
  return b.write("branchy.onnx");
}

double number_after(const std::string& text, const std::string& label, int index) {
  const size_t at = text.find(label);
  if (at == std::string::npos) return -1;
  std::istringstream line(text.substr(at + label.size(), text.find('\n', at) - at - label.size()));
  std::string word;
  for (int i = 0; i <= index; ++i) line >> word;
  return std::stod(word);
}

}  // namespace

TEST(HostCli, ProfileWritesSinglesAndFusedGroups) {
  const std::string net = branchy_net(), out = temp_path("branchy_profile.yaml");
  const auto r = run_program(HSIM_BINARY, {"profile", "--net", net, "--out", out, "--threads",
                                           "1,2", "--repeat", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("7 of 8 ops measured"), std::string::npos) << r.out;  // the view excepted
  const hsim::sim::MeasuredProfile profile = hsim::sim::load_profile_file(out);
  size_t groups = 0;
  for (const auto& entry : profile.entries) {
    EXPECT_EQ(entry.times.size(), 2u) << entry.signature;
    for (const auto& [threads, time] : entry.times) EXPECT_GT(time, 0) << entry.signature;
    if (entry.signature.find(" + Relu") != std::string::npos) ++groups;
  }
  EXPECT_EQ(groups, 3u);  // each conv with its relu
}

TEST(HostCli, ValidateHostPrintsPredictedMeasuredAndErrors) {
  const std::string net = branchy_net();
  const auto r = run_program(HSIM_BINARY, {"validate-host", "--net", net, "--hw", kHost,
                                           "--repeat", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* label : {"1 core, op by op", "2 cores, branches in parallel (heft)"}) {
    EXPECT_GT(number_after(r.out, label, 0), 0) << r.out;  // predicted (ms)
    EXPECT_GT(number_after(r.out, label, 1), 0) << r.out;  // measured (ms)
  }
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(speed-up\s+[0-9.]+x\s+[0-9.]+x\s+[+-][0-9.]+%)")))
      << r.out;
}

TEST(HostCli, SimulateUsesAProfileAndSaysWhatItCovers) {
  const std::string net = branchy_net();
  const std::string full = write_file(
      "branchy_full.yaml",
      "tasks:\n  - {ops: [conv0], pu: cpu}\n  - {ops: [relu0], pu: cpu}\n"
      "  - {ops: [conv_a, relu_a], pu: cpu}\n  - {ops: [conv_b], pu: cpu, cores: [1]}\n"
      "  - {ops: [relu_b], pu: cpu, cores: [1]}\n  - {ops: [pool], pu: cpu}\n");
  const std::string profile = write_file(
      "branchy.yaml",
      "profile: 1\nentries:\n  - {op: 'Relu fp32[1x16x32x32]', pu: cpu, times: {1: 5 ms}}\n");
  const auto r = run_program(HSIM_BINARY, {"simulate", "--hw", kHost, "--net", net, "--schedule",
                                           full, "--profile", profile});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // relu0, relu_a and relu_b share the signature; the rest fall back to the models.
  EXPECT_NE(r.out.find("Profile " + profile + ": 3 of 7 scheduled ops measured; modelled (not in "
                       "the profile): Conv 3 (e.g. conv0), GlobalAveragePool 1 (e.g. pool)"),
            std::string::npos)
      << r.out;
}

TEST(HostCli, BadProfilesAreOneLineErrors) {
  const std::string net = branchy_net();
  const std::string bad = write_file("bad_profile.yaml", "profile: 1\nentries:\n  - {op: Relu}\n");
  const std::string full = write_file("one.yaml", "tasks:\n  - {ops: [conv0], pu: cpu}\n");
  const auto r = run_program(HSIM_BINARY, {"simulate", "--hw", kHost, "--net", net, "--schedule",
                                           full, "--profile", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "hsim: error: " + bad + ":3: entries[0].pu: missing; the PU kind it was "
                   "measured on (cpu | npu | dsp)\n");
  const auto missing = run_program(HSIM_BINARY, {"import-profile", "--format", "ort",
                                                 temp_path("nowhere.json"), "--net", net, "--out",
                                                 temp_path("out.yaml")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nowhere.json: cannot open the profile"), std::string::npos)
      << missing.err;
}

TEST(HostCli, ImportProfileListsWhatDidNotMatch) {
  const std::string net = branchy_net();
  const std::string nestc = write_file("branchy_nestc.yaml",
                                       "backendName: CPU\n"
                                       "Convolution-1-32-32-8-float-16-3-1: 40\n"
                                       "Relu-1-32-32-16-float: 3\n"
                                       "SoftMax-1-10-float: 1\n");
  const std::string out = temp_path("imported.yaml");
  const auto r = run_program(HSIM_BINARY, {"import-profile", "--format", "nestc", nestc, "--net",
                                           net, "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("4 of 7 ops matched"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Conv 2 (e.g. conv_a)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SoftMax-1-10-float"), std::string::npos) << r.out;
  EXPECT_EQ(hsim::sim::load_profile_file(out).entries.size(), 2u);
}
