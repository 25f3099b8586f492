#pragma once

// What a component kind accepts, as data: the declarations in a ComponentSchema
// (component_schema.h) produce it, the reader enforces it and `hsim describe` prints it, so the
// parameter list exists once.
#include <string>
#include <vector>

namespace hsim::config {

enum class Presence {
  kRequired,  // must be written
  kDefault,   // may be left out; then `default_text` applies, read exactly as if written
  kOptional,  // may be left out; `default_text` says what that means ("none")
};

struct ParamInfo {
  std::string key;
  std::string type;       // "frequency", "whole number >= 1", "list of cache", "os | ws | is"
  std::string component;  // the component kind the value holds (lists and maps of them), or ""
  Presence presence = Presence::kRequired;
  std::string default_text;
  std::vector<std::string> variants;  // only for these values of the component's selector
  std::string description;
};

struct ComponentInfo {
  std::string kind;  // "pu"
  std::string description;
  std::string selector;                    // the key whose value picks the variant ("kind"), or ""
  std::vector<std::string> variant_names;  // its values ("cpu", "npu", "dsp")
  std::vector<ParamInfo> params;
};

}  // namespace hsim::config
