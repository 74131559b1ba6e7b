#include "cli/journal_check.hpp"

#include "propdesk/store_error.hpp"

namespace propdesk::cli {

JournalCheck check_journals(const Store& store) {
  JournalCheck check;
  constexpr std::size_t kPage = 500;
  for (TicketId after = 0;;) {
    const std::vector<TicketId> ids = store.ticket_ids(after, kPage);
    if (ids.empty()) break;
    for (TicketId id : ids) {
      ++check.tickets;
      check.entries += static_cast<std::int64_t>(store.history(id).size());
    }
    after = ids.back();
  }
  check.problems = store.verify_all();
  return check;
}

std::string ticket_code(const Store& store, TicketId id) {
  try {
    auto ticket = store.get(id);
    return ticket ? ticket->code : std::string();
  } catch (const DamagedRecordError&) {
    return {};  // verify_all() names the damage
  }
}

std::string describe(const JournalCheck& check, const Store& store) {
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
