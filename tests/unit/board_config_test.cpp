// Board files -> BoardSpec: the shipped boards against their published figures, defaults, the
// resolved form reading back, overrides, and every kind of bad board with the file, line and
// key path of its error. Expected figures are worked from datasheets and closed forms, never
// copied from hsim's output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "board/board_file.h"
#include "board/board_summary.h"
#include "common/error.h"
#include "config/config_node.h"
#include "config/cursor.h"
#include "config/key_report.h"
#include "config/yaml_document.h"
#include "support/onnx_model_builder.h"

namespace {

using hsim::InputError;
using hsim::sim::BoardSpec;
using hsim::sim::DType;
using hsim::sim::load_board_file;
using hsim::sim::load_board_text;
using hsim::sim::PuKind;
using hsim::sim::PuSpec;

constexpr int64_t kMHz = 1'000'000;
constexpr int64_t kGHz = 1'000 * kMHz;
constexpr int64_t kKiB = 1024;
constexpr int64_t kMiB = 1024 * kKiB;
constexpr int64_t kNs = 1'000;
constexpr int64_t kUs = 1'000 * kNs;

const std::string kBoards = std::string(HSIM_MODELS_DIR) + "/../hw_configs/";

#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text)

const PuSpec& pu(const BoardSpec& board, const std::string& name, size_t device = 0) {
  for (const PuSpec& candidate : board.devices.at(device).pus)
    if (candidate.name == name) return candidate;
  throw std::runtime_error("no PU " + name);
}

// A small valid board; tests break one line of it. Line numbers are 1-based.
const char* const kBase = R"(name: tiny
devices:
  - name: soc
    pus:
      - name: cpu
        kind: cpu
        count: 2
        clock: 1.5 GHz
        compute:
          fp32: {macs_per_cycle: 8, ops_per_cycle: 8}
      - name: npu
        kind: npu
        clock: 1 GHz
        compute:
          int8: {macs_per_cycle: 256}
        array: {size: 16x16}
        local_sram: 512 KiB
        dma: dma0
    dmas:
      - {name: dma0, bandwidth: 8 GB/s}
    interconnect: {bandwidth: 32 GB/s}
    dram: {bandwidth: 12.8 GB/s, latency: 100 ns, size: 2 GiB}
)";

// The 1-based line of the first line of `text` that contains `part`.
int line_of(const std::string& text, const std::string& part) {
  const size_t found = text.find(part);
  if (found == std::string::npos) {
    ADD_FAILURE() << "no '" << part << "' in the board";
    return 0;
  }
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + found, '\n'));
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "no '" << from << "' in the board";
    return text;
  }
  return text.replace(at, from.size(), to);
}

struct Failure {
  std::string where;
  std::string what;
};

Failure failure_of(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
  try {
    load_board_text(yaml, "board.yaml", overrides);
  } catch (const InputError& e) {
    return {e.where(), e.what()};
  }
  ADD_FAILURE() << "the board loaded without an error";
  return {};
}

// The error names `board.yaml:<line>` as where, and its message is "<where>: <path>: ..."
// containing `part`.
void expect_failure(const std::string& yaml, int line, const std::string& path,
                    const std::string& part, const std::vector<std::string>& overrides = {}) {
  const Failure failure = failure_of(yaml, overrides);
  EXPECT_EQ(failure.where, "board.yaml:" + std::to_string(line)) << failure.what;
  EXPECT_EQ(failure.what.rfind(failure.where + ": " + path + ": ", 0), 0u) << failure.what;
  EXPECT_CONTAINS(failure.what, part);
}

// The shipped boards.

