#include "graph/op.h"

namespace hsim::sim {

namespace {

template <typename T>
const T* find_attr(const std::map<std::string, AttrValue>& attrs, const std::string& key) {
  auto it = attrs.find(key);
  return it == attrs.end() ? nullptr : std::get_if<T>(&it->second);
}

}  // namespace

int64_t Op::attr_int(const std::string& key, int64_t fallback) const {
  const auto* value = find_attr<int64_t>(attrs, key);
  return value ? *value : fallback;
}

double Op::attr_float(const std::string& key, double fallback) const {
  const auto* value = find_attr<double>(attrs, key);
  return value ? *value : fallback;
}

std::string Op::attr_string(const std::string& key, const std::string& fallback) const {
  const auto* value = find_attr<std::string>(attrs, key);
  return value ? *value : fallback;
}

std::vector<int64_t> Op::attr_ints(const std::string& key) const {
  const auto* value = find_attr<std::vector<int64_t>>(attrs, key);
  return value ? *value : std::vector<int64_t>{};
}

}  // namespace hsim::sim
