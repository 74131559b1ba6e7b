// Properties of the arithmetic on random starts, durations and calendars (fixed seeds), checked
// against each other and against a plain minute-by-minute walk.
//
// The walk is the obvious, slow definition: calendars are at minute precision and offsets are
// whole minutes, so is_working() is constant within each UTC minute, and working time is the sum
// of the working parts of the minutes crossed.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <set>
#include <string>

#include "calendar_test_support.hpp"
#include "propdesk/calendar_loader.hpp"

namespace propdesk {
namespace {

using namespace calendar_test;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

TimePoint next_minute(TimePoint t) { return std::chrono::floor<minutes>(t) + minutes(1); }

Duration walk_between(const Calendar& cal, TimePoint a, TimePoint b) {
  Duration total{0};
  for (TimePoint t = a; t < b;) {
    const TimePoint next = std::min(next_minute(t), b);
    if (cal.is_working(t)) total += next - t;
    t = next;
  }
  return total;
}

// The instant `d` of working time has elapsed from `s`, if within `limit` of s.
std::optional<TimePoint> walk_add(const Calendar& cal, TimePoint s, Duration d, Duration limit) {
  if (d == Duration(0)) return s;
  for (TimePoint t = s; t < s + limit;) {
    const TimePoint next = next_minute(t);
    if (cal.is_working(t)) {
      if (next - t >= d) return t + d;
      d -= next - t;
    }
    t = next;
  }
  return std::nullopt;
}

// The first instant >= t (or > t for a change) where is_working differs, within `limit`.
std::optional<TimePoint> walk_change(const Calendar& cal, TimePoint t, Duration limit) {
  const bool now = cal.is_working(t);
  for (TimePoint m = next_minute(t); m < t + limit; m += minutes(1)) {
    if (cal.is_working(m) != now) return m;
  }
  return std::nullopt;
}

class Sampler {
 public:
  explicit Sampler(std::uint64_t seed) : rng_(seed) {}
  std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool chance(int percent) { return uniform(1, 100) <= percent; }
  TimePoint instant(TimePoint from, TimePoint to) {
    return TimePoint(
        seconds(uniform(from.time_since_epoch().count(), to.time_since_epoch().count())));
  }

