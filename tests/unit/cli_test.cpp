// Runs the real hsim binary (HSIM_BINARY) on models built in memory and checks exit codes, what
// it prints and the CSV it writes. Expected numbers come from closed forms, not from hsim.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

namespace {

using hsim::testing::count_lines;
using hsim::testing::read_text;
using hsim::testing::RunResult;
using hsim::testing::shell_quote;
using hsim::testing::OnnxModelBuilder;
using hsim::testing::set_attr;
using hsim::testing::temp_path;
using hsim::testing::write_file;

#define EXPECT_CONTAINS(text, part)                                                    \
  EXPECT_NE(std::string(text).find(part), std::string::npos)                           \
      << "expected \"" << (part) << "\" in: " << (text)

// Runs `hsim <args>` with stdout and stderr captured into separate temp files.
RunResult run_hsim(const std::vector<std::string>& args) {
  return hsim::testing::run_program(HSIM_BINARY, args);
}

// True if `text` holds something like a code address, "0x" and at least 8 hex digits.
bool has_address(const std::string& text) {
  for (size_t at = text.find("0x"); at != std::string::npos; at = text.find("0x", at + 1)) {
    size_t digits = 0;
    while (at + 2 + digits < text.size() && std::isxdigit(static_cast<unsigned char>(text[at + 2 + digits])))
      ++digits;
    if (digits >= 8) return true;
  }
  return false;
}

// A bad-input run: exit code 2, nothing on stdout, and on stderr exactly one line
// `hsim: error: ...` that contains `must_name` and nothing that looks like a crash report.
void expect_one_line_error(const RunResult& r, const std::string& must_name) {
  EXPECT_EQ(r.exit_code, 2) << "stderr: " << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(count_lines(r.err), 1u) << "stderr: " << r.err;
  EXPECT_EQ(r.err.rfind("hsim: error: ", 0), 0u) << "stderr: " << r.err;
  EXPECT_CONTAINS(r.err, must_name);
  for (const char* crash : {"terminate called", "what():", "Aborted", "Segmentation", "core dump",
                            "internal error", "Stack trace", "#0 ", "#1 ", "Assertion"})
    EXPECT_EQ(r.err.find(crash), std::string::npos) << "crash-like '" << crash << "' in: " << r.err;
  EXPECT_FALSE(has_address(r.err)) << "an address in: " << r.err;
}

// Conv(1x3x8x8 -> 4 ch, 3x3, pad 1) -> Relu -> Flatten -> Gemm(256 -> 10).
OnnxModelBuilder small_classifier(int64_t batch = 1) {
  OnnxModelBuilder b;
  b.input("x", {batch, 3, 8, 8}).weight("w", {4, 3, 3, 3}).weight("b", {4});
  b.weight("fc_w", {10, 256}).weight("fc_b", {10});
  auto& conv = b.node("Conv", {"x", "w", "b"}, {"c"}, "conv");
  set_attr(conv, "kernel_shape", std::vector<int64_t>{3, 3});
  set_attr(conv, "pads", std::vector<int64_t>{1, 1, 1, 1});
  b.node("Relu", {"c"}, {"r"}, "relu");
  set_attr(b.node("Flatten", {"r"}, {"flat"}, "flatten"), "axis", int64_t{1});
  set_attr(b.node("Gemm", {"flat", "fc_w", "fc_b"}, {"logits"}, "fc"), "transB", int64_t{1});
  b.output("logits");
  return b;
}

// Closed form for small_classifier with batch B:
//   Conv: 3x3 kernel, pad 1, stride 1 keeps 8x8, so the output is B x 4 x 8 x 8 = 256 B
//         elements, each a dot product over C x kh x kw = 3 x 3 x 3 = 27 inputs: 6912 B MACs.
//   Relu, Flatten: no MACs.
//   Gemm: [B, 256] x [256, 10] -> B x 10 outputs, each over K = 256: 2560 B MACs.
//   Total: (6912 + 2560) B = 9472 B.
constexpr int64_t kConvMacs = (4 * 8 * 8) * (3 * 3 * 3);
constexpr int64_t kGemmMacs = 10 * 256;
constexpr int64_t kTotalMacs = kConvMacs + kGemmMacs;
static_assert(kConvMacs == 6912 && kGemmMacs == 2560 && kTotalMacs == 9472);

std::string with_commas(int64_t v) {
  std::string digits = std::to_string(v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// The stdout line starting with `label`, or "" if none.
std::string line_starting_with(const std::string& text, const std::string& label) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(label, 0) == 0) return line;
  return {};
}

// RFC 4180 parsing, enough for hsim's CSV (quoted fields, doubled quotes, no embedded newlines).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          fields.back() += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          fields.back() += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  ADD_FAILURE() << "no column '" << name << "' in the CSV header";
  return 0;
}

// --- Success paths ------------------------------------------------------------------------------

