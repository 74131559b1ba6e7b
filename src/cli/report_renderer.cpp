#include "cli/report_renderer.hpp"

#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "cli/exit_status.hpp"
#include "cli/local_time.hpp"
#include "cli/text_columns.hpp"
#include "propdesk/csv_writer.hpp"

namespace propdesk::cli {

namespace {

using Json = nlohmann::ordered_json;

std::string number_text(double x) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(x);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

// For people: local time, minutes, "-" for nothing.
std::string text_of(const Cell& cell) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "-";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          return number_text(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v.empty() ? "-" : v;
        } else if constexpr (std::is_same_v<T, TimePoint>) {
          return format_local(v);
        } else if constexpr (std::is_same_v<T, Duration>) {
          // Minutes are precise enough for people; under one is "0m", not "0s".
          const auto minutes = std::chrono::floor<std::chrono::minutes>(v < Duration{0} ? -v : v);
          return (v < Duration{0} ? "-" : "") +
                 (minutes.count() == 0 ? std::string("0m") : format_duration(minutes));
        } else {
          return v.empty() ? "-" : join(v);
        }
      },
      cell);
}

// For spreadsheets: local ISO time, seconds, "" for nothing.
std::string csv_of(const Cell& cell) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          return number_text(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else if constexpr (std::is_same_v<T, TimePoint>) {
          return format_local_iso(v);
        } else if constexpr (std::is_same_v<T, Duration>) {
          return std::to_string(v.count());
        } else {
          return join(v);
        }
      },
      cell);
}

// For programs: UTC time, seconds, null for nothing.
Json json_of(const Cell& cell) {
  return std::visit(
      [](const auto& v) -> Json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return nullptr;
        } else if constexpr (std::is_same_v<T, TimePoint>) {
          return format_time(v);
        } else if constexpr (std::is_same_v<T, Duration>) {
          return v.count();
        } else {
          return v;
        }
      },
      cell);
}

void print_text_section(std::ostream& out, const ReportSection& section) {
  out << '\n' << section.title << " (" << section.rows.size() << ")\n";
  if (section.rows.empty()) {
    out << "  (none)\n";
    return;
  }
  TextTable table("  ");
  std::vector<std::string> headings;
  for (const Column& c : section.columns) headings.push_back(c.heading);
  table.add_row(std::move(headings));
  for (const auto& row : section.rows) {
    std::vector<std::string> cells;
    for (const Cell& cell : row) cells.push_back(text_of(cell));
    table.add_row(std::move(cells));
  }
  table.print(out);
}

void print_text(std::ostream& out, const ReportDocument& doc,
                const std::vector<const ReportSection*>& sections) {
  out << doc.title << '\n';
  TextTable summary("  ");
  for (const SummaryValue& s : doc.summary)
    summary.add_row({s.column.heading + ":", text_of(s.value)});
  summary.print(out);
  for (const ReportSection* section : sections) print_text_section(out, *section);
}

void print_json(std::ostream& out, const ReportDocument& doc,
                const std::vector<const ReportSection*>& sections) {
  Json json;
  json["report"] = doc.report;
  for (const SummaryValue& s : doc.summary) json[s.column.key] = json_of(s.value);
  for (const ReportSection* section : sections) {
    Json rows = Json::array();
    for (const auto& row : section->rows) {
      Json object = Json::object();
      for (std::size_t c = 0; c < section->columns.size(); ++c)
        object[section->columns[c].key] = json_of(row[c]);
      rows.push_back(std::move(object));
    }
    json[section->key] = std::move(rows);
  }
  out << json.dump(2) << '\n';
}

void print_csv(std::ostream& out, const ReportSection& section) {
  CsvWriter csv(out);
  std::vector<std::string> header;
  for (const Column& c : section.columns) header.push_back(c.key);
  csv.write_row(header);
  for (const auto& row : section.rows) {
    std::vector<std::string> fields;
    for (const Cell& cell : row) fields.push_back(csv_of(cell));
    csv.write_row(fields);
  }
}

}  // namespace

void print_report(std::ostream& out, const ReportDocument& doc, ReportFormat format,
                  const std::optional<std::string>& section) {
  std::vector<const ReportSection*> chosen;
  if (section) {
    const ReportSection* s = doc.find_section(*section);
    if (s == nullptr) {
      throw CliError("the " + doc.report + " report has no section '" + *section +
                     "' (sections: " + doc.section_keys() + ")");
    }
    chosen.push_back(s);
  } else {
    for (const ReportSection& s : doc.sections) chosen.push_back(&s);
  }
  switch (format) {
    case ReportFormat::kText:
      print_text(out, doc, chosen);
      break;
    case ReportFormat::kJson:
      print_json(out, doc, chosen);
      break;
    case ReportFormat::kCsv:
      if (!chosen.empty()) print_csv(out, *chosen.front());
      break;
  }
}

}  // namespace propdesk::cli
