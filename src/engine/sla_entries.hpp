// The journal entries of SLA thresholds: sla_warning, sla_breached and escalation (a ladder
// step: notify, set, then fire as the system once committed).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/loaded_workflow.hpp"
#include "propdesk/event_bus.hpp"
#include "propdesk/store.hpp"

namespace propdesk {

/// One threshold, ready to commit: the ticket after it (a step's `set` applied) and its entry.
struct SlaEntry {
  Update item;                  ///< item.timers is left empty: the caller commits the timers
  TicketEvent note;             ///< to emit once committed
  std::optional<EventId> fire;  ///< a step's `fire`, to fire as the system once committed
  bool at_breach = false;       ///< a step `at: breach` (for messages: "at breach", not "at 100%")
};

/// Takes every threshold of `ticket` reached by `at` that is not done yet, in order, and makes
/// one entry for each: `ticket` is moved on (thresholds marked done, steps' fields set),
/// `version` counts the entries (each entry's expected_version is the one before it), and the
/// clocks' timer changes are merged into `timers`. Entries are dated at their threshold's
/// reached_at, never before `not_before` (the ticket's last change) or an earlier entry.
std::vector<SlaEntry> take_sla_entries(const LoadedWorkflow& loaded, Ticket& ticket,
                                       std::int64_t& version, TimePoint at, TimePoint not_before,
                                       TimerChanges& timers);

/// The entries of thresholds SlaTracker::update() reported overdue (already marked done), for a
/// change of `ticket` (as it was before the change): same shape as above.
std::vector<SlaEntry> overdue_sla_entries(const LoadedWorkflow& loaded, const Ticket& ticket,
                                          std::int64_t& version, const std::vector<SlaThreshold>& overdue,
                                          TimePoint not_before);

}  // namespace propdesk
