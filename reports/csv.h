#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace hsim::reports {

// RFC 4180 CSV: fields holding a comma, quote or line break are quoted, quotes doubled.
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace hsim::reports
