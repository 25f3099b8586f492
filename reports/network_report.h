#pragma once

#include <ostream>

#include "graph/network.h"
#include "graph/network_summary.h"

namespace hsim::reports {

// The `hsim inspect` outputs: a summary block, a per-op table, and the same table as CSV with
// raw integers (bytes, MACs, FLOPs) so it loads straight into a spreadsheet or pandas.
void print_network_summary(const sim::Network& net, const sim::NetworkSummary& summary,
                           std::ostream& out);
void print_op_table(const sim::Network& net, std::ostream& out);
void write_op_csv(const sim::Network& net, std::ostream& out);

}  // namespace hsim::reports
