#include "cli/demo_schedule.hpp"

#include <algorithm>
#include <chrono>

#include "cli/local_time.hpp"

namespace propdesk::cli::demo {

namespace {
constexpr Duration kOfficeDay = std::chrono::hours(9) + std::chrono::minutes(30);
}

TimePoint OfficeHours::opening(int day) const { return first_ + std::chrono::days(day); }

TimePoint OfficeHours::closing(int day) const { return opening(day) + kOfficeDay; }

TimePoint OfficeHours::first_midnight() const {
  const auto local = first_ + kDeskOffset;
  return std::chrono::floor<std::chrono::days>(local) - kDeskOffset;
}

std::optional<TimePoint> OfficeHours::fit(TimePoint t) const {
  for (int day = 0; day < days_; ++day) {
    if (t < opening(day)) return opening(day);
    if (t <= closing(day)) return t;
    if (day + 1 < days_ && t < opening(day + 1)) {
      const Duration overrun = t - closing(day);
      return std::min(opening(day + 1) + overrun, closing(day + 1));
    }
  }
  return std::nullopt;
}

void DemoSchedule::at(TimePoint when, std::function<void()> action) {
  queue_.push(Pending{when, next_order_++, std::move(action)});
}

void DemoSchedule::run(const std::function<void(TimePoint)>& move_clock) {
  while (!queue_.empty() && !stopped_) {
    Pending next = queue_.top();
    queue_.pop();
    move_clock(next.when);
    if (!stopped_) next.action();
  }
}

}  // namespace propdesk::cli::demo
