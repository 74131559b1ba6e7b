#include "cli/journal_check.hpp"

#include "propdesk/store_error.hpp"

namespace propdesk::cli {

std::string ticket_code(const Store& store, TicketId id) {
  try {
    auto ticket = store.get(id);
    return ticket ? ticket->code : std::string();
  } catch (const DamagedRecordError&) {
    return {};  // verify_all() names the damage
  }
}

std::string describe(const JournalVerification& check, const Store& store) {
  if (check.intact()) {
    return "journal verified: " + std::to_string(check.tickets) + " tickets, " +
           std::to_string(check.entries) + " entries, intact";
  }
  std::string out;
  for (const JournalProblem& p : check.problems) {
    const std::string code = ticket_code(store, p.ticket);
    out += "journal broken: ticket " + (code.empty() ? "" : code + " ") + "(id " +
           std::to_string(p.ticket) + ")" +
           (p.seq > 0 ? ", entry " + std::to_string(p.seq) : std::string()) + ": " + p.reason +
           "\n";
  }
  out += std::to_string(check.problems.size()) + " of " + std::to_string(check.tickets) +
         " tickets have a broken journal";
  return out;
}

}  // namespace propdesk::cli