 private:
  std::mt19937_64 rng_;
};

const TimePoint kFrom = *parse_time("2025-12-01T00:00:00Z");
const TimePoint kTo = *parse_time("2027-01-31T00:00:00Z");

// A random calendar: 0-3 periods a day (sometimes touching midnight), a random offset, holidays
// and special working days scattered over the test window.
Calendar random_calendar(Sampler& s) {
  CalendarSpec spec;
  spec.name = "random";
  static const int kOffsets[] = {-720, -330, 0, 330, 480, 540, 840};
  spec.utc_offset = minutes(kOffsets[s.uniform(0, 6)]);
  auto random_day = [&] {
    std::vector<WorkPeriod> periods;
    int cursor = s.chance(20) ? 0 : static_cast<int>(s.uniform(0, 600));
    const int count = static_cast<int>(s.uniform(0, 3));
    for (int i = 0; i < count && cursor < 1440; ++i) {
      const int end =
          s.chance(15) ? 1440
                       : static_cast<int>(std::min<std::int64_t>(1440, cursor + s.uniform(1, 300)));
      periods.push_back({minutes(cursor), minutes(end)});
      cursor = end + static_cast<int>(s.uniform(1, 240));
    }
    return periods;
  };
  for (auto& day : spec.week) day = random_day();
  spec.week[static_cast<std::size_t>(s.uniform(0, 6))] = {
      period(9, 0, 17, 0)};  // some work every week
  const int specials = static_cast<int>(s.uniform(0, 40));
  std::set<std::int64_t> used;
  for (int i = 0; i < specials; ++i) {
    const auto day = std::chrono::floor<std::chrono::days>(s.instant(kFrom, kTo));
    if (!used.insert(day.time_since_epoch().count()).second) continue;
    spec.special_days.push_back({std::chrono::year_month_day(day),
                                 s.chance(60) ? std::vector<WorkPeriod>{} : random_day(), ""});
  }
  return Calendar::create(spec);
}

void check_sample(const Calendar& cal, Sampler& s, bool against_walk) {
  const TimePoint start = s.instant(kFrom, kTo);
  const Duration d =
      s.chance(50) ? seconds(s.uniform(1, 12 * 3600)) : seconds(s.uniform(1, 30 * 8 * 3600));
  const std::optional<TimePoint> end = cal.add_working_time(start, d);
  ASSERT_TRUE(end.has_value()) << "start " << format_time(start) << " d " << d.count();
  // The instant the target is used up: exactly d after start, and not a second earlier.
  ASSERT_EQ(cal.working_time_between(start, *end), d) << format_time(start) << " + " << d.count();
  ASSERT_TRUE(cal.is_working(*end - seconds(1))) << format_time(*end);
  ASSERT_EQ(cal.working_time_between(start, *end - seconds(1)), d - seconds(1));
  // So the result is working time or the end of a period.
  if (!cal.is_working(*end)) {
    ASSERT_TRUE(cal.is_working(*end - seconds(1)));
  }

  // Additivity over a split point.
  const TimePoint mid = s.instant(start, *end);
  ASSERT_EQ(cal.working_time_between(start, mid) + cal.working_time_between(mid, *end), d);

  // A target used up exactly at a period's end is due at that end, not when the next one begins.
  const TimePoint probe = s.instant(start, start + hours(24 * 14));
  if (cal.is_working(probe)) {
    if (auto period_end = cal.next_change(probe)) {
      const Duration to_end = cal.working_time_between(start, *period_end);
      ASSERT_EQ(cal.add_working_time(start, to_end), *period_end) << format_time(start);
    }
  }

  if (!against_walk) return;
  const TimePoint b = start + seconds(s.uniform(0, 5 * 86400));
  ASSERT_EQ(cal.working_time_between(start, b), walk_between(cal, start, b)) << format_time(start);
  if (d <= hours(12)) {
    if (auto walked = walk_add(cal, start, d, hours(24 * 21))) {
      ASSERT_EQ(*end, *walked) << format_time(start);
    }
  }
  const auto change = walk_change(cal, start, hours(24 * 21));
  if (change) {
    ASSERT_EQ(cal.next_change(start), change) << format_time(start);
  }
  const auto next_start = cal.is_working(start) ? std::optional<TimePoint>(start) : change;
  if (next_start) {
    ASSERT_EQ(cal.next_working_start(start), next_start) << format_time(start);
  }
}

TEST(CalendarProperty, ShippedOfficeCalendar) {
  CalendarLoadResult r = load_calendar_file(PROPDESK_SOURCE_DIR "/workflows/calendars/office.yaml");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  Sampler s(20261001);
  for (int i = 0; i < 400; ++i) {
    check_sample(*r.calendar, s, i < 150);
    if (HasFatalFailure()) return;
  }
}

TEST(CalendarProperty, RandomCalendars) {
  Sampler s(5545);
  for (int c = 0; c < 25; ++c) {
    const Calendar cal = random_calendar(s);
    for (int i = 0; i < 120; ++i) {
      check_sample(cal, s, i < 40);
      if (HasFatalFailure()) {
        ADD_FAILURE() << "calendar #" << c;
        return;
      }
    }
  }
}

TEST(CalendarProperty, AlwaysIsPlainArithmetic) {
  const Calendar cal = Calendar::always();
  Sampler s(24 * 7);
  for (int i = 0; i < 500; ++i) {
    const TimePoint a = s.instant(kFrom, kTo);
    const Duration d = seconds(s.uniform(0, 90 * 86400));
    ASSERT_EQ(cal.add_working_time(a, d), a + d);
    ASSERT_EQ(cal.working_time_between(a, a + d), d);
  }
}

}  // namespace
}  // namespace propdesk
