// Checking every journal of a store, with the totals `verify` and `demo` report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "propdesk/journal.hpp"
#include "propdesk/store.hpp"

namespace propdesk::cli {

/// What a check of the whole store found.
struct JournalCheck {
  std::int64_t tickets = 0;
  std::int64_t entries = 0;
  std::vector<JournalProblem> problems;  ///< the first problem of each broken ticket, by id

  [[nodiscard]] bool intact() const { return problems.empty(); }
};

/// Counts tickets and journal entries and verifies every journal (Store::verify_all).
JournalCheck check_journals(const Store& store);

/// "journal verified: N tickets, M entries, intact", or the problems, one line each
/// ("journal broken: ticket BX-20261126-0001 (id 1), entry 2: <reason>"; no entry for seq 0).
std::string describe(const JournalCheck& check, const Store& store);

/// The code of the ticket, or "" when there is no such ticket or its record does not decode.
std::string ticket_code(const Store& store, TicketId id);

}  // namespace propdesk::cli
