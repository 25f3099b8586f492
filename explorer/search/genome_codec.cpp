#include "search/genome_codec.h"

#include <algorithm>
#include <set>

#include "common/error.h"

namespace hsim::explorer {

namespace {

// A gene after repair: what its op's task (or its chain's) will say.
struct Resolved {
  uint32_t place = 0;
  std::vector<int64_t> cores;
  std::optional<sim::SplitAxis> split;
  std::vector<int64_t> shares;
  sim::DType dtype = sim::DType::kFloat32;
  int64_t priority = 0;
  sim::KernelChoice kernel;
};

void count(RepairCounts* repairs, const char* reason) {
  if (repairs) ++(*repairs)[reason];
}

Resolved resolve(const SearchSpace& space, size_t index, const Gene& gene, RepairCounts* repairs) {
  const GeneChoices& choices = space.gene(index);
  Resolved r;
  r.priority = gene.priority;
  r.kernel = gene.kernel;
  r.place = gene.place;
  r.cores = gene.cores;
  r.split = gene.split;
  r.shares = gene.shares;
  if (!space.can_run(index, r.place)) {
    count(repairs, "op moved to a PU that can run it");
    r.place = choices.places.front();
    r.cores = {0};
  }
  const sim::PuSpec& pu = *space.places()[r.place].spec;
  // Kernel choices mean something only for matrix ops on NPUs and DSPs (SearchSpace): elsewhere
  // they are dropped, so that one schedule has one spelling and the memo sees it once.
  if (!space.kernel_choice_matters(index, r.place)) r.kernel = {};
  if (r.cores.empty()) {
    count(repairs, "no core given: core 0");
    r.cores = {0};
  }
  std::set<int64_t> seen;
  std::vector<int64_t> cores;
  for (int64_t core : r.cores)
    if (core >= 0 && core < pu.count && seen.insert(core).second) cores.push_back(core);
  if (cores.size() != r.cores.size()) {
    count(repairs, "cores the PU lacks or listed twice dropped");
    r.shares.clear();
    if (cores.empty()) cores = {0};
  }
  r.cores = std::move(cores);
  if (r.cores.size() > 1) {
    const auto& axes = choices.split_axes;
    if (!r.split || std::find(axes.begin(), axes.end(), *r.split) == axes.end()) {
      count(repairs, "split dropped: the op cannot be split that way");
      r.cores.resize(1);
    }
  }
  if (r.cores.size() == 1) {
    r.split.reset();
    r.shares.clear();
  }
  if (!r.shares.empty()) {
    const bool positive =
        std::all_of(r.shares.begin(), r.shares.end(), [](int64_t s) { return s > 0; });
    if (r.shares.size() != r.cores.size() || !positive) {
      count(repairs, "shares dropped: they did not match the cores");
      r.shares.clear();
    } else if (std::all_of(r.shares.begin(), r.shares.end(),
                           [&](int64_t s) { return s == r.shares.front(); })) {
      r.shares.clear();  // equal shares are the default: one spelling per schedule
    }
  }
  r.dtype = *choices.dtype[r.place];
  if (gene.dtype) {
    if (pu.compute.count(*gene.dtype))
      r.dtype = *gene.dtype;
    else
      count(repairs, "element type the PU lacks replaced");
  }
  return r;
}

bool same_core(const Resolved& a, const Resolved& b) {
  return a.place == b.place && a.cores == b.cores && a.dtype == b.dtype;
}

// Tasks being formed by linking genes: each gene's task (named by its first gene) and each
// task's genes in chain order.
class Tasks {
 public:
  explicit Tasks(size_t genes) : task_of_(genes), members_(genes) {
    for (size_t g = 0; g < genes; ++g) {
      task_of_[g] = g;
      members_[g] = {g};
    }
  }

  // Whether appending task `to` (a single gene, not yet linked) to task `from` would make tasks
  // wait on each other: some other task lies on a path from `from` to `to`. Contracting an edge
  // of a DAG leaves it acyclic unless such a path exists, so checking each link as it is made
  // keeps the task graph acyclic.
  bool closes_cycle(const SearchSpace& space, size_t from, size_t to) const {
    std::vector<size_t> stack;
    std::set<size_t> seen = {from, to};
    auto expand = [&](size_t task) {
      for (size_t g : members_[task])
        for (uint32_t user : space.gene(g).used_by) {
          const size_t t = task_of_[user];
          if (t == to && task != from) return true;
          if (seen.insert(t).second) stack.push_back(t);
        }
      return false;
    };
    if (expand(from)) return true;
    while (!stack.empty()) {
      const size_t task = stack.back();
      stack.pop_back();
      if (expand(task)) return true;
    }
    return false;
  }

