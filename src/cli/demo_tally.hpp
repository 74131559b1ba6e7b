// The demo's day-by-day counts, taken from the engine's event bus as an embedding program would:
// what arrived and what was closed, and what the engine did by itself on its deadlines.
#pragma once

#include <cstdint>
#include <set>
#include <vector>

#include "cli/demo_schedule.hpp"
#include "propdesk/event_bus.hpp"

namespace propdesk::cli::demo {

/// One day's counts (local days at the desk, midnight to midnight, +08:00).
struct DayCounts {
  std::int64_t arrivals = 0;     ///< residents' tickets created (not the desk's handovers)
  std::int64_t closed = 0;       ///< residents' tickets that entered a final state
  std::int64_t warnings = 0;     ///< sla_warning entries
  std::int64_t breaches = 0;     ///< sla_breached entries
  std::int64_t escalations = 0;  ///< escalation ladder steps run
  std::int64_t major = 0;        ///< tickets that became major (by the rule or by an action)

  DayCounts& operator+=(const DayCounts& other);
};

class DayTally {
 public:
  /// Counts every event `bus` delivers from now on into the day it happened on (its journal
  /// time), for the days of `hours`.
  DayTally(EventBus& bus, const OfficeHours& hours);

  [[nodiscard]] const std::vector<DayCounts>& days() const { return days_; }
  [[nodiscard]] DayCounts total() const;

 private:
  void count(const TicketEvent& event);

  TimePoint first_midnight_;
  std::vector<DayCounts> days_;
  std::set<TicketId> major_;
  Subscription subscription_;
};

}  // namespace propdesk::cli::demo
