#include "platform/platform.h"

#include <algorithm>
#include <stdexcept>

#include "platform/device_link.h"
#include "platform/device_model.h"
#include "platform/main_stack_for_asan.h"
#include "platform/sc_time_ps.h"

namespace hsim::sim {

struct Platform::Modules {
  BoardSpec board;
  EventBoard events;
  std::vector<std::unique_ptr<DeviceModel>> devices;
  std::vector<std::unique_ptr<DeviceLink>> links;
  std::vector<CoreInfo> core_info;
  std::vector<CoreModel*> cores;  // parallel to core_info

  size_t device_index(const std::string& name) const {
    for (size_t d = 0; d < board.devices.size(); ++d)
      if (board.devices[d].name == name) return d;
    throw std::invalid_argument("no device named '" + name + "'");
  }
};

Platform::Platform(const BoardSpec& board, PlatformOptions options)
    : modules_(std::make_unique<Modules>()) {
  if (!can_elaborate())
    throw std::logic_error("a Platform must be elaborated before the first simulation run");
  if (sc_core::sc_get_time_resolution() != sc_core::sc_time(1, sc_core::SC_PS))
    throw std::logic_error("hsim needs SystemC's time resolution at 1 ps");
  Modules& m = *modules_;
  m.board = board;
  for (size_t d = 0; d < m.board.devices.size(); ++d) {
    const DeviceSpec& spec = m.board.devices[d];
    m.devices.push_back(std::make_unique<DeviceModel>(spec.name.c_str(), spec, options, m.events));
    size_t p = 0;
    int64_t c = 0;
    for (auto& core : m.devices.back()->cores()) {
      m.core_info.push_back({spec.name + "." + spec.pus[p].name + std::to_string(c), d, p, c});
      m.cores.push_back(core.get());
      if (++c == spec.pus[p].count) {
        ++p;
        c = 0;
      }
    }
  }
  for (const LinkSpec& spec : m.board.links) {
    const size_t a = m.device_index(spec.from);
    const size_t b = m.device_index(spec.to);
    m.links.push_back(
        std::make_unique<DeviceLink>(spec.name.c_str(), spec.bandwidth, spec.latency));
    DeviceLink& link = *m.links.back();
    m.devices[a]->map_target(link.from_a, DeviceModel::link_window(b));
    m.devices[b]->map_target(link.from_b, DeviceModel::link_window(a));
    link.to_b.bind(m.devices[b]->interconnect().targets_side);
    link.to_a.bind(m.devices[a]->interconnect().targets_side);
    m.devices[a]->add_link_route(spec.to, DeviceModel::link_window(b));
    m.devices[b]->add_link_route(spec.from, DeviceModel::link_window(a));
  }
}

Platform::~Platform() = default;

bool Platform::can_elaborate() {
  return sc_core::sc_get_status() == sc_core::SC_ELABORATION;
}

const BoardSpec& Platform::board() const {
  return modules_->board;
}
const std::vector<CoreInfo>& Platform::cores() const {
  return modules_->core_info;
}

std::optional<size_t> Platform::find_core(const std::string& name) const {
  for (size_t i = 0; i < modules_->core_info.size(); ++i)
    if (modules_->core_info[i].name == name) return i;
  return std::nullopt;
}

RunResult Platform::run(const std::vector<CoreProgram>& programs) {
  Modules& m = *modules_;
  // Events notified before simulation starts are lost in SystemC's initialization phase, so the
  // first run first lets every process reach its wait for work.
  if (can_elaborate()) {
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
    reannounce_main_stack_to_asan();
  }
  const Picoseconds start = now_ps();
  for (auto& device : m.devices) device->reset(start);
  for (auto& link : m.links) link->reset(start);
  m.events.reset();
  for (CoreModel* core : m.cores) core->set_program({});
  for (const CoreProgram& program : programs) {
    CoreModel* core = m.cores.at(program.core);
    core->set_program(program.kernels);
    core->start();
  }
  sc_core::sc_start();
  reannounce_main_stack_to_asan();

  RunResult result;
  result.core_finish.assign(m.cores.size(), 0);
  result.kernel_ends.resize(m.cores.size());
  for (size_t i = 0; i < m.cores.size(); ++i) {
    if (!m.cores[i]->has_program()) continue;
    for (Picoseconds end : m.cores[i]->kernel_ends()) result.kernel_ends[i].push_back(end - start);
    result.core_finish[i] = m.cores[i]->finished_at() - start;
    result.latency = std::max(result.latency, result.core_finish[i]);
  }
  for (size_t d = 0; d < m.devices.size(); ++d) {
    result.dram_bytes += m.devices[d]->dram_bytes();
    // Static power in uW over ps is 1e-18 J = 1e-3 fJ.
    result.energy += m.devices[d]->dynamic_energy() +
                     m.board.devices[d].energy.static_power * result.latency / 1000;
    m.devices[d]->collect_stats(result.stats);
    m.devices[d]->collect_transfers(result.transfers);
  }
  for (TransferSpan& span : result.transfers) {
    span.start -= start;
    span.end -= start;
  }
  for (size_t l = 0; l < m.links.size(); ++l) {
    const Bytes moved = m.links[l]->bytes_moved();
    result.link_bytes += moved;
    result.energy +=
        moved * m.board.devices[m.device_index(m.board.links[l].from)].energy.per_byte_link;
    m.links[l]->collect_stats(result.stats);
  }
  return result;
}

}  // namespace hsim::sim
