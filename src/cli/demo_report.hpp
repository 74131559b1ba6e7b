// What the demo prints after the day: the timeline, tickets by workflow and state, and a few
// ticket histories.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/demo_desk.hpp"
#include "propdesk/engine.hpp"

namespace propdesk::cli::demo {

/// "09:12  BX-20261126-0003  <text>", one per moment (with the date when several days were played).
void print_timeline(std::ostream& out, const std::vector<Moment>& moments, bool with_date);

/// Store::count_by_state() as a table with the states' labels, then per workflow how many tickets
/// are finished (in a final state) and how many are still open. Returns the number still open.
std::int64_t print_state_counts(std::ostream& out, Engine& engine);

/// A ticket's header and full journal.
void print_ticket_story(std::ostream& out, Engine& engine, TicketId id, const std::string& title);

}  // namespace propdesk::cli::demo
