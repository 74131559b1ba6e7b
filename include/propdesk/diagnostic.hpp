// propdesk/diagnostic.hpp: one finding about a configuration file, printed like a compiler message.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "propdesk/export.hpp"
#include "propdesk/source_location.hpp"

namespace propdesk {

/// How bad a finding is. Errors make a workflow unusable (the loader returns no workflow, `propdesk
/// validate` exits 1); warnings point at something probably unintended but harmless to run.
enum class DiagnosticSeverity { kError, kWarning };

/// "error" or "warning".
PROPDESK_API std::string_view to_string(DiagnosticSeverity severity);

/// A finding of the loader or the validator.
struct PROPDESK_API Diagnostic {
  DiagnosticSeverity severity = DiagnosticSeverity::kError;
  SourceLocation where;
  /// A stable kebab-case identifier of the kind of finding ("unknown-state", "unreachable-state",
  /// "yaml-syntax" ...). Tools and tests match on it; the message is for people and may change.
  std::string code;
  std::string message;  ///< one line, no trailing period, e.g. "unknown state 'dispached' (did you mean 'dispatched'?)"

  /// The compiler-style line editors jump to: "repair.yaml:42:7: error: unknown state 'x' [unknown-state]".
  [[nodiscard]] std::string to_string() const;
};

/// True when any diagnostic in the list is an error.
PROPDESK_API bool has_errors(std::span<const Diagnostic> diagnostics);

}  // namespace propdesk