TEST(ShippedBoards, EveryBoardLoads) {
  for (const char* name : {"default", "rk3588", "zcu102", "c6678", "c6678_cluster"}) {
    const BoardSpec board = load_board_file(kBoards + name + ".yaml");
    EXPECT_EQ(board.name, name);
    EXPECT_EQ(board.source, kBoards + name + ".yaml");
    EXPECT_FALSE(board.description.empty()) << name;
    // Every NPU's int8 MAC rate is its array's PE count (one MAC per PE per cycle).
    for (const auto& device : board.devices)
      for (const PuSpec& unit : device.pus)
        if (unit.kind == PuKind::kNpu) {
          EXPECT_EQ(unit.compute.at(DType::kInt8).macs_per_cycle,
                    unit.array->rows * unit.array->cols)
              << name << " " << unit.name;
        }
  }
}

TEST(ShippedBoards, DefaultIsTheGenericEdgeSoc) {
  const BoardSpec board = load_board_file(kBoards + "default.yaml");
  ASSERT_EQ(board.devices.size(), 1u);
  const PuSpec& cpu = pu(board, "cpu");
  EXPECT_EQ(cpu.kind, PuKind::kCpu);
  EXPECT_EQ(cpu.count, 4);
  // Cortex-A76: two 128-bit pipes -> 2 x 4 fp32 FMAs and 2 x 16 int8 SDOT MACs per cycle.
  EXPECT_EQ(cpu.compute.at(DType::kFloat32).macs_per_cycle, 8);
  EXPECT_EQ(cpu.compute.at(DType::kInt8).macs_per_cycle, 32);
  const PuSpec& npu = pu(board, "npu");
  EXPECT_EQ(npu.array->rows, 32);
  EXPECT_EQ(npu.array->cols, 32);
  EXPECT_EQ(npu.local_sram, 1 * kMiB);
  EXPECT_EQ(pu(board, "dsp").count, 2);
  // LPDDR4X-4266 x 64 bits: 4266 MT/s x 8 B.
  EXPECT_EQ(board.devices[0].dram.bandwidth, 4266 * kMHz * 8);
}

