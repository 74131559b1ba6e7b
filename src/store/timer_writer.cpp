#include "store/timer_writer.hpp"

namespace propdesk {

void apply_timer_changes(TicketId ticket, const TimerChanges& changes, TimerWriter& writer) {
  if (changes.cancel_all) writer.cancel_all_timers(ticket);
  for (const std::string& key : changes.cancel) writer.cancel_timer(ticket, key);
  for (const Timer& timer : changes.schedule) writer.schedule_timer(ticket, timer.key, timer.due);
}

}  // namespace propdesk