TEST(Cli, InspectPrintsClosedFormMacTotal) {
  const std::string net = small_classifier().write("classifier.onnx");
  const RunResult r = run_hsim({"inspect", "--net", net});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const std::string macs_line = line_starting_with(r.out, "MACs");
  ASSERT_FALSE(macs_line.empty()) << r.out;
  EXPECT_CONTAINS(macs_line, "(" + with_commas(kTotalMacs) + ")");  // "(9,472)"
  EXPECT_CONTAINS(r.out, net);
}

TEST(Cli, InspectSummaryOnlyOmitsTable) {
  const std::string net = small_classifier().write("classifier.onnx");
  const RunResult full = run_hsim({"inspect", "--net", net});
  const RunResult summary = run_hsim({"inspect", "--net", net, "--summary-only"});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_LT(count_lines(summary.out), count_lines(full.out));
  EXPECT_CONTAINS(line_starting_with(summary.out, "MACs"), with_commas(kTotalMacs));
  // Op names appear only in the per-op table.
  EXPECT_CONTAINS(full.out, "flatten");
  EXPECT_EQ(summary.out.find("flatten"), std::string::npos) << summary.out;
}

TEST(Cli, InspectCsvHasOneRowPerOpAndMacsSumToClosedForm) {
  const std::string net = small_classifier().write("classifier.onnx");
  const std::string csv_path = temp_path("ops.csv");
  const RunResult r = run_hsim({"inspect", "--net", net, "--csv", csv_path, "--summary-only"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = parse_csv(read_text(csv_path));
  ASSERT_EQ(rows.size(), 1u + 4u);  // header + Conv, Relu, Flatten, Gemm
  const auto& header = rows[0];
  const size_t macs_col = column(header, "macs");
  const size_t op_col = column(header, "op");
  const size_t type_col = column(header, "type");
  const std::map<std::string, int64_t> expected_macs = {
      {"conv", kConvMacs}, {"relu", 0}, {"flatten", 0}, {"fc", kGemmMacs}};
  int64_t sum = 0;
  std::vector<std::string> types;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), header.size()) << "row " << i;
    const int64_t macs = std::stoll(rows[i][macs_col]);
    sum += macs;
    types.push_back(rows[i][type_col]);
    const auto expected = expected_macs.find(rows[i][op_col]);
    ASSERT_NE(expected, expected_macs.end()) << "unexpected op " << rows[i][op_col];
    EXPECT_EQ(macs, expected->second) << rows[i][op_col];
  }
  EXPECT_EQ(sum, kTotalMacs);
  EXPECT_EQ(types, (std::vector<std::string>{"Conv", "Relu", "Flatten", "Gemm"}));
}

