#include "support/test_boards.h"

namespace hsim::testing {

sim::BoardSpec TestBoard::build() const {
  sim::BoardSpec board;
  board.name = "test";
  board.source = "test_boards.cpp";
  for (int d = 0; d < devices; ++d) {
    sim::DeviceSpec device;
    device.name = devices == 1 ? "soc" : "dev" + std::to_string(d);
    device.interconnect = {bus_bandwidth, bus_latency, sim::Arbitration::kFifo};
    device.dram = {dram_channels, dram_bandwidth, dram_latency, sim::Bytes{1} << 32};
    if (cpu_cores > 0) {
      sim::PuSpec cpu;
      cpu.name = "cpu";
      cpu.kind = sim::PuKind::kCpu;
      cpu.count = cpu_cores;
      cpu.clock = clock;
      cpu.compute[sim::DType::kFloat32] = {16, 16};
      device.pus.push_back(cpu);
    }
    if (npu_cores > 0) {
      device.dmas.push_back({"dma", dma_channels, dma_bandwidth, dma_setup, burst});
      sim::PuSpec npu;
      npu.name = "npu";
      npu.kind = sim::PuKind::kNpu;
      npu.count = npu_cores;
      npu.clock = clock;
      npu.compute[sim::DType::kInt8] = {1024, 64};
      npu.array = sim::SystolicArraySpec{32, 32, sim::Dataflow::kOutputStationary};
      npu.local_sram = 1 << 20;
      npu.dma = "dma";
      device.pus.push_back(npu);
    }
    device.energy.per_byte_dram = 100;
    board.devices.push_back(device);
  }
  for (int d = 0; d + 1 < devices; ++d)
    board.links.push_back({"link" + std::to_string(d), "dev" + std::to_string(d),
                           "dev" + std::to_string(d + 1), link_bandwidth, link_latency});
  return board;
}

sim::TraceRecord load(sim::Bytes bytes, bool async, const std::string& tag) {
  sim::TraceRecord r;
  r.kind = sim::RecordKind::kLoad;
  r.bytes = bytes;
  r.from = sim::MemoryLevel::kDram;
  r.to = sim::MemoryLevel::kLocal;
  r.async = async;
  r.tag = tag;
  return r;
}

sim::TraceRecord store(sim::Bytes bytes, bool async, const std::string& tag) {
  sim::TraceRecord r = load(bytes, async, tag);
  r.kind = sim::RecordKind::kStore;
  r.from = sim::MemoryLevel::kLocal;
  r.to = sim::MemoryLevel::kDram;
  return r;
}

sim::TraceRecord compute(int64_t cycles) {
  sim::TraceRecord r;
  r.kind = sim::RecordKind::kCompute;
  r.cycles = cycles;
  return r;
}

sim::TraceRecord wait_tag(const std::string& tag) {
  sim::TraceRecord r;
  r.kind = sim::RecordKind::kWait;
  r.tag = tag;
  return r;
}

}  // namespace hsim::testing
