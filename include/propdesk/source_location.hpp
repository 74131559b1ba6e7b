// propdesk/source_location.hpp: a place in a configuration file.
#pragma once

#include <string>

#include "propdesk/export.hpp"

namespace propdesk {

/// A position in a source file, as editors count it: line and column start at 1.
/// A default-constructed location (line 0) means "no particular place" and prints as the file alone.
struct PROPDESK_API SourceLocation {
  std::string file;  ///< the path as the user gave it, or "<string>" for text loaded from memory
  int line = 0;      ///< 1-based line, 0 when unknown
  int column = 0;    ///< 1-based column counted in bytes, 0 when unknown

  /// "file:line:column", "file:line" or "file", depending on what is known.
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

}  // namespace propdesk
