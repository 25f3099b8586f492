// `hsim explore --islands` under mpirun: the same result for a seed and rank count; with one
// generation after the first and migrations every 5 (so none) the merged result is exactly the
// union of plain searches with seeds seed..seed+N-1; migrants arrive; and without mpirun the option
// is refused. Skipped only when hsim was built without MPI.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "mpi/mpi_session.h"
#include "support/mpi_runner.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"
#include "sweep/sweep_runner.h"

namespace {

namespace fs = std::filesystem;
using hsim::testing::read_text;
using hsim::testing::run_program;

const std::string kModels = HSIM_MODELS_DIR;
const std::string kBoard = kModels + "/../hw_configs/default.yaml";
const std::string kNet = kModels + "/squeezenet1_1.onnx";

hsim::testing::RunResult explore(int ranks, const std::string& out,
                                 const std::vector<std::string>& more) {
  std::vector<std::string> args = {"--hw", kBoard, "--net", kNet, "--out", out};
  args.insert(args.end(), more.begin(), more.end());
  if (ranks == 0) {
    args.insert(args.begin(), "explore");
    return run_program(HSIM_BINARY, args);
  }
  args.insert(args.begin(), {"explore", "--islands"});
  return hsim::testing::run_under_mpirun(ranks, HSIM_BINARY, args);
}

// summary.csv's search rows ("ga #k"): latency and energy.
std::vector<std::pair<std::string, std::string>> search_rows(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& row : hsim::explorer::parse_csv(read_text(dir + "/summary.csv")))
    if (row.size() > 3 && row[1].rfind("ga #", 0) == 0) out.emplace_back(row[2], row[3]);
  return out;
}

int64_t evaluations(const std::string& stdout_text) {
  const size_t at = stdout_text.find(" evaluations (");
  const size_t from = stdout_text.rfind('\n', at) + 1;
  return std::stoll(stdout_text.substr(from, at - from));
}

class IslandsMpi : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!hsim::explorer::mpi::built_with_mpi()) GTEST_SKIP() << "hsim was built without MPI";
    ASSERT_FALSE(hsim::testing::mpirun_path().empty())
        << "hsim was built with MPI but mpirun is missing";
  }
};

TEST_F(IslandsMpi, WithoutMigrationTheResultIsTheUnionOfPlainSearches) {
  const std::string dir = hsim::testing::temp_path("islands");
  const auto r = explore(3, dir, {"--generations", "1", "--population", "24", "--seed", "7"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // Plain searches with seeds 7, 8, 9: their top schedules, pooled, distinct, best first.
  std::map<std::string, std::pair<double, std::pair<std::string, std::string>>> pooled;
  int64_t total = 0;
  for (int seed = 7; seed <= 9; ++seed) {
    const std::string plain = hsim::testing::temp_path("plain");
    const auto p = explore(
        0, plain, {"--generations", "1", "--population", "24", "--seed", std::to_string(seed)});
    ASSERT_EQ(p.exit_code, 0) << p.err;
    total += evaluations(p.out);
    const auto rows = search_rows(plain);
    for (size_t k = 0; k < rows.size(); ++k)
      pooled.emplace(read_text(plain + "/top/" + std::to_string(k + 1) + ".yaml"),
                     std::make_pair(std::stod(rows[k].first), rows[k]));
  }
  std::vector<std::pair<double, std::pair<std::string, std::string>>> best;
  for (const auto& [yaml, row] : pooled) best.push_back(row);
  std::sort(best.begin(), best.end());
  const auto merged = search_rows(dir);
  ASSERT_EQ(merged.size(), std::min<size_t>(5, best.size()));
  for (size_t k = 0; k < merged.size(); ++k) EXPECT_EQ(merged[k], best[k].second) << k;
  EXPECT_EQ(evaluations(r.out), total);
  EXPECT_NE(r.out.find("3 islands"), std::string::npos) << r.out;
}

TEST_F(IslandsMpi, MigrantsArriveAndTheResultIsTheSameForASeedAndRankCount) {
  const std::vector<std::string> args = {"--evaluations",        "150", "--population", "16",
                                         "--migration-interval", "1",   "--migrants",   "3"};
  const std::string a = hsim::testing::temp_path("a"), b = hsim::testing::temp_path("b");
  const auto first = explore(2, a, args);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const auto second = explore(2, b, args);
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(read_text(a + "/summary.csv"), read_text(b + "/summary.csv"));
  EXPECT_EQ(read_text(a + "/search.csv"), read_text(b + "/search.csv"));
  EXPECT_EQ(read_text(a + "/schedule.yaml"), read_text(b + "/schedule.yaml"));
  // Island 1 sends island 0 three genomes every generation until one of them stops.
  const size_t at = first.out.find("(island 0 took in ");
  ASSERT_NE(at, std::string::npos) << first.out;
  const int64_t received = std::stoll(first.out.substr(at + 18));
  EXPECT_GT(received, 0);
  EXPECT_EQ(received % 3, 0);
}

TEST(IslandsCli, NeedMpirun) {
  const auto r = run_program(
      HSIM_BINARY, {"explore", "--hw", kBoard, "--net", kNet, "--islands", "--evaluations", "10"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--islands"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
