// hsim's profile file: round trip and strict reading.
#include "profile/profile_file.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "support/input_error.h"

using namespace hsim::sim;

namespace {

MeasuredProfile sample_profile() {
  MeasuredProfile p;
  p.source = "hsim profile --net x.onnx --out p.yaml";
  p.machine = "test machine, 2 cores";
  ProfileEntry conv;
  conv.signature =
      "Conv fp32[1x3x8x8] fp32[4x3x3x3] kernel=3x3 stride=1x1 pads=1x1x1x1 dilations=1x1 group=1";
  conv.times = {{1, 123'456'789}, {2, 70'000'001}};  // odd picoseconds survive the round trip
  conv.repetitions = 5;
  conv.example = "/conv";
  ProfileEntry group;
  group.signature = conv.signature + " + Relu fp32[1x4x8x8]";
  group.pu = PuKind::kNpu;
  group.dtype = DType::kInt8;
  group.times = {{1, 1}};
  p.entries = {conv, group};
  return p;
}

std::string error_of(const std::string& yaml) {
  return hsim::testing::input_error_of([&] { parse_profile_text(yaml, "p.yaml"); });
}

}  // namespace

TEST(ProfileFile, RoundTripKeepsEveryField) {
  const MeasuredProfile p = sample_profile();
  const MeasuredProfile back = parse_profile_text(profile_yaml(p), "round.yaml");
  EXPECT_EQ(back.source, p.source);
  EXPECT_EQ(back.machine, p.machine);
  ASSERT_EQ(back.entries.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(back.entries[i].signature, p.entries[i].signature);
    EXPECT_EQ(back.entries[i].pu, p.entries[i].pu);
    EXPECT_EQ(back.entries[i].dtype, p.entries[i].dtype);
    EXPECT_EQ(back.entries[i].times, p.entries[i].times);
    EXPECT_EQ(back.entries[i].repetitions, p.entries[i].repetitions);
    EXPECT_EQ(back.entries[i].example, p.entries[i].example);
  }
  EXPECT_EQ(profile_yaml(back), profile_yaml(p));
}

TEST(ProfileFile, ReadsHandWrittenUnits) {
  const MeasuredProfile p = parse_profile_text(
      "profile: 1\nentries:\n  - {op: 'Relu fp32[1x4]', pu: cpu, times: {1: 2.5 ms, 4: 800 ns}}\n",
      "p.yaml");
  ASSERT_EQ(p.entries.size(), 1u);
  EXPECT_EQ(p.entries[0].dtype, DType::kFloat32);  // the default
  EXPECT_EQ(p.entries[0].times.at(1), 2'500'000'000);
  EXPECT_EQ(p.entries[0].times.at(4), 800'000);
}

TEST(ProfileFile, BadInputNamesFileLineAndKey) {
  EXPECT_NE(error_of("profile: 1\nentries:\n  - {op: Relu, pu: cpu, times: {1: 2 ms}, speed: 3}\n")
                .find("p.yaml:3: entries[0].speed: unknown key 'speed'"),
            std::string::npos);
  EXPECT_NE(error_of("profile: 1\nentries:\n  - {op: Relu, pu: cpu, times: {1: 2}}\n")
                .find("p.yaml:3: entries[0].times.1: expected a time"),
            std::string::npos);
  EXPECT_NE(error_of("profile: 1\nentries:\n  - {op: Relu, pu: cpu, times: {zero: 2 ms}}\n")
                .find("p.yaml:3: entries[0].times.zero: expected a whole number"),
            std::string::npos);
  EXPECT_NE(error_of("profile: 1\nentries:\n  - {op: Relu, pu: gpu, times: {1: 2 ms}}\n")
                .find("entries[0].pu: expected cpu | npu | dsp, got 'gpu'"),
            std::string::npos);
  EXPECT_NE(error_of("profile: 1\nentries:\n  - {op: Relu, pu: cpu, times: {1: 2 ms}}\n"
                     "  - {op: Relu, pu: cpu, times: {2: 1 ms}}\n")
                .find("p.yaml:4: entries[1].op: listed twice"),
            std::string::npos);
  EXPECT_NE(error_of("entries: []\n").find("profile: missing"), std::string::npos);
  EXPECT_NE(error_of("profile: 2\nentries: []\n").find("unknown profile format version"),
            std::string::npos);
}
