// What a story is written with: the estate's people, the desk's hours, the office calendar the SLA
// clocks count on, the randomness, and when the ticket arrives; and the times residents choose.
#pragma once

#include "cli/demo_estate.hpp"
#include "cli/demo_schedule.hpp"
#include "propdesk/calendar.hpp"

namespace propdesk::cli::demo {

struct Scene {
  Rng& rng;
  const Staff& staff;
  const OfficeHours& hours;
  const Calendar& office;  ///< the `office` calendar of the engine's configuration
  TimePoint arrival;       ///< inside the desk's hours

  /// The same scene for a ticket arriving at `t` (moved into the desk's hours).
  [[nodiscard]] Scene at(TimePoint t) const;
};

/// A time the resident chooses for the desk's call (回访, "请问您通常在什么时间比较方便?"): on the
/// hour or half hour, one to three hours after `after`, in the office calendar's working time and
/// at least half an hour into a working period, when the desk is surely there to call. (The callback
/// clock is due at exactly the chosen time wherever it falls, see docs/sla.md, Targets; the demo
/// keeps to these slots so that its week stays the same for a seed.)
TimePoint callback_slot(const Scene& s, TimePoint after);

/// How the desk keeps a callback the resident asked for.
enum class Callback {
  kOnTime,  ///< a few minutes before the chosen time
  kMissed,  ///< forgotten; made the next day, around the same time
};
/// kMissed with probability `missed_percent`.
Callback draw_callback(Rng& rng, int missed_percent);
/// When the desk calls the resident who chose `slot`.
TimePoint callback_time(const Scene& s, TimePoint slot, Callback how);

}  // namespace propdesk::cli::demo
