#pragma once

#include <memory>
#include <systemc>
#include <vector>

#include "platform/core_model.h"
#include "platform/event_board.h"
#include "platform/interconnect.h"
#include "platform/memory_target.h"
#include "platform/platform_options.h"
#include "platform/transfer_engine.h"

namespace hsim::sim {

// One device of a board as a SystemC module: its interconnect, DRAM, optional shared SRAM, DMA
// engines and cores, named hierarchically under the device's name ("soc.dram", "soc.npu0").
// Address space: DRAM at 0, shared SRAM and each outgoing link in windows of 2^40 bytes above.
class DeviceModel : public sc_core::sc_module {
 public:
  static constexpr uint64_t kWindow = uint64_t{1} << 40;
  static uint64_t link_window(size_t peer) { return (2 + peer) * kWindow; }

  DeviceModel(sc_core::sc_module_name name, const DeviceSpec& spec, const PlatformOptions& options,
              EventBoard& events);

  // Routes [base, base + kWindow) of this device's address space to `target`.
  void map_target(tlm::tlm_target_socket<>& target, uint64_t base);
  void add_link_route(const std::string& peer, uint64_t base);

  Interconnect& interconnect() { return *interconnect_; }
  std::vector<std::unique_ptr<CoreModel>>& cores() { return cores_; }
  void reset(Picoseconds now);
  Bytes dram_bytes() const { return dram_->bytes_served(); }
  // Dynamic energy of this run so far: memory traffic, local transfers and compute.
  Femtojoules dynamic_energy() const;
  void collect_stats(std::vector<Stat>& out) const;
  void collect_transfers(std::vector<TransferSpan>& out) const;

 private:
  const DeviceSpec& spec_;
  std::unique_ptr<Interconnect> interconnect_;
  std::unique_ptr<MemoryTarget> dram_;
  std::unique_ptr<MemoryTarget> sram_;
  std::vector<std::unique_ptr<TransferEngine>> engines_;  // DMAs, then cores' own ports
  std::vector<std::unique_ptr<CoreModel>> cores_;
  AddressPlan addresses_;
  unsigned next_port_ = 0;
};

}  // namespace hsim::sim
