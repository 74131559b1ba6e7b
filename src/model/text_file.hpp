// Reading a configuration file (workflow, calendar, .ics) whole, refusing one beyond the size limit before
// reading it, and turning I/O failures into a diagnostic at the file's name.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "propdesk/diagnostic.hpp"

namespace propdesk {

struct TextFile {
  std::optional<std::string> text;  ///< the contents, when they could be read
  Diagnostic error;                 ///< otherwise: "io" or "too-large", at the file's name
};

/// `what` names the expected kind of file for the directory message ("an .ics file").
TextFile read_text_file(const std::filesystem::path& path, std::size_t max_bytes,
                        std::string_view what);

}  // namespace propdesk
