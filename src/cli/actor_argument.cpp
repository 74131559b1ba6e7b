#include "cli/actor_argument.hpp"

#include <string>

#include "cli/exit_status.hpp"

namespace propdesk::cli {

Actor parse_actor(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
    throw CliError("--as expects USER:ROLE (for example wangli:front_desk), got '" +
                   std::string(text) + "'");
  }
  return Actor{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

}  // namespace propdesk::cli
