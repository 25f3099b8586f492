#include "platform/device_model.h"

namespace hsim::sim {

DeviceModel::DeviceModel(sc_core::sc_module_name name, const DeviceSpec& spec,
                         const PlatformOptions& options, EventBoard& events)
    : sc_module(name), spec_(spec) {
  const Bytes interleave = options.interleave();
  interconnect_ = std::make_unique<Interconnect>("interconnect", spec.interconnect.bandwidth,
                                                 spec.interconnect.latency);
  dram_ = std::make_unique<MemoryTarget>("dram", spec.dram.channels, spec.dram.bandwidth,
                                         spec.dram.latency, interleave);
  map_target(dram_->socket, 0);
  addresses_.dram_size = static_cast<uint64_t>(spec.dram.size);
  if (spec.shared_sram) {
    sram_ = std::make_unique<MemoryTarget>("sram", 1, spec.shared_sram->bandwidth,
                                           spec.shared_sram->latency, interleave);
    map_target(sram_->socket, kWindow);
    addresses_.sram_base = kWindow;
    addresses_.sram_size = static_cast<uint64_t>(spec.shared_sram->size);
  }
  for (const DmaSpec& dma : spec.dmas) {
    engines_.push_back(std::make_unique<TransferEngine>(dma.name.c_str(), dma.channels,
                                                        dma.bandwidth, dma.setup_latency,
                                                        options.burst_for(dma.burst)));
    engines_.back()->socket.bind(interconnect_->targets_side);
  }
  for (const PuSpec& pu : spec.pus) {
    for (int64_t c = 0; c < pu.count; ++c) {
      const std::string core_name = pu.name + std::to_string(c);
      TransferEngine* engine = nullptr;
      for (size_t e = 0; e < spec.dmas.size(); ++e)
        if (spec.dmas[e].name == pu.dma) engine = engines_[e].get();
      if (!engine) {
        // No DMA: the core moves data through its own load/store port (one channel, limited
        // only by what it crosses).
        engines_.push_back(std::make_unique<TransferEngine>((core_name + "_port").c_str(), 1, 0, 0,
                                                            options.burst_for(options.port_burst)));
        engines_.back()->socket.bind(interconnect_->targets_side);
        engine = engines_.back().get();
      }
      cores_.push_back(
          std::make_unique<CoreModel>(core_name.c_str(), pu, *engine, addresses_, events));
    }
  }
}

void DeviceModel::map_target(tlm::tlm_target_socket<>& target, uint64_t base) {
  interconnect_->initiators_side.bind(target);
  interconnect_->map(base, kWindow, next_port_++);
}

void DeviceModel::add_link_route(const std::string& peer, uint64_t base) {
  addresses_.link_base[peer] = base;
  if (addresses_.first_peer.empty()) addresses_.first_peer = peer;
}

void DeviceModel::reset(Picoseconds now) {
  interconnect_->reset(now);
  dram_->reset(now);
  if (sram_) sram_->reset(now);
  for (auto& engine : engines_) engine->reset(now);
  for (auto& core : cores_) core->reset(now);
  addresses_.cursor = 0;
}

Femtojoules DeviceModel::dynamic_energy() const {
  const EnergySpec& energy = spec_.energy;
  Femtojoules total = dram_->bytes_served() * energy.per_byte_dram;
  if (sram_) total += sram_->bytes_served() * energy.per_byte_shared_sram;
  for (const auto& engine : engines_) total += engine->bytes_moved() * energy.per_byte_local;
  for (const auto& core : cores_) total += core->compute_energy(energy);
  return total;
}

void DeviceModel::collect_stats(std::vector<Stat>& out) const {
  interconnect_->collect_stats(out);
  dram_->collect_stats(out);
  if (sram_) sram_->collect_stats(out);
  for (const auto& engine : engines_) engine->collect_stats(out);
  for (const auto& core : cores_) core->collect_stats(out);
  out.push_back({std::string(name()) + ".dynamic_energy", static_cast<double>(dynamic_energy()),
                 "fJ", "compute, memory and transfer energy of this run"});
}

}  // namespace hsim::sim

namespace hsim::sim {

void DeviceModel::collect_transfers(std::vector<TransferSpan>& out) const {
  for (const auto& engine : engines_)
    out.insert(out.end(), engine->spans().begin(), engine->spans().end());
}

}  // namespace hsim::sim