TEST(Cli, InspectInputShapeBindsSymbolicBatch) {
  const std::string net = small_classifier(-1).write("symbolic.onnx");
  const RunResult r =
      run_hsim({"inspect", "--net", net, "--input-shape", "x=3x3x8x8", "--summary-only"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Every op scales with the batch: 3 x 9472 = 28416.
  EXPECT_CONTAINS(line_starting_with(r.out, "MACs"), "(" + with_commas(3 * kTotalMacs) + ")");
}

TEST(Cli, InspectUnmodelledOpWarnsAndSucceeds) {
  OnnxModelBuilder b;
  b.import_domain("com.example", 1);
  b.input("x", {1, 4});
  b.node("FancyThing", {"x"}, {"y"}, "fancy").set_domain("com.example");
  b.output("y");
  b.value_info("y", {1, 4});
  const RunResult r = run_hsim({"inspect", "--net", b.write("custom.onnx"), "--summary-only"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.rfind("hsim: warning: ", 0), 0u) << r.err;
  EXPECT_CONTAINS(r.err, "FancyThing");
}

TEST(Cli, HelpExitsZero) {
  const RunResult r = run_hsim({"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_CONTAINS(r.out, "inspect");
}

TEST(Cli, InspectHelpExitsZero) {
  const RunResult r = run_hsim({"inspect", "--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_CONTAINS(r.out, "--input-shape");
}

// --- Usage errors -------------------------------------------------------------------------------

TEST(Cli, NoSubcommandExitsTwo) {
  const RunResult r = run_hsim({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("hsim: error: ", 0), 0u) << r.err;
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
}

TEST(Cli, UnknownFlagExitsTwo) {
  const std::string net = small_classifier().write("classifier.onnx");
  const RunResult r = run_hsim({"inspect", "--net", net, "--frobnicate"});
  expect_one_line_error(r, "--frobnicate");
}

TEST(Cli, UnknownSubcommandExitsTwo) {
  const RunResult r = run_hsim({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("hsim: error: ", 0), 0u) << r.err;
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
}

TEST(Cli, InspectWithoutNetExitsTwo) {
  const RunResult r = run_hsim({"inspect"});
  expect_one_line_error(r, "--net");
}

TEST(Cli, CsvIntoMissingDirectoryExitsTwo) {
  const std::string net = small_classifier().write("classifier.onnx");
  const std::string csv_path = temp_path("no_such_dir") + "/ops.csv";
  const RunResult r = run_hsim({"inspect", "--net", net, "--csv", csv_path});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_EQ(r.err.rfind("hsim: error: ", 0), 0u) << r.err;
  EXPECT_CONTAINS(r.err, csv_path);
}

// --- Bad model files ----------------------------------------------------------------------------

TEST(Cli, MissingFileExitsTwo) {
  const std::string net = temp_path("missing.onnx");
  expect_one_line_error(run_hsim({"inspect", "--net", net}), net);
}

TEST(Cli, DirectoryExitsTwo) {
  const std::string net = temp_path("dir.onnx");
  ASSERT_EQ(std::system(("mkdir -p " + shell_quote(net)).c_str()), 0);
  expect_one_line_error(run_hsim({"inspect", "--net", net}), net);
}

TEST(Cli, EmptyFileExitsTwo) {
  const std::string net = write_file("empty.onnx", "");
  expect_one_line_error(run_hsim({"inspect", "--net", net}), net);
}

TEST(Cli, RandomBytesExitTwo) {
  for (unsigned seed : {7u, 99u, 2024u}) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string bytes(2000, '\0');
    for (char& c : bytes) c = static_cast<char>(byte(rng));
    const std::string net = write_file("random" + std::to_string(seed) + ".onnx", bytes);
    expect_one_line_error(run_hsim({"inspect", "--net", net}), net);
  }
}

TEST(Cli, UnsupportedOpsetExitsTwo) {
  OnnxModelBuilder b(/*opset=*/18);
  b.input("x", {1, 4});
  b.node("Relu", {"x"}, {"y"}, "relu");
  b.output("y");
  const std::string net = b.write("opset18.onnx");
  const RunResult r = run_hsim({"inspect", "--net", net});
  expect_one_line_error(r, net);
  EXPECT_CONTAINS(r.err, "opset 18");
}

TEST(Cli, CycleExitsTwo) {
  OnnxModelBuilder b;
  b.input("x", {1, 4});
  b.node("Add", {"x", "b_out"}, {"a_out"}, "node_a");
  b.node("Add", {"x", "a_out"}, {"b_out"}, "node_b");
  b.output("b_out");
  const std::string net = b.write("cycle.onnx");
  const RunResult r = run_hsim({"inspect", "--net", net});
  expect_one_line_error(r, net);
  EXPECT_CONTAINS(r.err, "cycle");
}

TEST(Cli, UnboundSymbolicDimExitsTwo) {
  const std::string net = small_classifier(-1).write("symbolic.onnx");
  const RunResult r = run_hsim({"inspect", "--net", net});
  expect_one_line_error(r, net);
  EXPECT_CONTAINS(r.err, "'N'");
  EXPECT_CONTAINS(r.err, "--input-shape");
}

TEST(Cli, InputShapeForUnknownInputExitsTwo) {
  const std::string net = small_classifier(-1).write("symbolic.onnx");
  const RunResult r = run_hsim({"inspect", "--net", net, "--input-shape", "images=1x3x8x8"});
  expect_one_line_error(r, net);
  EXPECT_CONTAINS(r.err, "'images'");
  EXPECT_CONTAINS(r.err, "'x'");
}

TEST(Cli, InputShapeWrongRankExitsTwo) {
  const std::string net = small_classifier(-1).write("symbolic.onnx");
  const RunResult r = run_hsim({"inspect", "--net", net, "--input-shape", "x=1x3x8"});
  expect_one_line_error(r, net);
}

TEST(Cli, MalformedInputShapeExitsTwo) {
  // The spec is wrong before any file is read, so the message names the flag and the spec.
  const std::string net = small_classifier(-1).write("symbolic.onnx");
  for (const std::string spec : {"x", "x=", "=1x2", "x=1xx2", "x=0x3", "x=-1"}) {
    const RunResult r = run_hsim({"inspect", "--net", net, "--input-shape=" + spec});
    expect_one_line_error(r, "--input-shape '" + spec + "'");
  }
}

TEST(Cli, ShapeInferenceFailureExitsTwoOnOneLine) {
  OnnxModelBuilder b;
  b.input("a", {1, 3}).input("b", {1, 4});
  b.node("Add", {"a", "b"}, {"y"}, "add");
  b.output("y");
  const std::string net = b.write("bad_broadcast.onnx");
  const RunResult r = run_hsim({"inspect", "--net", net});
  expect_one_line_error(r, net);
  EXPECT_CONTAINS(r.err, "shape inference");
}

TEST(Cli, ConvWeightRankMismatchExitsTwo) {
  // 5-D weights for a 4-D input: a bad file, so exit 2 with a message, not a crash.
  OnnxModelBuilder b;
  b.input("x", {1, 3, 8, 8}).weight("w", {4, 3, 3, 3, 3});
  b.node("Conv", {"x", "w"}, {"y"}, "conv");
  b.output("y");
  const std::string net = b.write("conv_w5.onnx");
  expect_one_line_error(run_hsim({"inspect", "--net", net}), net);
}

}  // namespace
