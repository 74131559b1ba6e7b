// What the demo prints about its own run: the days, the deliberate mistakes, tickets by workflow
// and state, and a few ticket histories.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "cli/demo_desk.hpp"
#include "cli/demo_tally.hpp"
#include "propdesk/engine.hpp"

namespace propdesk::cli::demo {

/// One line per day ("Thu 2026-11-26  18  12  ..."), then the line "total" for all of them.
void print_days(std::ostream& out, const DayTally& tally, const OfficeHours& hours);

/// "11-26 11:30  BX-20261126-0004  <text>", one per moment.
void print_moments(std::ostream& out, const std::vector<Moment>& moments);

/// Store::count_by_state() as a table with the states' labels, then per workflow how many tickets
/// are finished (in a final state) and how many are still open. Returns the number still open.
std::int64_t print_state_counts(std::ostream& out, Engine& engine);

/// Every ticket the workflows' severity rules raised to major (a severity_raised entry): the rule's
/// reason, and who closed it, or where it stands.
void print_raised_to_major(std::ostream& out, Engine& engine);

/// A ticket's header and full journal (personal data masked).
void print_ticket_story(std::ostream& out, Engine& engine, TicketId id, const std::string& title);

}  // namespace propdesk::cli::demo
