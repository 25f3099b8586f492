#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace hsim::reports {

// A console table: a header row, then rows of cells; columns are sized to their widest cell.
// Numeric-looking columns are right-aligned by the caller's choice, per column.
class Table {
 public:
  enum class Align { kLeft, kRight };

  void add_column(std::string title, Align align = Align::kLeft);
  void add_row(std::vector<std::string> cells);  // exactly one cell per column
  void render(std::ostream& out) const;

 private:
  std::vector<std::string> titles_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace hsim::reports
