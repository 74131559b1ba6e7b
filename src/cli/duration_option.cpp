#include "cli/duration_option.hpp"

#include "cli/exit_status.hpp"

namespace propdesk::cli {

Duration parse_duration_option(std::string_view option, const std::string& text) {
  if (const std::optional<Duration> d = parse_duration(text)) return *d;
  throw CliError(std::string(option) + " expects a duration such as 30d, 12h or 1h30m, got '" +
                 text + "'");
}

}  // namespace propdesk::cli
