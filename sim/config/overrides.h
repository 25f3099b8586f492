#pragma once

// Command-line overrides, `--set key.path=value`, applied to the configuration tree before it is
// converted, in the order given.
//
// The path names map keys joined by '.'. In a list of named items the next segment selects the
// item whose `name` is that word (devices.soc.pus.npu.clock); `[i]` selects by position instead
// (devices[0].dram.bandwidth). The value is YAML: a plain value (12.8 GB/s), a list
// ([Conv, Relu]) or a map ({size: 32x32, dataflow: ws}).
//
// Every segment but the last must exist. The last may name a key the file leaves out (to set a
// parameter that has a default); the reader then rejects it if the schema has no such key, so
// an override of a key that does not exist is an error either way. Values from an override carry
// the origin "--set 'spec'" in messages.
#include <string>
#include <vector>

#include "config/config_node.h"

namespace hsim::config {

// Throws InputError with where "--set 'spec'" for a malformed spec, a path that leads nowhere,
// or a value that is not valid YAML.
void apply_override(Node& root, const std::string& spec);
void apply_overrides(Node& root, const std::vector<std::string>& specs);

}  // namespace hsim::config
