// The demo's sense of time: the desk's opening hours over the days played, and a queue of things
// to do at given instants, run in time order on the manual clock.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <queue>
#include <vector>

#include "propdesk/value.hpp"

namespace propdesk::cli::demo {

/// The desk is staffed 08:30-18:00 (+08:00) on `days` consecutive days from the first opening,
/// weekends included (the office calendar, which the SLA clocks count on, is not: see
/// workflows/calendars/office.yaml).
class OfficeHours {
 public:
  OfficeHours(TimePoint first_opening, int days) : first_(first_opening), days_(days) {}

  [[nodiscard]] int days() const { return days_; }
  [[nodiscard]] TimePoint opening(int day) const;
  [[nodiscard]] TimePoint closing(int day) const;
  /// The last closing: when the demo ends.
  [[nodiscard]] TimePoint end() const { return closing(days_ - 1); }
  /// Local midnight before the first opening: where day 0 begins.
  [[nodiscard]] TimePoint first_midnight() const;
  /// `t` if the desk is open then; work that would run after closing moves to the next morning by
  /// as much as it overran; nullopt after the last closing (left for a day the demo does not play).
  [[nodiscard]] std::optional<TimePoint> fit(TimePoint t) const;

 private:
  TimePoint first_;
  int days_;
};

/// Actions at instants, run in time order (ties in the order they were scheduled).
class DemoSchedule {
 public:
  void at(TimePoint when, std::function<void()> action);
  /// Runs everything, including what the actions schedule, in time order, until the queue is empty
  /// or stop() was called; `move_clock` is called with each action's instant first.
  void run(const std::function<void(TimePoint)>& move_clock);
  /// Ends run() after the current action; what is left is not run.
  void stop() { stopped_ = true; }

 private:
  struct Pending {
    TimePoint when;
    std::uint64_t order;
    std::function<void()> action;
    bool operator>(const Pending& other) const {
      return when != other.when ? when > other.when : order > other.order;
    }
  };
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> queue_;
  std::uint64_t next_order_ = 0;
  bool stopped_ = false;
};

}  // namespace propdesk::cli::demo
