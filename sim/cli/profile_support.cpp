#include "cli/profile_support.h"

#include <map>
#include <ostream>

#include "kernels/kernel_model.h"
#include "profile/profile_file.h"
#include "schedule/schedule_checks.h"

namespace hsim::cli {

std::unique_ptr<sim::ProfileTimes> load_profile_option(const std::string& path) {
  if (path.empty()) return nullptr;
  return std::make_unique<sim::ProfileTimes>(sim::load_profile_file(path));
}

void print_profile_coverage(const sim::Network& network, const sim::BoardSpec& board,
                            const sim::Schedule& schedule, const sim::ProfileTimes* times,
                            const std::string& path, std::ostream& out) {
  if (!times) return;
  const auto resolved = sim::check_schedule(schedule, network, board, path);
  size_t measured = 0, total = 0;
  std::map<std::string, std::pair<int, std::string>> modelled;  // type -> count, example
  for (const sim::ResolvedTask& task : resolved) {
    const sim::PuSpec& pu = board.devices[task.device].pus[task.pu];
    const sim::DType dtype =
        sim::resolve_kernel_dtype(network, network.op(task.ops.front()), pu, task.task->dtype);
    const bool group = task.ops.size() > 1 && times->time(network, task.ops, pu.kind, dtype, 1);
    for (sim::OpId op : task.ops) {
      if (network.op(op).cost.is_view) continue;
      ++total;
      if (group || times->time(network, {op}, pu.kind, dtype, 1)) {
        ++measured;
      } else {
        auto& entry = modelled[network.op(op).type];
        if (entry.first++ == 0) entry.second = network.op(op).name;
      }
    }
  }
  out << "Profile " << path << ": " << measured << " of " << total << " scheduled ops measured";
  if (!modelled.empty()) {
    out << "; modelled (not in the profile):";
    bool first = true;
    for (const auto& [type, entry] : modelled) {
      out << (first ? " " : ", ") << type << " " << entry.first << " (e.g. " << entry.second << ")";
      first = false;
    }
  }
  out << '\n';
}

}  // namespace hsim::cli
