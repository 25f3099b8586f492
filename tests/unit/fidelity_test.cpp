// The fast fidelity (transactions of at least 32 KiB, hsim's default) against the finest one
// (64-byte bursts everywhere): the same schedule must come out within 1% (measured: +0.2% to
// +0.7% on the shipped nets), because fidelity only changes how finely concurrent transfers
// interleave, never the timing rules. The board's own bursts come within 0.5%.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "baselines/baselines.h"
#include "board/board_file.h"
#include "onnx/onnx_loader.h"
#include "schedule/schedule_file.h"
#include "support/onnx_model_builder.h"
#include "support/process_runner.h"

using namespace hsim;

namespace {

// "Latency      12.345 ms" from `hsim simulate`'s summary, in ms.
double simulated_ms(const std::vector<std::string>& extra, const std::string& schedule_path,
                    const std::string& board_path, const std::string& net_path) {
  std::vector<std::string> args = {"simulate", "--hw",       board_path,   "--net",
                                   net_path,   "--schedule", schedule_path};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto run = hsim::testing::run_program(HSIM_BINARY, args);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  // (std::regex trips GCC 12's -Wmaybe-uninitialized in the sanitizer build.)
  const size_t at = run.out.find("Latency");
  if (at == std::string::npos) {
    ADD_FAILURE() << "no latency in:\n" << run.out;
    return 0;
  }
  return std::stod(run.out.substr(run.out.find_first_of("0123456789", at)));
}

}  // namespace

TEST(Fidelity, FastStaysWithinOnePercentOfTheFinestOnAMultiPuSchedule) {
  const std::string board_path = std::string(HSIM_MODELS_DIR) + "/../hw_configs/default.yaml";
  const std::string net_path = std::string(HSIM_MODELS_DIR) + "/squeezenet1_1.onnx";
  const auto net = sim::load_onnx_file(net_path);
  const auto board = sim::load_board_file(board_path);
  // heft spreads the net over NPU, DSPs and CPU cores: concurrent transfers contend for DRAM.
  const sim::Schedule heft = explorer::baseline_strategies().at("heft").make(net.network, board);
  const std::string schedule_path = hsim::testing::temp_path("heft.yaml");
  std::ofstream(schedule_path) << sim::schedule_yaml(heft);

  const double fast = simulated_ms({}, schedule_path, board_path, net_path);
  const double board_bursts =
      simulated_ms({"--fidelity", "board"}, schedule_path, board_path, net_path);
  const double finest = simulated_ms({"--burst", "64"}, schedule_path, board_path, net_path);
  ASSERT_GT(finest, 0);
  EXPECT_NEAR(fast, finest, 0.01 * finest);
  EXPECT_NEAR(board_bursts, finest, 0.005 * finest);
}
