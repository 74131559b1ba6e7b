// propdesk/timer.hpp: a wake-up call the engine leaves in the store.
//
// Timers are how the engine knows its next deadline without polling: an SLA clock reaching its
// warning point, target or an escalation step, a timed transition (`after: 48h`), a callback at
// the time the resident chose. They are persisted with the ticket change that makes them (same
// transaction), so a restart neither loses nor repeats one. A timer is only a wake-up: what is due
// is decided from the ticket itself (its SlaClockState), so a timer that fires twice, or late,
// does no harm.
#pragma once

#include <string>
#include <vector>

#include "propdesk/ticket.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

/// One timer: at `due`, wake the engine for `ticket`. (ticket, key) is unique.
///
/// Keys the engine uses: "clock:<clock name>" (the clock's next threshold) and
/// "after:<transition index>" (a timed transition out of the current state).
struct Timer {
  TicketId ticket = 0;
  std::string key;
  TimePoint due;

  friend bool operator==(const Timer&, const Timer&) = default;
};

/// Timer changes that commit together with a ticket change (NewTicket, Update) or on their own
/// (Store::reschedule). Applied in this order: cancel_all, cancel, schedule.
struct TimerChanges {
  bool cancel_all = false;           ///< remove every timer of the ticket first
  std::vector<std::string> cancel;   ///< keys to remove (a missing key is not an error)
  /// Timers to set; one with a key the ticket already has replaces it (upsert). `ticket` is
  /// ignored (the item's ticket is meant; for a NewTicket its id is not known yet).
  std::vector<Timer> schedule;

  [[nodiscard]] bool empty() const { return !cancel_all && cancel.empty() && schedule.empty(); }
};

}  // namespace propdesk
