#include "board/board_checks.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "graph/op_cost_model.h"

namespace hsim::sim {

namespace {

using config::Cursor;

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Keeps the first line each name was seen at; reports a second use at the second item.
class NameRegistry {
 public:
  explicit NameRegistry(std::string scope) : scope_(std::move(scope)) {}

  void add(const std::string& name, const std::string& what, const Cursor& name_at) {
    const auto [first, inserted] = seen_.emplace(name, Seen{what, name_at.mark().line});
    if (inserted) return;
    std::string message = "duplicate name '" + name + "': " + with_article(first->second.what) +
                          " of this " + scope_ + " already has it";
    if (first->second.line > 0) message += " (line " + std::to_string(first->second.line) + ")";
    name_at.fail(message);
  }

 private:
  static std::string with_article(const std::string& noun) {
    return (std::string("aeiou").find(static_cast<char>(std::tolower(noun.front()))) ==
                    std::string::npos
                ? "a "
                : "an ") +
           noun;
  }
  struct Seen {
    std::string what;
    int line;
  };
  std::string scope_;
  std::map<std::string, Seen> seen_;
};

std::string join_names(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text.empty() ? "none" : text;
}

}  // namespace

std::string check_op_type(const std::string& op_type) {
  const OpCostRegistry& known = builtin_op_costs();
  if (known.find(op_type)) return "";
  for (const std::string& candidate : known.op_types())
    if (lowercase(candidate) == lowercase(op_type))
      return "unknown op type '" + op_type + "' (op types are case-sensitive: did you mean '" +
             candidate + "'?)";
  return "";
}

void check_compute_rate(const ComputeRate& rate, const Cursor& at) {
  if (rate.macs_per_cycle == 0 && rate.ops_per_cycle == 0)
    at.fail("macs_per_cycle and ops_per_cycle are both 0; a compute rate needs one above 0");
}

void check_pu(const PuSpec& pu, const Cursor& at) {
  if (pu.kind != PuKind::kNpu) return;
  const bool has_macs = std::any_of(pu.compute.begin(), pu.compute.end(), [](const auto& entry) {
    return entry.second.macs_per_cycle > 0;
  });
  if (!has_macs)
    at.key("compute").fail("an npu needs macs_per_cycle above 0 for int8 or another type");
}

void check_device(const DeviceSpec& device, const Cursor& at) {
  NameRegistry names("device");
  std::vector<std::string> dma_names;
  for (size_t i = 0; i < device.pus.size(); ++i)
    names.add(device.pus[i].name, "PU", at.key("pus").item(i).key("name"));
  for (size_t i = 0; i < device.dmas.size(); ++i) {
    names.add(device.dmas[i].name, "DMA engine", at.key("dmas").item(i).key("name"));
    dma_names.push_back(device.dmas[i].name);
  }
  for (size_t i = 0; i < device.pus.size(); ++i) {
    const std::string& dma = device.pus[i].dma;
    if (dma.empty() || std::find(dma_names.begin(), dma_names.end(), dma) != dma_names.end())
      continue;
    at.key("pus").item(i).key("dma").fail("no DMA engine named '" + dma + "' in device '" +
                                          device.name +
                                          "' (DMA engines there: " + join_names(dma_names) + ")");
  }
}

void check_board(const BoardSpec& board, const Cursor& at) {
  NameRegistry names("board");
  std::vector<std::string> device_names;
  for (size_t i = 0; i < board.devices.size(); ++i) {
    names.add(board.devices[i].name, "device", at.key("devices").item(i).key("name"));
    device_names.push_back(board.devices[i].name);
  }
  const auto device_index = [&](const std::string& name) {
    return static_cast<size_t>(std::find(device_names.begin(), device_names.end(), name) -
                               device_names.begin());
  };

  // Union-find over devices: which ones the links connect.
  std::vector<size_t> group(board.devices.size());
  for (size_t i = 0; i < group.size(); ++i) group[i] = i;
  const auto root = [&group](size_t i) {
    while (group[i] != i) i = group[i] = group[group[i]];
    return i;
  };

  std::map<std::pair<size_t, size_t>, std::string> joined;
  for (size_t i = 0; i < board.links.size(); ++i) {
    const LinkSpec& link = board.links[i];
    const Cursor link_at = at.key("links").item(i);
    names.add(link.name, "link", link_at.key("name"));
    for (const char* end : {"from", "to"}) {
      const std::string& device = std::string(end) == "from" ? link.from : link.to;
      if (device_index(device) == device_names.size())
        link_at.key(end).fail("no device named '" + device +
                              "' (devices: " + join_names(device_names) + ")");
    }
    if (link.from == link.to) link_at.key("to").fail("a link joins two different devices");
    const size_t a = std::min(device_index(link.from), device_index(link.to));
    const size_t b = std::max(device_index(link.from), device_index(link.to));
    const auto [first, inserted] = joined.emplace(std::make_pair(a, b), link.name);
    if (!inserted)
      link_at.fail("link '" + first->second + "' already joins '" + link.from + "' and '" +
                   link.to + "'; one link per pair of devices");
    group[root(a)] = root(b);
  }

  for (size_t i = 1; i < board.devices.size(); ++i)
    if (root(i) != root(0))
      at.key("links").fail("device '" + board.devices[i].name + "' is not connected to '" +
                           board.devices[0].name +
                           "': with several devices, links must connect them all");
}

}  // namespace hsim::sim
