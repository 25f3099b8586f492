#pragma once

#include <map>
#include <memory>
#include <systemc>
#include <vector>

#include "board/board_spec.h"
#include "platform/bandwidth_resource.h"
#include "platform/event_board.h"
#include "platform/transfer_engine.h"
#include "trace/kernel_trace.h"

namespace hsim::sim {

// Where a core's transfers go: the address windows of its device (DRAM, shared SRAM, links to
// other devices), and a cursor that gives every transfer fresh addresses so bursts spread over
// DRAM channels the way streaming buffers do.
struct AddressPlan {
  uint64_t dram_base = 0;
  uint64_t dram_size = 0;
  uint64_t sram_base = 0;
  uint64_t sram_size = 0;
  std::map<std::string, uint64_t> link_base;  // by peer device
  std::string first_peer;
  uint64_t cursor = 0;
};

// One core of a PU executing kernel traces (see trace/kernel_trace.h for the record semantics).
// Compute takes cycles / clock. Transfers between `local` and a shared level go through the
// core's transfer engine (its PU's DMA, or the core's own port); local-to-local copies move at
// the innermost cache's bandwidth (instantly where the PU has none).
class CoreModel : public sc_core::sc_module, public StatsSource {
 public:
  CoreModel(sc_core::sc_module_name name, const PuSpec& pu, TransferEngine& engine,
            AddressPlan& addresses, EventBoard& events);

  // Runs `program` (kernels back to back) when start() fires; done_event() fires at the end.
  void set_program(std::vector<const KernelTrace*> program) { program_ = std::move(program); }
  void start() { start_event_.notify(sc_core::SC_ZERO_TIME); }
  const sc_core::sc_event& done_event() const { return done_event_; }
  bool has_program() const { return !program_.empty(); }
  Picoseconds finished_at() const { return finished_at_; }
  // When each kernel of the program ended, in program order.
  const std::vector<Picoseconds>& kernel_ends() const { return kernel_ends_; }
  void reset(Picoseconds now);

  Picoseconds compute_busy() const { return compute_busy_; }
  int64_t macs() const { return macs_; }
  int64_t ops() const { return ops_; }
  Femtojoules compute_energy(const EnergySpec& energy) const;
  void collect_stats(std::vector<Stat>& out) const override;

 private:
  void run();
  void execute(const KernelTrace& trace);
  void transfer(const TraceRecord& record);
  uint64_t address_for(MemoryLevel level, const std::string& peer, Bytes bytes);

  const PuSpec& pu_;
  TransferEngine& engine_;
  AddressPlan& addresses_;
  EventBoard& events_;
  std::unique_ptr<BandwidthResource> local_copy_;
  std::vector<const KernelTrace*> program_;
  std::map<std::string, std::shared_ptr<TransferCompletion>> pending_;
  sc_core::sc_event start_event_;
  sc_core::sc_event done_event_;
  Picoseconds finished_at_ = 0;
  std::vector<Picoseconds> kernel_ends_;
  Picoseconds compute_busy_ = 0;
  Picoseconds stalled_ = 0;
  int64_t macs_ = 0;
  int64_t ops_ = 0;
  std::map<DType, int64_t> macs_by_dtype_;
};

}  // namespace hsim::sim
