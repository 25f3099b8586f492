#include "kernels/tile_pipeline.h"

#include <map>

namespace hsim::sim {

namespace {

class Emitter {
 public:
  Emitter(KernelTrace& trace, bool double_buffering)
      : trace_(trace), double_buffering_(double_buffering) {}

  // Issues the step's transfers that leave the core; returns the tags to wait for.
  std::vector<std::string> issue_loads(const PipelineStep& step, size_t index) {
    std::vector<std::string> tags;
    for (const Transfer& t : step.loads) {
      if (t.bytes <= 0 || t.level == MemoryLevel::kLocal) continue;
      tags.push_back(transfer(RecordKind::kLoad, t, index));
    }
    return tags;
  }

  void local_loads(const PipelineStep& step, size_t index) {
    for (const Transfer& t : step.loads)
      if (t.bytes > 0 && t.level == MemoryLevel::kLocal) transfer(RecordKind::kLoad, t, index);
  }

  std::vector<std::string> stores(const PipelineStep& step, size_t index) {
    std::vector<std::string> tags;
    for (const Transfer& t : step.stores) {
      if (t.bytes <= 0) continue;
      const std::string tag = transfer(RecordKind::kStore, t, index);
      if (!tag.empty()) tags.push_back(tag);
    }
    return tags;
  }

  void compute(const PipelineStep& step) {
    if (step.cycles <= 0 && step.macs <= 0 && step.ops <= 0) return;
    TraceRecord r;
    r.kind = RecordKind::kCompute;
    r.cycles = step.cycles;
    r.unit = step.unit;
    r.macs = step.macs;
    r.ops = step.ops;
    trace_.records.push_back(r);
  }

  void wait(const std::string& tag) {
    if (tag.empty()) return;
    TraceRecord r;
    r.kind = RecordKind::kWait;
    r.tag = tag;
    trace_.records.push_back(r);
  }

 private:
  // Returns the tag of an async transfer, empty for a synchronous one.
  std::string transfer(RecordKind kind, const Transfer& t, size_t index) {
    TraceRecord r;
    r.kind = kind;
    r.bytes = t.bytes;
    r.role = t.label == "w"     ? TransferRole::kWeight
             : t.label == "out" ? TransferRole::kOutput
                                : TransferRole::kInput;
    r.from = kind == RecordKind::kLoad ? t.level : MemoryLevel::kLocal;
    r.to = kind == RecordKind::kLoad ? MemoryLevel::kLocal : t.level;
    const bool inside = t.level == MemoryLevel::kLocal;
    if (double_buffering_ && !inside) {
      const std::string base = t.label + std::to_string(index);
      const int repeat = used_[base]++;
      r.tag = repeat == 0 ? base : base + "." + std::to_string(repeat);
      r.async = true;
    }
    trace_.records.push_back(r);
    return r.tag;
  }

  KernelTrace& trace_;
  bool double_buffering_;
  std::map<std::string, int> used_;
};

}  // namespace

void emit_pipeline(const std::vector<PipelineStep>& steps, bool double_buffering,
                   KernelTrace& trace) {
  Emitter out(trace, double_buffering);
  if (!double_buffering) {
    for (size_t i = 0; i < steps.size(); ++i) {
      out.issue_loads(steps[i], i);
      out.local_loads(steps[i], i);
      out.compute(steps[i]);
      out.stores(steps[i], i);
    }
    return;
  }
  std::vector<std::vector<std::string>> load_tags(steps.size()), store_tags(steps.size());
  size_t stores_waited = 0;  // stores of steps before this index have been waited for
  if (!steps.empty()) load_tags[0] = out.issue_loads(steps[0], 0);
  for (size_t i = 0; i < steps.size(); ++i) {
    if (i + 1 < steps.size()) load_tags[i + 1] = out.issue_loads(steps[i + 1], i + 1);
    for (const auto& tag : load_tags[i]) out.wait(tag);
    for (; stores_waited + 2 <= i; ++stores_waited)
      for (const auto& tag : store_tags[stores_waited]) out.wait(tag);
    out.local_loads(steps[i], i);
    out.compute(steps[i]);
    store_tags[i] = out.stores(steps[i], i);
  }
  for (; stores_waited < steps.size(); ++stores_waited)
    for (const auto& tag : store_tags[stores_waited]) out.wait(tag);
}

}  // namespace hsim::sim
