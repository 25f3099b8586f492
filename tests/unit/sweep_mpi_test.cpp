// Sweeps under MPI: `mpirun -np 3 hsim sweep` (rank 0 hands jobs to two workers) writes the same
// results.csv rows as the local run, resumes a cut results.csv, and with one rank runs locally.
// Skipped only when hsim was built without MPI.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "mpi/mpi_session.h"
#include "support/mpi_runner.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

namespace {

namespace fs = std::filesystem;
using hsim::testing::read_text;

const std::string kRoot = std::string(HSIM_MODELS_DIR) + "/..";

// 2 boards x 2 nets x 2 strategies x 2 bandwidths = 16 jobs, 4 of which fail (a DRAM of 0 GB/s).
const char* const kSweep =
    "boards: [hw_configs/default.yaml, hw_configs/rk3588.yaml]\n"
    "nets: [models/squeezenet1_1.onnx, models/transformer_encoder.onnx]\n"
    "strategies: [static, heft]\n"
    "axes:\n  devices.soc.dram.bandwidth: [25.6 GB/s, 0 GB/s]\n"
    "exclude:\n  - {board: hw_configs/rk3588.yaml, devices.soc.dram.bandwidth: 0 GB/s}\n";

std::string write_sweep() {
  const std::string path =
      kRoot + "/" + fs::path(hsim::testing::temp_path("mpi.yaml")).filename().string();
  std::ofstream(path) << kSweep;
  return path;
}

std::vector<std::string> sorted_rows(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) rows.push_back(line);
  std::sort(rows.begin(), rows.end());
  return rows;
}

// `mpirun -np ranks hsim sweep ...` (mpi_runner.h).
hsim::testing::RunResult run_mpi(int ranks, const std::vector<std::string>& sweep_args) {
  std::vector<std::string> args = {"sweep"};
  args.insert(args.end(), sweep_args.begin(), sweep_args.end());
  return hsim::testing::run_under_mpirun(ranks, HSIM_BINARY, args);
}

class SweepMpi : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!hsim::explorer::mpi::built_with_mpi()) GTEST_SKIP() << "hsim was built without MPI";
    ASSERT_FALSE(hsim::testing::mpirun_path().empty())
        << "hsim was built with MPI but mpirun is missing "
           "(scripts/install_deps.sh installs openmpi-bin)";
  }
};

TEST_F(SweepMpi, ThreeRanksGiveTheLocalRunsRows) {
  const std::string sweep = write_sweep();
  const std::string local = hsim::testing::temp_path("local");
  const auto l =
      hsim::testing::run_program(HSIM_BINARY, {"sweep", sweep, "--out", local, "--jobs", "2"});
  ASSERT_EQ(l.exit_code, 0) << l.err;
  const auto expected = sorted_rows(local + "/results.csv");
  ASSERT_EQ(expected.size(), 12u);
  EXPECT_EQ(std::count_if(
                expected.begin(), expected.end(),
                [](const std::string& row) { return row.find(",error,") != std::string::npos; }),
            4);

  const std::string distributed = hsim::testing::temp_path("mpi");
  const auto m = run_mpi(3, {sweep, "--out", distributed});
  ASSERT_EQ(m.exit_code, 0) << m.out << m.err;
  EXPECT_NE(m.out.find("over 2 MPI worker ranks"), std::string::npos) << m.out;
  EXPECT_EQ(read_text(distributed + "/results.csv").substr(0, 40),
            read_text(local + "/results.csv").substr(0, 40));
  EXPECT_EQ(sorted_rows(distributed + "/results.csv"), expected);
  EXPECT_TRUE(fs::exists(distributed + "/sweep.html"));
  // Rank 0 printed one line per job; the workers printed nothing.
  size_t lines = 0;
  for (size_t at = m.out.find("\n["); at != std::string::npos; at = m.out.find("\n[", at + 1))
    ++lines;
  EXPECT_EQ(lines, 12u) << m.out;

  // A results.csv cut after four rows and inside the fifth resumes to the same rows.
  const std::string cut = hsim::testing::temp_path("cut");
  fs::create_directories(cut);
  {
    const std::string text = read_text(local + "/results.csv");
    size_t at = 0;
    for (int line = 0; line < 5; ++line) at = text.find('\n', at) + 1;
    std::ofstream(cut + "/results.csv") << text.substr(0, at + 20);
  }
  const auto r = run_mpi(3, {sweep, "--out", cut, "--resume"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("4 already done"), std::string::npos) << r.out;
  EXPECT_EQ(sorted_rows(cut + "/results.csv"), expected);

  // Without --resume an existing results.csv is refused, and no rank hangs.
  const auto refused = run_mpi(3, {sweep, "--out", cut});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("add --resume"), std::string::npos) << refused.err;
  fs::remove(sweep);
}

TEST_F(SweepMpi, OneRankRunsTheSweepLocally) {
  const std::string sweep = write_sweep();
  const std::string out = hsim::testing::temp_path("one");
  const auto m = run_mpi(1, {sweep, "--out", out, "--jobs", "2"});
  ASSERT_EQ(m.exit_code, 0) << m.out << m.err;
  EXPECT_NE(m.out.find("2 at a time"), std::string::npos) << m.out;
  EXPECT_EQ(sorted_rows(out + "/results.csv").size(), 12u);
  fs::remove(sweep);
}

}  // namespace
