#include "cli/time_option.hpp"

#include "cli/exit_status.hpp"

namespace propdesk::cli {

TimePoint parse_time_option(std::string_view option, const std::string& text) {
  if (auto t = parse_time(text)) return *t;
  throw CliError(std::string(option) + ": cannot read '" + text +
                 "' as a time; write \"2026-11-26 18:00\" (the desk's +08:00) or "
                 "2026-11-26T18:00:00+08:00");
}

}  // namespace propdesk::cli
