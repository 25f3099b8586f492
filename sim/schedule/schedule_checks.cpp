#include "schedule/schedule_checks.h"

#include <fmt/format.h>

#include <set>
#include <unordered_map>

#include "common/error.h"
#include "schedule/op_linking.h"
#include "schedule/op_shards.h"

namespace hsim::sim {

namespace {

std::string task_label(size_t index, const ScheduledTask& task) {
  return fmt::format("task {} ({})", index, task.ops.empty() ? "" : task.ops.front());
}

size_t find_device(const BoardSpec& board, const std::string& name, const std::string& where) {
  if (name.empty()) return 0;
  for (size_t d = 0; d < board.devices.size(); ++d)
    if (board.devices[d].name == name) return d;
  throw InputError(where, "no device '" + name + "' on board '" + board.name + "'");
}

size_t find_pu(const DeviceSpec& device, const std::string& name, const std::string& where) {
  std::string known;
  for (size_t p = 0; p < device.pus.size(); ++p) {
    if (device.pus[p].name == name) return p;
    known += (known.empty() ? "" : ", ") + device.pus[p].name;
  }
  throw InputError(where, "no PU '" + name + "' on device '" + device.name + "' (PUs: " + known +
                              ")");
}

}  // namespace

std::vector<ResolvedTask> check_schedule(const Schedule& schedule, const Network& network,
                                         const BoardSpec& board, const std::string& source) {
  if (schedule.inferences < 1)
    throw InputError(source, "inferences must be at least 1 (got " +
                                 std::to_string(schedule.inferences) + ")");
  std::unordered_map<std::string, OpId> op_ids;
  for (size_t i = 0; i < network.ops().size(); ++i)
    op_ids.emplace(network.ops()[i].name, static_cast<OpId>(i));
  std::vector<int> scheduled(network.ops().size(), 0);
  std::vector<ResolvedTask> resolved;
  for (size_t t = 0; t < schedule.tasks.size(); ++t) {
    const ScheduledTask& task = schedule.tasks[t];
    const std::string where = source + ": " + task_label(t, task);
    ResolvedTask r{&task, find_device(board, task.device, where), 0, {}};
    const DeviceSpec& device = board.devices[r.device];
    r.pu = find_pu(device, task.pu, where);
    const PuSpec& pu = device.pus[r.pu];
    if (task.ops.size() > 1 && task.cores.size() > 1)
      throw InputError(where, "a linked chain runs on one core; it cannot also be split");
    if (task.cores.empty()) throw InputError(where, "needs at least one core");
    if (task.cores.size() > 1 && !task.split)
      throw InputError(where, "several cores need a split axis (split: channels)");
    if (!task.shares.empty() && task.shares.size() != task.cores.size())
      throw InputError(where, fmt::format("{} shares for {} cores", task.shares.size(),
                                          task.cores.size()));
    if (std::set<int64_t>(task.cores.begin(), task.cores.end()).size() != task.cores.size())
      throw InputError(where, "a core is listed twice");
    for (int64_t core : task.cores)
      if (core < 0 || core >= pu.count)
        throw InputError(where, fmt::format("PU '{}' has cores 0..{}, not {}", pu.name,
                                            pu.count - 1, core));
    for (const std::string& name : task.ops) {
      auto it = op_ids.find(name);
      if (it == op_ids.end()) throw InputError(where, "the network has no op '" + name + "'");
      const Op& op = network.op(it->second);
      if (!pu.supports(op.type))
        throw InputError(where, fmt::format("op '{}' ({}) is not supported by PU '{}'", name,
                                            op.type, pu.name));
      if (task.split) {
        const std::string reason = split_unsupported_reason(network, op, *task.split);
        if (!reason.empty()) throw InputError(where, "cannot split op '" + name + "': " + reason);
      }
      if (++scheduled[static_cast<size_t>(it->second)] > 1)
        throw InputError(where, "op '" + name + "' is scheduled twice");
      r.ops.push_back(it->second);
    }
    if (const std::string problem = chain_problem(network, r.ops); !problem.empty())
      throw InputError(where, problem);
    resolved.push_back(std::move(r));
  }
  for (size_t i = 0; i < network.ops().size(); ++i)
    if (scheduled[i] == 0 && !network.ops()[i].cost.is_view)
      throw InputError(source, "op '" + network.ops()[i].name + "' (" + network.ops()[i].type +
                                   ") is not scheduled");
  return resolved;
}

}  // namespace hsim::sim
