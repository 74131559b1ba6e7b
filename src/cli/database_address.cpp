#include "cli/database_address.hpp"

#include "cli/exit_status.hpp"

namespace propdesk::cli {

namespace {

bool is_type_name(std::string_view s) {
  if (s.size() < 2 || s.size() > 64 || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                    c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

DatabaseAddress parse_database_address(std::string_view value) {
  DatabaseAddress address;
  std::string_view rest = value;
  if (const auto colon = value.find(':');
      colon != std::string_view::npos && is_type_name(value.substr(0, colon))) {
    address.type = std::string(value.substr(0, colon));
    rest = value.substr(colon + 1);
  }
  std::string_view query;
  if (!address.sqlite()) {
    if (const auto q = rest.find('?'); q != std::string_view::npos) {
      query = rest.substr(q + 1);
      rest = rest.substr(0, q);
    }
  }
  address.path = std::string(rest);
  if (address.path.empty())
    throw CliError("--db '" + std::string(value) + "' names no file");
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0)
      throw CliError("--db '" + std::string(value) + "': setting '" + std::string(item) +
                     "' is not KEY=VALUE");
    std::string key(item.substr(0, eq));
    if (key == "path")
      throw CliError("--db '" + std::string(value) + "': the path comes before '?', not as a setting");
    if (!address.settings.emplace(key, std::string(item.substr(eq + 1))).second)
      throw CliError("--db '" + std::string(value) + "': setting '" + key + "' given twice");
  }
  return address;
}

}  // namespace propdesk::cli