  void append(size_t from, size_t to) {
    for (size_t g : members_[to]) {
      task_of_[g] = from;
      members_[from].push_back(g);
    }
    members_[to].clear();
  }

  size_t task_of(size_t gene) const { return task_of_[gene]; }
  // Non-empty tasks in the order of their first gene.
  std::vector<std::vector<size_t>> list() const {
    std::vector<std::vector<size_t>> tasks;
    for (const auto& members : members_)
      if (!members.empty()) tasks.push_back(members);
    return tasks;
  }

 private:
  std::vector<size_t> task_of_;
  std::vector<std::vector<size_t>> members_;
};

}  // namespace

sim::Schedule decode(const SearchSpace& space, const Genome& genome, const std::string& strategy,
                     RepairCounts* repairs) {
  if (genome.size() != space.size())
    throw std::invalid_argument("decode: a genome of " + std::to_string(genome.size()) +
                                " genes for a space of " + std::to_string(space.size()));
  std::vector<Resolved> resolved;
  resolved.reserve(genome.size());
  for (size_t g = 0; g < genome.size(); ++g)
    resolved.push_back(resolve(space, g, genome[g], repairs));

  // Links in gene order: a link's successor comes later, so it is still a task of its own.
  Tasks tasks(genome.size());
  std::vector<bool> linked_to(genome.size(), false);
  for (size_t g = 0; g < genome.size(); ++g) {
    const int32_t link = genome[g].link;
    if (link < 0) continue;
    const auto& targets = space.gene(g).link_targets;
    if (static_cast<size_t>(link) >= targets.size()) {
      count(repairs, "link dropped: no such successor");
      continue;
    }
    const size_t to = targets[static_cast<size_t>(link)];
    if (resolved[g].cores.size() > 1 || resolved[to].cores.size() > 1)
      count(repairs, "link dropped: a split op cannot be linked");
    else if (!same_core(resolved[g], resolved[to]))
      count(repairs, "link dropped: the ops run on different cores or element types");
    else if (linked_to[to])
      count(repairs, "link dropped: the successor is linked to another op");
    else if (tasks.closes_cycle(space, tasks.task_of(g), to))
      count(repairs, "link dropped: it would make tasks wait on each other");
    else {
      linked_to[to] = true;
      tasks.append(tasks.task_of(g), to);
    }
  }

  sim::Schedule schedule;
  schedule.strategy = strategy;
  for (const std::vector<size_t>& chain : tasks.list()) {
    const Resolved& head = resolved[chain.front()];
    const Place& place = space.places()[head.place];
    sim::ScheduledTask task;
    for (size_t g : chain) task.ops.push_back(space.network().op(space.gene(g).op).name);
    task.device = place.device_name;
    task.pu = place.spec->name;
    task.cores = head.cores;
    task.split = head.split;
    task.shares = head.shares;
    task.priority = head.priority;
    task.dtype = head.dtype;
    task.kernel = head.kernel;
    schedule.tasks.push_back(std::move(task));
  }
  return schedule;
}

Genome encode(const SearchSpace& space, const sim::Schedule& schedule, RepairCounts* dropped) {
  Genome genome(space.size());
  for (size_t g = 0; g < space.size(); ++g) genome[g].place = space.gene(g).places.front();
  for (const sim::ScheduledTask& task : schedule.tasks) {
    const auto place = space.place_of(task.device, task.pu);
    if (!place)
      throw InputError("schedule " + schedule.strategy,
                       "no PU '" + task.pu + "' on device '" + task.device + "' of the board");
    std::optional<size_t> previous;
    for (const std::string& name : task.ops) {
      const auto op = space.network().find_op(name);
      if (!op)
        throw InputError("schedule " + schedule.strategy, "the network has no op '" + name + "'");
      const auto index = space.gene_of(*op);
      if (!index) continue;  // a view: it follows its input wherever that runs
      Gene& gene = genome[*index];
      gene.place = *place;
      gene.cores = task.cores;
      gene.split = task.split;
      gene.shares = task.shares;
      gene.priority = task.priority;
      gene.kernel = task.kernel;
      const auto& baseline = space.gene(*index).dtype;
      gene.dtype = task.dtype && *place < baseline.size() && baseline[*place] != task.dtype
                       ? task.dtype
                       : std::nullopt;
      if (previous) {
        const auto& targets = space.gene(*previous).link_targets;
        const auto at = std::find(targets.begin(), targets.end(), static_cast<uint32_t>(*index));
        if (at == targets.end()) {
          if (dropped) ++(*dropped)["link the search space does not offer dropped"];
        } else {
          genome[*previous].link = static_cast<int32_t>(at - targets.begin());
        }
      }
      previous = index;
    }
  }
  return genome;
}

}  // namespace hsim::explorer
