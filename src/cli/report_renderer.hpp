// Printing a ReportDocument (report_document.hpp), the same way for every report:
// - text: the title, the summary values, then each section as aligned columns (local time at the
//   desk, lengths of time as 1h30m, "-" for nothing);
// - JSON: one object: "report", the summary values by key, then each section as an array of
//   objects by column key (times ISO 8601 UTC "...Z", lengths of time in seconds, null for
//   nothing, lists as arrays);
// - CSV (RFC 4180, propdesk/csv_writer.hpp): one section: a header row of column keys, then the
//   rows (times ISO 8601 with +08:00, lengths of time in seconds, "" for nothing, lists joined by
//   commas).
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "cli/report_document.hpp"

namespace propdesk::cli {

enum class ReportFormat { kText, kJson, kCsv };

/// Prints `doc`. With `section`, only that section (text and JSON keep the summary); CSV always
/// prints one section: `section`, or the document's first. Throws CliError, before printing
/// anything, for a section the document does not have (the message lists those it has).
void print_report(std::ostream& out, const ReportDocument& doc, ReportFormat format,
                  const std::optional<std::string>& section);

}  // namespace propdesk::cli
