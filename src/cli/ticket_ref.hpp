// The TICKET argument: a numeric id ("7") or a code ("BX-20261126-0001").
#pragma once

#include <string_view>

#include "propdesk/engine.hpp"
#include "propdesk/result.hpp"
#include "propdesk/ticket.hpp"

namespace propdesk::cli {

/// The ticket the argument names, or an unknown-ticket rejection.
Result<Ticket> resolve_ticket(const Engine& engine, std::string_view ref);

}  // namespace propdesk::cli
