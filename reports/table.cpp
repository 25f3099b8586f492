#include "table.h"

#include <algorithm>
#include <stdexcept>

namespace hsim::reports {

void Table::add_column(std::string title, Align align) {
  titles_.push_back(std::move(title));
  aligns_.push_back(align);
}

void Table::add_row(std::vector<std::string> cells) {
  if (cells.size() != titles_.size()) throw std::logic_error("Table row has the wrong cell count");
  rows_.push_back(std::move(cells));
}

void Table::render(std::ostream& out) const {
  std::vector<size_t> widths(titles_.size());
  for (size_t c = 0; c < titles_.size(); ++c) {
    widths[c] = titles_[c].size();
    for (const auto& row : rows_) widths[c] = std::max(widths[c], row[c].size());
  }
  auto emit = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(widths[c] - cells[c].size(), ' ');
      if (c) line += "  ";
      line += aligns_[c] == Align::kRight ? pad + cells[c] : cells[c] + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  emit(titles_);
  std::string rule;
  for (size_t c = 0; c < widths.size(); ++c) rule += (c ? "  " : "") + std::string(widths[c], '-');
  out << rule << '\n';
  for (const auto& row : rows_) emit(row);
}

}  // namespace hsim::reports
