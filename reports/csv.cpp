#include "csv.h"

namespace hsim::reports {

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out << ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out << f;
      continue;
    }
    out << '"';
    for (char ch : f) out << (ch == '"' ? "\"\"" : std::string(1, ch));
    out << '"';
  }
  out << '\n';
}

}  // namespace hsim::reports
