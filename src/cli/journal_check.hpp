// Describing a check of every journal of a store (Store::verify_journals), as `verify` and
// `demo` report it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "propdesk/journal.hpp"
#include "propdesk/store.hpp"

namespace propdesk::cli {

/// "journal verified: N tickets, M entries, intact", or the problems, one line each
/// ("journal broken: ticket BX-20261126-0001 (id 1), entry 2: <reason>"; no entry for seq 0).
std::string describe(const JournalVerification& check, const Store& store);

/// The code of the ticket, or "" when there is no such ticket or its record does not decode.
std::string ticket_code(const Store& store, TicketId id);

}  // namespace propdesk::cli
