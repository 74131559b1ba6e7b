// Reading a time given to a command-line option.
#pragma once

#include <string>
#include <string_view>

#include "propdesk/value.hpp"

namespace propdesk::cli {

/// Reads a time given to an option ("2026-11-26 18:00" at +08:00, or ISO 8601 with an offset).
/// Throws CliError naming the option and showing the forms it accepts.
TimePoint parse_time_option(std::string_view option, const std::string& text);

}  // namespace propdesk::cli
