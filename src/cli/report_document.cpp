#include "cli/report_document.hpp"

#include <cmath>

namespace propdesk::cli {

Cell number_cell(const std::optional<double>& x, int decimals) {
  if (!x) return {};
  const double scale = std::pow(10.0, decimals);
  return Cell(std::round(*x * scale) / scale);
}

const ReportSection* ReportDocument::find_section(std::string_view key) const {
  for (const ReportSection& s : sections)
    if (s.key == key) return &s;
  return nullptr;
}

std::string ReportDocument::section_keys() const {
  std::string out;
  for (const ReportSection& s : sections) out += (out.empty() ? "" : ", ") + s.key;
  return out;
}

}  // namespace propdesk::cli
