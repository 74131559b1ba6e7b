// A report as the CLI prints it: a title, a few summary values and named tables (sections) of
// typed cells. Each report verb turns its library report into one of these; report_renderer.hpp
// prints any of them as aligned text, JSON or CSV, so the formats are written once for all
// reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "propdesk/value.hpp"

namespace propdesk::cli {

/// One value: empty, a count, a number (already rounded for display), text, an instant, a length
/// of time, or a list of names.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string, TimePoint, Duration,
                          std::vector<std::string>>;

/// A count (any integer).
template <class Int>
Cell count_cell(Int n) {
  return Cell(std::in_place_type<std::int64_t>, static_cast<std::int64_t>(n));
}
/// Text; "" stays an empty string (not empty).
inline Cell text_cell(std::string s) { return Cell(std::move(s)); }
/// An instant, or empty.
inline Cell time_cell(const std::optional<TimePoint>& t) { return t ? Cell(*t) : Cell(); }
/// A number rounded to `decimals` places, or empty.
Cell number_cell(const std::optional<double>& x, int decimals);

/// A column: its stable key (JSON key, CSV header) and its heading in text output.
struct Column {
  std::string key;
  std::string heading;
};

/// A named table.
struct ReportSection {
  std::string key;    ///< stable: the JSON key and the value of --section
  std::string title;  ///< heading in text output, e.g. "Open items (未关闭事项)"
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  ///< each as long as `columns`
};

/// One summary value (a count, the report's time ...).
struct SummaryValue {
  Column column;
  Cell value;
};

/// A whole report.
struct ReportDocument {
  std::string report;  ///< "daily", "callbacks", "handover", "sla"
  std::string title;   ///< first line of text output
  std::vector<SummaryValue> summary;
  std::vector<ReportSection> sections;

  /// The section with that key, or null.
  [[nodiscard]] const ReportSection* find_section(std::string_view key) const;
  /// The keys of the sections, comma-separated, for messages.
  [[nodiscard]] std::string section_keys() const;
};

}  // namespace propdesk::cli
