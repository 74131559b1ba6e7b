// Formatting of diagnostics and source locations.
#include "propdesk/diagnostic.hpp"

#include <algorithm>

namespace propdesk {

std::string SourceLocation::to_string() const {
  std::string out = file.empty() ? std::string("<unknown>") : file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

std::string_view to_string(DiagnosticSeverity severity) {
  return severity == DiagnosticSeverity::kError ? "error" : "warning";
}

std::string Diagnostic::to_string() const {
  std::string out = where.to_string();
  out += ": ";
  out += propdesk::to_string(severity);
  out += ": ";
  out += message;
  if (!code.empty()) out += " [" + code + "]";
  return out;
}

bool has_errors(std::span<const Diagnostic> diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == DiagnosticSeverity::kError; });
}

}  // namespace propdesk