TEST(ShippedBoards, Rk3588MatchesItsDatasheet) {
  const BoardSpec board = load_board_file(kBoards + "rk3588.yaml");
  EXPECT_EQ(pu(board, "a76").count, 4);
  EXPECT_EQ(pu(board, "a76").clock, 2'400 * kMHz);
  EXPECT_EQ(pu(board, "a55").count, 4);
  EXPECT_EQ(pu(board, "a55").clock, 1'800 * kMHz);
  const PuSpec& npu = pu(board, "npu");
  EXPECT_EQ(npu.count, 3);
  // "6 TOPS" int8 in all: 2 ops per MAC x MACs per second, within Rockchip's rounding (3%).
  const double tops =
      2.0 * static_cast<double>(hsim::sim::peak_macs_per_second(npu, DType::kInt8)) / 1e12;
  EXPECT_NEAR(tops, 6.0, 6.0 * 0.03);
  // LPDDR4X-4224 x 64 bits.
  EXPECT_EQ(board.devices[0].dram.bandwidth, 4224 * kMHz * 8);
}

TEST(ShippedBoards, Zcu102HasTheB4096DpuAndPsDdr4) {
  const BoardSpec board = load_board_file(kBoards + "zcu102.yaml");
  EXPECT_EQ(pu(board, "a53").count, 4);
  EXPECT_EQ(pu(board, "a53").clock, 1'200 * kMHz);
  const PuSpec& dpu = pu(board, "dpu");
  EXPECT_EQ(dpu.clock, 300 * kMHz);
  // B4096: 4096 peak ops per cycle, a MAC counted as two (PG338): 8 x 16 x 16 = 2048 MACs.
  EXPECT_EQ(dpu.compute.at(DType::kInt8).macs_per_cycle, 4096 / 2);
  EXPECT_EQ(dpu.compute.at(DType::kInt8).macs_per_cycle, 8 * 16 * 16);
  // 317.5 BRAM36K blocks of 36 Kib.
  EXPECT_EQ(dpu.local_sram, 3175 * 36 * 1024 / 8 / 10);
  // DDR4-2400 x 64 bits = 19.2 GB/s.
  EXPECT_EQ(board.devices[0].dram.bandwidth, 2400 * kMHz * 8);
}

TEST(ShippedBoards, C6678MatchesTiFigures) {
  const BoardSpec board = load_board_file(kBoards + "c6678.yaml");
  const PuSpec& dsp = pu(board, "dsp");
  EXPECT_EQ(dsp.kind, PuKind::kDsp);
  EXPECT_EQ(dsp.count, 8);
  EXPECT_EQ(dsp.clock, 1'250 * kMHz);
  // TI: 320 GMAC (16-bit) and 160 GFLOP single precision at 1.25 GHz; a MAC is two FLOPs.
  EXPECT_EQ(hsim::sim::peak_macs_per_second(dsp, DType::kInt16), 320 * kGHz);
  EXPECT_EQ(2 * hsim::sim::peak_macs_per_second(dsp, DType::kFloat32), 160 * kGHz);
  EXPECT_EQ(dsp.local_sram, 512 * kKiB);
  ASSERT_TRUE(board.devices[0].shared_sram.has_value());
  EXPECT_EQ(board.devices[0].shared_sram->size, 4 * kMiB);
  // DDR3-1333 x 64 bits: 1333.33 MT/s x 8 B = 10.667 GB/s (to 0.01%).
  EXPECT_NEAR(static_cast<double>(board.devices[0].dram.bandwidth), 1333.333e6 * 8,
              10.667e9 * 1e-4);
  EXPECT_EQ(dsp.dma, "edma");
}

TEST(ShippedBoards, C6678ClusterIsFourBoardsOnGigabitEthernet) {
  const BoardSpec board = load_board_file(kBoards + "c6678_cluster.yaml");
  ASSERT_EQ(board.devices.size(), 4u);
  for (size_t d = 0; d < 4; ++d) {
    EXPECT_EQ(board.devices[d].name, "dsp" + std::to_string(d));
    EXPECT_EQ(pu(board, "dsp", d).count, 8);
    EXPECT_EQ(pu(board, "dsp", d).clock, 1'250 * kMHz);
  }
  // A full mesh: 4 x 3 / 2 = 6 links, each 1 Gbit/s = 125 MB/s with ~50 us latency.
  ASSERT_EQ(board.links.size(), 6u);
  for (const auto& link : board.links) {
    EXPECT_EQ(link.bandwidth, 1'000 * kMHz / 8);
    EXPECT_EQ(link.latency, 50 * kUs);
  }
}

TEST(ShippedBoards, ResolvedFormReadsBackToTheSameBoard) {
  for (const char* name : {"default", "rk3588", "zcu102", "c6678", "c6678_cluster"}) {
    const std::string first =
        hsim::sim::resolved_board_yaml(load_board_file(kBoards + name + ".yaml"));
    const std::string second = hsim::sim::resolved_board_yaml(load_board_text(first, "resolved"));
    EXPECT_EQ(first, second) << name;
  }
}

// Defaults and overrides.

TEST(BoardFile, DefaultsFillWhatIsLeftOut) {
  const BoardSpec board = load_board_text(kBase, "board.yaml");
  EXPECT_EQ(board.description, "");
  EXPECT_TRUE(board.links.empty());
  const auto& device = board.devices[0];
  const PuSpec& npu = pu(board, "npu");
  EXPECT_EQ(npu.count, 1);
  EXPECT_EQ(npu.array->dataflow, hsim::sim::Dataflow::kOutputStationary);
  EXPECT_EQ(npu.compute.at(DType::kInt8).ops_per_cycle, 0);
  EXPECT_TRUE(npu.supported_ops.empty());  // all
  EXPECT_EQ(npu.dispatch_overhead, 0);
  EXPECT_EQ(pu(board, "cpu").dma, "");
  EXPECT_TRUE(pu(board, "cpu").caches.empty());
  EXPECT_EQ(pu(board, "cpu").local_sram, 0);
  EXPECT_EQ(device.dmas[0].channels, 1);
  EXPECT_EQ(device.dmas[0].burst, 4 * kKiB);
  EXPECT_EQ(device.dmas[0].setup_latency, 0);
  EXPECT_EQ(device.interconnect.arbitration, hsim::sim::Arbitration::kRoundRobin);
  EXPECT_EQ(device.interconnect.latency, 0);
  EXPECT_EQ(device.dram.channels, 1);
  EXPECT_FALSE(device.shared_sram.has_value());
  EXPECT_EQ(device.energy.per_byte_dram, 0);
  EXPECT_TRUE(device.energy.per_mac.empty());
}

TEST(BoardFile, OverridesAddressItemsByNameOrIndex) {
  const BoardSpec board = load_board_text(
      kBase, "board.yaml",
      {"devices.soc.pus.npu.clock=2 GHz", "devices[0].dram.bandwidth=25.6 GB/s",
       "devices.soc.pus[0].count=4", "devices.soc.pus.npu.supported_ops=[Conv, Relu]",
       "devices.soc.pus.npu.array={size: 8x4, dataflow: ws}",
       "devices.soc.dram.channels=2",  // left out of the file: it has a default
       "description=overridden"});
  EXPECT_EQ(pu(board, "npu").clock, 2 * kGHz);
  EXPECT_EQ(board.devices[0].dram.bandwidth, 25'600 * kMHz);
  EXPECT_EQ(pu(board, "cpu").count, 4);
  EXPECT_EQ(pu(board, "npu").supported_ops, (std::set<std::string>{"Conv", "Relu"}));
  EXPECT_EQ(pu(board, "npu").array->rows, 8);
  EXPECT_EQ(pu(board, "npu").array->cols, 4);
  EXPECT_EQ(pu(board, "npu").array->dataflow, hsim::sim::Dataflow::kWeightStationary);
  EXPECT_EQ(board.devices[0].dram.channels, 2);
  EXPECT_EQ(board.description, "overridden");
}

TEST(BoardFile, OverridesApplyInOrder) {
  // Renaming the device changes how later overrides address it.
  const BoardSpec board = load_board_text(
      kBase, "board.yaml", {"devices.soc.name=main", "devices.main.dram.latency=80 ns"});
  EXPECT_EQ(board.devices[0].name, "main");
  EXPECT_EQ(board.devices[0].dram.latency, 80 * kNs);
}

// Bad boards: each error names file:line and the key path.

TEST(BadBoard, UnknownKeyIsATypo) {
  const std::string yaml = replaced(kBase, "        clock: 1 GHz", "        clok: 1 GHz");
  expect_failure(yaml, line_of(yaml, "clok"), "devices.soc.pus.npu.clok", "unknown key 'clok'");
  const Failure failure = failure_of(yaml);
  EXPECT_CONTAINS(failure.what, "(did you mean 'clock'?)");
  EXPECT_CONTAINS(failure.what, "allowed here: name, kind, count, clock, compute");
}

TEST(BadBoard, UnknownKeyAtTopLevelAndInNestedMaps) {
  const std::string top = std::string(kBase) + "frobnicate: 1\n";
  expect_failure(top, line_of(top, "frobnicate"), "frobnicate", "unknown key 'frobnicate'");
  const std::string nested =
      replaced(kBase, "{bandwidth: 32 GB/s}", "{bandwidth: 32 GB/s, speed: 3}");
  expect_failure(nested, line_of(nested, "speed"), "devices.soc.interconnect.speed",
                 "unknown key 'speed'");
}

TEST(BadBoard, MissingRequiredField) {
  const std::string yaml = replaced(kBase, "        clock: 1 GHz\n", "");
  // Reported at the map that lacks it: the npu item starts at its `name` line.
  expect_failure(yaml, line_of(yaml, "- name: npu"), "devices.soc.pus.npu.clock",
                 "missing required key 'clock' (a frequency)");
  const std::string no_dram =
      replaced(kBase, "    dram: {bandwidth: 12.8 GB/s, latency: 100 ns, size: 2 GiB}\n", "");
  expect_failure(no_dram, line_of(no_dram, "  - name: soc"), "devices.soc.dram",
                 "missing required key 'dram'");
}

TEST(BadBoard, WrongTypes) {
  const std::string word = replaced(kBase, "count: 2", "count: two");
  expect_failure(word, line_of(word, "count: two"), "devices.soc.pus.cpu.count",
                 "expected a whole number >= 1, got 'two'");
  const std::string fraction = replaced(kBase, "count: 2", "count: 2.5");
  expect_failure(fraction, line_of(fraction, "count: 2.5"), "devices.soc.pus.cpu.count",
                 "expected a whole number >= 1, got '2.5'");
  const std::string text_for_map =
      replaced(kBase, "    interconnect: {bandwidth: 32 GB/s}", "    interconnect: fast");
  expect_failure(
      text_for_map, line_of(text_for_map, "interconnect: fast"), "devices.soc.interconnect",
      "expected an interconnect (a map with keys bandwidth, latency, arbitration), got 'fast'");
  const std::string map_for_value = replaced(kBase, "clock: 1.5 GHz", "clock: {value: 1.5 GHz}");
  expect_failure(map_for_value, line_of(map_for_value, "{value"), "devices.soc.pus.cpu.clock",
                 "expected a frequency such as '1.2 GHz', got a map");
  const std::string list_for_list =
      replaced(kBase, "    dmas:\n      - {name: dma0, bandwidth: 8 GB/s}", "    dmas: dma0");
  expect_failure(list_for_list, line_of(list_for_list, "dmas: dma0"), "devices.soc.dmas",
                 "expected a list of dma maps, got 'dma0'");
  const std::string bad_kind = replaced(kBase, "kind: npu", "kind: gpu");
  expect_failure(bad_kind, line_of(bad_kind, "kind: gpu"), "devices.soc.pus.npu.kind",
                 "expected one of cpu | npu | dsp, got 'gpu'");
  const std::string empty_value = replaced(kBase, "clock: 1.5 GHz", "clock:");
  expect_failure(empty_value, line_of(empty_value, "clock:"), "devices.soc.pus.cpu.clock",
                 "got nothing");
}

TEST(BadBoard, NegativeAndZeroSizes) {
  const std::string negative = replaced(kBase, "local_sram: 512 KiB", "local_sram: -512 KiB");
  expect_failure(negative, line_of(negative, "local_sram"), "devices.soc.pus.npu.local_sram",
                 "expected a size above zero, got '-512 KiB'");
  const std::string zero = replaced(kBase, "local_sram: 512 KiB", "local_sram: 0 KiB");
  expect_failure(zero, line_of(zero, "local_sram"), "devices.soc.pus.npu.local_sram",
                 "expected a size above zero, got '0 KiB'");
  const std::string zero_clock = replaced(kBase, "clock: 1.5 GHz", "clock: 0 GHz");
  expect_failure(zero_clock, line_of(zero_clock, "0 GHz"), "devices.soc.pus.cpu.clock",
                 "expected a frequency above zero");
  const std::string zero_bandwidth = replaced(kBase, "{bandwidth: 32 GB/s}", "{bandwidth: 0 GB/s}");
  expect_failure(zero_bandwidth, line_of(zero_bandwidth, "0 GB/s"),
                 "devices.soc.interconnect.bandwidth", "expected a bandwidth above zero");
  const std::string zero_count = replaced(kBase, "count: 2", "count: 0");
  expect_failure(zero_count, line_of(zero_count, "count: 0"), "devices.soc.pus.cpu.count",
                 "expected a whole number >= 1, got '0'");
}

TEST(BadBoard, BadUnit) {
  const std::string yaml = replaced(kBase, "bandwidth: 12.8 GB/s", "bandwidth: 12.8 GB");
  expect_failure(yaml, line_of(yaml, "12.8 GB"), "devices.soc.dram.bandwidth",
                 "expected a bandwidth such as '25.6 GB/s', got '12.8 GB'");
  const std::string no_unit = replaced(kBase, "latency: 100 ns", "latency: 100");
  expect_failure(no_unit, line_of(no_unit, "latency: 100,"), "devices.soc.dram.latency",
                 "the unit is missing");
}

TEST(BadBoard, DuplicateNames) {
  const std::string pus = replaced(kBase, "      - name: npu", "      - name: cpu");
  expect_failure(pus, line_of(pus, "      - name: cpu\n        kind: npu"),
                 "devices.soc.pus.cpu.name",
                 "duplicate name 'cpu': a PU of this device already has it (line 5)");
  const std::string pu_and_dma =
      replaced(replaced(kBase, "{name: dma0,", "{name: cpu,"), "dma: dma0", "dma: cpu");
  expect_failure(pu_and_dma, line_of(pu_and_dma, "{name: cpu,"), "devices.soc.dmas.cpu.name",
                 "duplicate name 'cpu'");
  const std::string devices = std::string(kBase) +
                              "  - {name: soc, pus: [{name: c, kind: cpu, clock: 1 GHz, compute: "
                              "{fp32: {macs_per_cycle: 1}}}],\n"
                              "     interconnect: {bandwidth: 1 GB/s}, dram: {bandwidth: 1 GB/s, "
                              "latency: 1 ns, size: 1 GiB}}\n";
  expect_failure(devices, line_of(devices, "  - {name: soc"), "devices.soc.name",
                 "duplicate name 'soc': a device of this board already has it (line 3)");
}

TEST(BadBoard, DuplicateYamlKey) {
  const std::string yaml =
      replaced(kBase, "        count: 2\n", "        count: 2\n        count: 3\n");
  const Failure failure = failure_of(yaml);
  EXPECT_EQ(failure.where, "board.yaml:" + std::to_string(line_of(yaml, "count: 3")));
  EXPECT_CONTAINS(failure.what, "duplicate key 'count' (first at line 7)");
}

TEST(BadBoard, PuNamingAMissingDma) {
  const std::string yaml = replaced(kBase, "dma: dma0", "dma: dma1");
  expect_failure(yaml, line_of(yaml, "dma: dma1"), "devices.soc.pus.npu.dma",
                 "no DMA engine named 'dma1' in device 'soc' (DMA engines there: dma0)");
}

TEST(BadBoard, KindSpecificKeys) {
  const std::string array_on_cpu =
      replaced(kBase, "      - name: npu", "        array: {size: 2x2}\n      - name: npu");
  expect_failure(array_on_cpu, line_of(array_on_cpu, "{size: 2x2}"), "devices.soc.pus.cpu.array",
                 "'array' is only for a pu with kind npu; this one is cpu");
  const std::string no_array = replaced(kBase, "        array: {size: 16x16}\n", "");
  expect_failure(no_array, line_of(no_array, "- name: npu"), "devices.soc.pus.npu.array",
                 "missing required key 'array'");
  const std::string caches_on_npu =
      replaced(kBase, "        dma: dma0",
               "        dma: dma0\n        caches: [{name: L1, size: 1 KiB, bandwidth: 1 GB/s}]");
  expect_failure(caches_on_npu, line_of(caches_on_npu, "caches"), "devices.soc.pus.npu.caches",
                 "'caches' is only for a pu with kind cpu");
  const std::string bad_array = replaced(kBase, "{size: 16x16}", "{size: 16x0}");
  expect_failure(bad_array, line_of(bad_array, "16x0"), "devices.soc.pus.npu.array.size",
                 "expected rows x columns such as 32x32");
}

TEST(BadBoard, ComputeRates) {
  const std::string no_macs =
      replaced(kBase, "int8: {macs_per_cycle: 256}", "int8: {ops_per_cycle: 64}");
  // A map's line is that of its first key.
  expect_failure(no_macs, line_of(no_macs, "int8: {ops_per_cycle"), "devices.soc.pus.npu.compute",
                 "an npu needs macs_per_cycle above 0");
  const std::string all_zero =
      replaced(kBase, "int8: {macs_per_cycle: 256}", "int8: {macs_per_cycle: 0}");
  expect_failure(all_zero, line_of(all_zero, "{macs_per_cycle: 0}"),
                 "devices.soc.pus.npu.compute.int8", "a compute rate needs one above 0");
  const std::string bad_dtype =
      replaced(kBase, "fp32: {macs_per_cycle: 8", "float: {macs_per_cycle: 8");
  expect_failure(bad_dtype, line_of(bad_dtype, "float:"), "devices.soc.pus.cpu.compute.float",
                 "unknown key 'float'");
  const std::string op_case = replaced(kBase, "        dma: dma0",
                                       "        dma: dma0\n        supported_ops: [Conv, relu]");
  expect_failure(op_case, line_of(op_case, "supported_ops"), "devices.soc.pus.npu.supported_ops[1]",
                 "did you mean 'Relu'?");
}

const char* const kTwoDevices = R"(name: pair
devices:
  - name: a
    pus: [{name: c, kind: cpu, clock: 1 GHz, compute: {fp32: {macs_per_cycle: 1}}}]
    interconnect: {bandwidth: 1 GB/s}
    dram: {bandwidth: 1 GB/s, latency: 1 ns, size: 1 GiB}
  - name: b
    pus: [{name: c, kind: cpu, clock: 1 GHz, compute: {fp32: {macs_per_cycle: 1}}}]
    interconnect: {bandwidth: 1 GB/s}
    dram: {bandwidth: 1 GB/s, latency: 1 ns, size: 1 GiB}
links:
  - {name: ab, from: a, to: b, bandwidth: 125 MB/s, latency: 50 us}
)";

TEST(BadBoard, Links) {
  EXPECT_EQ(load_board_text(kTwoDevices, "board.yaml").links.size(), 1u);
  const std::string unknown = replaced(kTwoDevices, "to: b,", "to: c,");
  expect_failure(unknown, line_of(unknown, "to: c"), "links.ab.to",
                 "no device named 'c' (devices: a, b)");
  const std::string self = replaced(kTwoDevices, "to: b,", "to: a,");
  expect_failure(self, line_of(self, "to: a"), "links.ab.to", "a link joins two different devices");
  const std::string twice =
      std::string(kTwoDevices) + "  - {name: ba, from: b, to: a, bandwidth: 1 GB/s}\n";
  expect_failure(twice, line_of(twice, "name: ba"), "links.ba", "link 'ab' already joins");
  const std::string named_like_device = replaced(kTwoDevices, "name: ab,", "name: a,");
  expect_failure(named_like_device, line_of(named_like_device, "{name: a,"), "links.a.name",
                 "duplicate name 'a': a device of this board already has it");
}

TEST(BadBoard, SeveralDevicesNeedLinksConnectingThemAll) {
  const std::string none = kTwoDevices;
  const std::string without = none.substr(0, none.find("links:"));
  expect_failure(without, 1, "links", "device 'b' is not connected to 'a'");
}

TEST(BadBoard, MalformedYaml) {
  const std::string yaml = replaced(kBase, "{size: 16x16}", "{size: 16x16");
  const Failure failure = failure_of(yaml);
  // file:line:column of where the parser gave up.
  EXPECT_EQ(failure.where.rfind("board.yaml:", 0), 0u);
  EXPECT_EQ(std::count(failure.where.begin(), failure.where.end(), ':'), 2) << failure.where;
  EXPECT_CONTAINS(failure.what, "malformed YAML");
  const Failure tab = failure_of("name: x\n\tdevices: []\n");
  EXPECT_CONTAINS(tab.what, "malformed YAML");
}

TEST(BadBoard, EmptyFileAndNonMapTop) {
  const Failure empty = failure_of("");
  EXPECT_EQ(empty.where, "board.yaml:1");
  EXPECT_CONTAINS(
      empty.what,
      "expected a board (a map with keys name, description, devices, links), got nothing");
  EXPECT_CONTAINS(failure_of("- 1\n- 2\n").what, "expected a board");
  EXPECT_CONTAINS(failure_of("name: x\n---\nname: y\n").what, "holds 2 YAML documents");
}

TEST(BadBoard, MissingFileAndDirectory) {
  const std::string missing = hsim::testing::temp_path("no_such_board.yaml");
  try {
    load_board_file(missing);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), missing);
    EXPECT_CONTAINS(e.what(), "cannot be read");
  }
  try {
    load_board_file(kBoards);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "is a directory");
  }
}

TEST(BadBoard, AliasBombIsRefused) {
  // Nine levels of ten aliases would expand to 10^9 values.
  std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) yaml += prev + (j < 9 ? ", " : "]\n");
  }
  EXPECT_CONTAINS(failure_of(yaml).what, "more than 1000000 values");
}

// Bad overrides.

Failure override_failure(const std::string& spec) {
  return failure_of(kBase, {spec});
}

TEST(BadOverride, UnknownKey) {
  const Failure failure = override_failure("devices.soc.dram.latncy=80 ns");
  EXPECT_EQ(failure.where, "--set 'devices.soc.dram.latncy=80 ns'");
  EXPECT_CONTAINS(failure.what,
                  "devices.soc.dram.latncy: unknown key 'latncy' (did you mean 'latency'?)");
}

TEST(BadOverride, PathThatLeadsNowhere) {
  EXPECT_CONTAINS(override_failure("devices.soc.pus.gpu.clock=1 GHz").what,
                  "no item named 'gpu' in 'devices.soc.pus' (names there: cpu, npu)");
  EXPECT_CONTAINS(override_failure("devices.soc.ddr.size=1 GiB").what,
                  "no key 'ddr' in 'devices.soc'");
  EXPECT_CONTAINS(override_failure("devices[1].dram.size=1 GiB").what,
                  "index [1] is out of range: 'devices' has 1 item");
  EXPECT_CONTAINS(override_failure("name.x=1").what, "'name' is a single value");
  for (const char* spec : {"noequals", "=1", "a..b=1", "a.=1", "a[x]=1", "a[1=2"})
    EXPECT_EQ(override_failure(spec).where, std::string("--set '") + spec + "'") << spec;
}

TEST(BadOverride, ValueThatBreaksTheBoard) {
  const Failure clock = override_failure("devices.soc.pus.npu.clock=fast");
  EXPECT_EQ(clock.where, "--set 'devices.soc.pus.npu.clock=fast'");
  EXPECT_CONTAINS(clock.what,
                  "devices.soc.pus.npu.clock: expected a frequency such as '1.2 GHz', got 'fast'");
  EXPECT_CONTAINS(override_failure("devices.soc.pus.npu.dma=dma9").what,
                  "no DMA engine named 'dma9'");
  EXPECT_CONTAINS(override_failure("devices.soc.pus.npu.local_sram=0 B").what,
                  "expected a size above zero");
  EXPECT_CONTAINS(override_failure("devices.soc.pus.npu.array=[1, 2").what,
                  "the value is not valid YAML");
}

TEST(BadOverride, AmbiguousName) {
  const std::string yaml = replaced(kBase, "      - name: npu", "      - name: cpu");
  EXPECT_CONTAINS(failure_of(yaml, {"devices.soc.pus.cpu.count=3"}).what,
                  "several items in 'devices.soc.pus' are named 'cpu'");
}

// The unused-key safety net.

TEST(UnusedKeys, AnEntryNoReaderUsedIsReported) {
  const hsim::config::Node tree =
      hsim::config::parse_yaml_text("a: 1\nb:\n  c: 2\n  d: 3\n", "t.yaml");
  const hsim::config::Cursor root(tree);
  root.key("a");
  root.key("b").key("c");
  try {
    hsim::config::report_unused(tree);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "t.yaml:4");
    EXPECT_CONTAINS(e.what(), "b.d: unknown key 'd'");
  }
  root.key("b").key("d");
  EXPECT_NO_THROW(hsim::config::report_unused(tree));
}

}  // namespace
