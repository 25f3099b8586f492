#include "search/evaluation_memo.h"

#include "common/dtype.h"

namespace hsim::explorer {

std::string canonical_key(const sim::Schedule& schedule) {
  std::string key = "inferences " + std::to_string(schedule.inferences) + '\n';
  for (const sim::ScheduledTask& task : schedule.tasks) {
    for (const std::string& op : task.ops) key += op + ',';
    key += '@' + task.device + '.' + task.pu + ':';
    for (int64_t core : task.cores) key += std::to_string(core) + ',';
    key += '/' + (task.split ? std::to_string(static_cast<int>(*task.split)) : std::string("-"));
    key += '/';
    for (int64_t share : task.shares) key += std::to_string(share) + ',';
    key += "/p" + std::to_string(task.priority) + '/';
    key += task.dtype ? std::string(sim::dtype_name(*task.dtype)) : std::string("-");
    if (!task.kernel.empty()) key += "/k" + std::to_string(sim::kernel_choice_code(task.kernel));
    key += '\n';
  }
  return key;
}

std::optional<Evaluation> EvaluationMemo::find(const std::string& key) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  ++hits_;
  return it->second;
}

void EvaluationMemo::store(const std::string& key, const Evaluation& evaluation) {
  entries_.emplace(key, evaluation);
}

}  // namespace hsim::explorer
