#include "schedule/schedule_file.h"

#include <charconv>

#include "config/cursor.h"
#include "config/key_report.h"
#include "config/yaml_document.h"

namespace hsim::sim {

namespace {

using config::Cursor;
using config::Node;

const std::string& scalar(const Cursor& at, const std::string& expected) {
  if (!at.node().is_scalar()) at.fail("expected " + expected + ", got " + at.node().describe());
  return at.node().scalar;
}

int64_t whole_number(const Cursor& at, int64_t minimum) {
  const std::string& text = scalar(at, "a whole number");
  int64_t value = 0;
  const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (err != std::errc() || end != text.data() + text.size())
    at.fail("expected a whole number, got '" + text + "'");
  if (value < minimum) at.fail("must be at least " + std::to_string(minimum));
  return value;
}

using config::for_each_list_item;

std::optional<DType> dtype_named(const std::string& name) {
  for (int code = 0; code < 32; ++code)
    if (auto type = dtype_from_onnx(code); type && dtype_name(*type) == name) return type;
  return std::nullopt;
}

const std::vector<std::pair<std::string, SplitAxis>> kAxes = {
    {"channels", SplitAxis::kOutputChannels},
    {"rows", SplitAxis::kOutputRows},
    {"batch", SplitAxis::kBatch}};

// One of two words, as `first` (true) or `second` (false).
bool either(const Cursor& at, const char* first, const char* second) {
  const std::string& word = scalar(at, std::string(first) + " | " + second);
  if (word != first && word != second)
    at.fail("expected " + std::string(first) + " | " + second + ", got '" + word + "'");
  return word == first;
}

KernelChoice read_kernel_choice(const Cursor& at) {
  if (!at.node().is_map()) at.fail("expected a map of order, weights and buffering");
  config::check_keys(at, {"order", "weights", "buffering"});
  KernelChoice choice;
  if (const Cursor c = at.key("order"); c.present())
    choice.order = either(c, "weights-outer", "inputs-outer") ? LoopOrder::kWeightsOuter
                                                              : LoopOrder::kInputsOuter;
  if (const Cursor c = at.key("weights"); c.present())
    choice.weights_resident = either(c, "resident", "streamed");
  if (const Cursor c = at.key("buffering"); c.present())
    choice.double_buffering = either(c, "double", "single");
  return choice;
}

ScheduledTask read_task(const Cursor& at) {
  if (!at.node().is_map()) at.fail("expected a task (a map), got " + at.node().describe());
  config::check_keys(
      at, {"ops", "device", "pu", "cores", "split", "shares", "priority", "dtype", "kernel"});
  ScheduledTask task;
  const Cursor ops = at.key("ops");
  if (!ops.present()) ops.fail("missing; list the op (or the linked chain of ops) this task runs");
  if (ops.node().is_scalar()) {
    task.ops.push_back(ops.node().scalar);
  } else {
    for_each_list_item(ops, "a list of op names",
                       [&](const Cursor& op) { task.ops.push_back(scalar(op, "an op name")); });
  }
  if (task.ops.empty()) ops.fail("needs at least one op");
  if (const Cursor c = at.key("device"); c.present()) task.device = scalar(c, "a device name");
  const Cursor pu = at.key("pu");
  if (!pu.present()) pu.fail("missing; name the PU that runs the task");
  task.pu = scalar(pu, "a PU name");
  if (const Cursor c = at.key("cores"); c.present()) {
    task.cores.clear();
    for_each_list_item(c, "a list of core indices",
                       [&](const Cursor& core) { task.cores.push_back(whole_number(core, 0)); });
  }
  if (const Cursor c = at.key("split"); c.present()) {
    const std::string& word = scalar(c, "channels | rows | batch");
    for (const auto& [name, axis] : kAxes)
      if (name == word) task.split = axis;
    if (!task.split) c.fail("expected channels | rows | batch, got '" + word + "'");
  }
  if (const Cursor c = at.key("shares"); c.present())
    for_each_list_item(c, "a list of whole numbers",
                       [&](const Cursor& share) { task.shares.push_back(whole_number(share, 1)); });
  if (const Cursor c = at.key("priority"); c.present()) task.priority = whole_number(c, INT64_MIN);
  if (const Cursor c = at.key("dtype"); c.present()) {
    const std::string& name = scalar(c, "an element type such as int8");
    task.dtype = dtype_named(name);
    if (!task.dtype) c.fail("unknown element type '" + name + "'");
  }
  if (const Cursor c = at.key("kernel"); c.present()) task.kernel = read_kernel_choice(c);
  return task;
}

Schedule read_schedule(const Node& root) {
  const Cursor top(root);
  if (!root.is_map()) top.fail("expected a schedule (a map with strategy and tasks)");
  config::check_keys(top, {"strategy", "inferences", "tasks", "network", "board"});
  Schedule schedule;
  if (const Cursor c = top.key("strategy"); c.present()) schedule.strategy = scalar(c, "a name");
  if (const Cursor c = top.key("inferences"); c.present()) schedule.inferences = whole_number(c, 1);
  // `network` and `board` record what the schedule was made for; they are not checked.
  (void)top.key("network");
  (void)top.key("board");
  const Cursor tasks = top.key("tasks");
  if (!tasks.present()) tasks.fail("missing; a schedule lists its tasks");
  for_each_list_item(tasks, "a list of tasks",
                     [&](const Cursor& task) { schedule.tasks.push_back(read_task(task)); });
  config::report_unused(root);
  return schedule;
}

Node scalar_node(const std::string& text) {
  return Node::scalar_at(text, {});
}

Node list_node(const std::vector<std::string>& items) {
  Node list;
  list.kind = Node::Kind::kSequence;
  for (const auto& item : items) list.items.push_back(scalar_node(item));
  return list;
}

void add(Node& map, const std::string& key, Node value) {
  map.entries.push_back({key, {}, std::move(value)});
}

}  // namespace

Schedule parse_schedule_text(const std::string& yaml, const std::string& origin) {
  return read_schedule(config::parse_yaml_text(yaml, origin));
}

Schedule load_schedule_file(const std::string& path) {
  return read_schedule(config::load_yaml_file(path));
}

std::string schedule_yaml(const Schedule& schedule) {
  Node root;
  root.kind = Node::Kind::kMap;
  add(root, "strategy", scalar_node(schedule.strategy.empty() ? "user" : schedule.strategy));
  add(root, "inferences", scalar_node(std::to_string(schedule.inferences)));
  Node tasks;
  tasks.kind = Node::Kind::kSequence;
  for (const ScheduledTask& task : schedule.tasks) {
    Node t;
    t.kind = Node::Kind::kMap;
    add(t, "ops", list_node(task.ops));
    if (!task.device.empty()) add(t, "device", scalar_node(task.device));
    add(t, "pu", scalar_node(task.pu));
    std::vector<std::string> cores;
    for (int64_t c : task.cores) cores.push_back(std::to_string(c));
    add(t, "cores", list_node(cores));
    if (task.split)
      for (const auto& [name, axis] : kAxes)
        if (axis == *task.split) add(t, "split", scalar_node(name));
    if (!task.shares.empty()) {
      std::vector<std::string> shares;
      for (int64_t s : task.shares) shares.push_back(std::to_string(s));
      add(t, "shares", list_node(shares));
    }
    if (task.priority != 0) add(t, "priority", scalar_node(std::to_string(task.priority)));
    if (task.dtype) add(t, "dtype", scalar_node(std::string(dtype_name(*task.dtype))));
    if (!task.kernel.empty()) {
      Node kernel;
      kernel.kind = Node::Kind::kMap;
      if (const auto& order = task.kernel.order)
        add(kernel, "order",
            scalar_node(*order == LoopOrder::kWeightsOuter ? "weights-outer" : "inputs-outer"));
      if (const auto& resident = task.kernel.weights_resident)
        add(kernel, "weights", scalar_node(*resident ? "resident" : "streamed"));
      if (const auto& db = task.kernel.double_buffering)
        add(kernel, "buffering", scalar_node(*db ? "double" : "single"));
      add(t, "kernel", std::move(kernel));
    }
    tasks.items.push_back(std::move(t));
  }
  add(root, "tasks", std::move(tasks));
  return "# hsim schedule: re-run with hsim simulate --schedule FILE\n" + config::emit_yaml(root);
}

}  // namespace hsim::sim
