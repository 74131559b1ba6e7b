// --as USER:ROLE: who is acting, and in which role.
#pragma once

#include <string_view>

#include "propdesk/ticket.hpp"

namespace propdesk::cli {

/// Parses "USER:ROLE" (for example "wangli:front_desk"). Both parts must be non-empty; the role is
/// what follows the last ':' so that user ids may contain ':'. Throws CliError otherwise.
Actor parse_actor(std::string_view text);

}  // namespace propdesk::cli
