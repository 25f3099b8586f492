#include "platform/core_model.h"

#include "platform/sc_time_ps.h"

namespace hsim::sim {

CoreModel::CoreModel(sc_core::sc_module_name name, const PuSpec& pu, TransferEngine& engine,
                     AddressPlan& addresses, EventBoard& events)
    : sc_module(name), pu_(pu), engine_(engine), addresses_(addresses), events_(events) {
  if (!pu.caches.empty())
    local_copy_ = std::make_unique<BandwidthResource>(std::string(this->name()) + ".cache",
                                                      pu.caches.front().bandwidth);
  sc_core::sc_spawn([this] { run(); }, "executor");
}

void CoreModel::run() {
  while (true) {
    sc_core::wait(start_event_);
    for (const KernelTrace* trace : program_) {
      execute(*trace);
      kernel_ends_.push_back(now_ps());
    }
    finished_at_ = now_ps();
    done_event_.notify();
  }
}

void CoreModel::execute(const KernelTrace& trace) {
  for (const TraceRecord& record : trace.records) {
    switch (record.kind) {
      case RecordKind::kCompute: {
        const Picoseconds duration = cycles_to_ps(record.cycles, pu_.clock);
        compute_busy_ += duration;
        macs_ += record.macs;
        ops_ += record.ops;
        macs_by_dtype_[trace.dtype] += record.macs;
        if (duration > 0) sc_core::wait(ps_to_sc(duration));
        break;
      }
      case RecordKind::kLoad:
      case RecordKind::kStore:
        transfer(record);
        break;
      case RecordKind::kWait:
        if (!record.tag.empty()) {
          auto it = pending_.find(record.tag);
          if (it == pending_.end())
            SC_REPORT_ERROR(name(), ("wait on unknown tag '" + record.tag + "' in kernel '" +
                                     trace.name + "'").c_str());
          const Picoseconds before = now_ps();
          if (!it->second->done) sc_core::wait(it->second->event);
          stalled_ += now_ps() - before;
          pending_.erase(it);
        } else {
          const Picoseconds before = now_ps();
          events_.wait_for(record.event);
          stalled_ += now_ps() - before;
        }
        break;
      case RecordKind::kSignal:
        events_.signal(record.event);
        break;
    }
  }
}

void CoreModel::transfer(const TraceRecord& record) {
  const bool from_local = record.from == MemoryLevel::kLocal;
  const bool to_local = record.to == MemoryLevel::kLocal;
  const Picoseconds before = now_ps();
  if (from_local && to_local) {
    // A copy inside the core's own memories (cache-resident data): no shared resource involved.
    if (local_copy_) {
      const auto grant = local_copy_->reserve(now_ps(), record.bytes);
      sc_core::wait(ps_to_sc(grant.end - now_ps()));
    }
    stalled_ += now_ps() - before;
    return;
  }
  // The shared side of the transfer decides the address; reading it is a load, writing a store.
  const bool write = from_local || record.kind == RecordKind::kStore;
  const MemoryLevel shared = from_local ? record.to : record.from;
  auto completion =
      engine_.submit(record.bytes, address_for(shared, record.peer, record.bytes), write);
  if (record.async) {
    pending_[record.tag] = std::move(completion);
    return;
  }
  if (!completion->done) sc_core::wait(completion->event);
  stalled_ += now_ps() - before;
}

uint64_t CoreModel::address_for(MemoryLevel level, const std::string& peer, Bytes bytes) {
  uint64_t base = addresses_.dram_base;
  uint64_t size = addresses_.dram_size;
  if (level == MemoryLevel::kSharedSram) {
    base = addresses_.sram_base;
    size = addresses_.sram_size;
  } else if (level == MemoryLevel::kLink) {
    const std::string& device = peer.empty() ? addresses_.first_peer : peer;
    auto it = addresses_.link_base.find(device);
    if (it == addresses_.link_base.end())
      SC_REPORT_ERROR(name(), ("no link to device '" + device + "'").c_str());
    base = it->second;
  }
  if (size == 0) SC_REPORT_ERROR(name(), "transfer to a memory level this device does not have");
  const uint64_t offset = addresses_.cursor % size;
  addresses_.cursor += static_cast<uint64_t>(bytes);
  return base + offset;
}

void CoreModel::reset(Picoseconds now) {
  pending_.clear();
  finished_at_ = now;
  kernel_ends_.clear();
  compute_busy_ = stalled_ = 0;
  macs_ = ops_ = 0;
  macs_by_dtype_.clear();
  if (local_copy_) local_copy_->reset(now);
}

Femtojoules CoreModel::compute_energy(const EnergySpec& energy) const {
  Femtojoules total = ops_ * energy.per_op;
  for (const auto& [dtype, macs] : macs_by_dtype_) {
    auto it = energy.per_mac.find(dtype);
    if (it != energy.per_mac.end()) total += macs * it->second;
  }
  return total;
}

void CoreModel::collect_stats(std::vector<Stat>& out) const {
  const std::string prefix = name();
  out.push_back({prefix + ".compute_busy", static_cast<double>(compute_busy_), "ps",
                 "time spent computing"});
  out.push_back({prefix + ".stalled", static_cast<double>(stalled_), "ps",
                 "time waiting for transfers and events"});
  out.push_back({prefix + ".macs", static_cast<double>(macs_), "count", "MACs executed"});
  out.push_back({prefix + ".ops", static_cast<double>(ops_), "count", "other operations"});
}

}  // namespace hsim::sim
