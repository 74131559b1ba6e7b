// Reading a duration given to a command-line option ("30d", "10m", "1h30m").
#pragma once

#include <string>
#include <string_view>

#include "propdesk/value.hpp"

namespace propdesk::cli {

/// Reads a duration (parse_duration(): <number><unit> groups, units s, m, h, d, w). Throws CliError
/// naming the option and showing the form it accepts.
Duration parse_duration_option(std::string_view option, const std::string& text);

}  // namespace propdesk::cli
