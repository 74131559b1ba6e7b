// propdesk/csv_writer.hpp: comma-separated values as RFC 4180 describes them, for reports that go
// to a spreadsheet.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/export.hpp"

namespace propdesk {

/// Writes records to a stream: fields separated by commas, records ended by CRLF. A field that
/// contains a comma, a double quote, CR or LF, or begins or ends with a space, is enclosed in
/// double quotes, and a double quote inside it is doubled; other fields are written as they are.
/// Text is passed through byte for byte (UTF-8 stays UTF-8; no byte order mark is written).
///
/// Not thread-safe (one writer per stream); stream errors are the stream's (its state, or its
/// exceptions if enabled).
class PROPDESK_API CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}

  /// Writes one record. An empty vector writes an empty line (a record of one empty field).
  void write_row(const std::vector<std::string>& fields);

  /// One field as it appears in a record: quoted when it has to be.
  [[nodiscard]] static std::string escape(std::string_view field);

 private:
  std::ostream& out_;
};

}  // namespace propdesk
