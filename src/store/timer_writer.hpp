// Applying TimerChanges, whatever the storage: the order the contract gives (cancel_all, cancel,
// schedule; propdesk/timer.hpp) lives here once, and each store supplies the three primitive
// writes. Both stores call apply_timer_changes() inside whatever makes their item atomic.
#pragma once

#include <string>

#include "propdesk/ticket.hpp"
#include "propdesk/timer.hpp"

namespace propdesk {

/// The storage-specific half: the three writes a store makes for timer changes.
class TimerWriter {
 public:
  virtual ~TimerWriter() = default;
  /// Removes every timer of `ticket`.
  virtual void cancel_all_timers(TicketId ticket) = 0;
  /// Removes the timer `key` of `ticket`, if there is one.
  virtual void cancel_timer(TicketId ticket, const std::string& key) = 0;
  /// Sets the timer `key` of `ticket` to `due`, replacing one with the same key.
  virtual void schedule_timer(TicketId ticket, const std::string& key, TimePoint due) = 0;
};

/// Applies `changes` (already checked with check_timers()) to the timers of `ticket`: cancel_all,
/// then cancel, then schedule, each in the order given (so of two schedules with one key, the
/// later wins). Timer::ticket of the scheduled timers is ignored.
void apply_timer_changes(TicketId ticket, const TimerChanges& changes, TimerWriter& writer);

}  // namespace propdesk
