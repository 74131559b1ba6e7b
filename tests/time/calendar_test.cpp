// Business-time arithmetic on calendars built in code: breaks, nights, weekends, holidays,
// make-up days, boundaries, 24x7, empty calendars and time zones.
#include "propdesk/calendar.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "calendar_test_support.hpp"

namespace propdesk {
namespace {

using namespace calendar_test;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// 2026-11-23 is a Monday; 2026-11-26 a Thursday, 2026-11-28 a Saturday.

TEST(Calendar, WorkingTimeIsHalfOpenAtEachPeriodBoundary) {
  const Calendar cal = office();
  EXPECT_FALSE(cal.is_working(at("2026-11-26 08:59:59")));
  EXPECT_TRUE(cal.is_working(at("2026-11-26 09:00:00")));
  EXPECT_TRUE(cal.is_working(at("2026-11-26 11:59:59")));
  EXPECT_FALSE(cal.is_working(at("2026-11-26 12:00:00")));
  EXPECT_FALSE(cal.is_working(at("2026-11-26 12:59:59")));
  EXPECT_TRUE(cal.is_working(at("2026-11-26 13:00:00")));
  EXPECT_TRUE(cal.is_working(at("2026-11-26 17:59:59")));
  EXPECT_FALSE(cal.is_working(at("2026-11-26 18:00:00")));
  EXPECT_FALSE(cal.is_working(at("2026-11-28 10:00")));  // Saturday
}

TEST(Calendar, LunchBreakDoesNotCount) {
  const Calendar cal = office();
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 11:45"), 30min), at("2026-11-26 13:15"));
  EXPECT_EQ(cal.working_time_between(at("2026-11-26 11:45"), at("2026-11-26 13:15")), 30min);
  EXPECT_EQ(cal.working_time_between(at("2026-11-26 12:10"), at("2026-11-26 12:50")), 0s);
  EXPECT_EQ(cal.working_time_between(at("2026-11-26 09:00"), at("2026-11-26 18:00")), 8h);
}

TEST(Calendar, StartInsideTheBreakCountsFromTheNextPeriod) {
  const Calendar cal = office();
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 12:30"), 1h), at("2026-11-26 14:00"));
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 07:00"), 30min), at("2026-11-26 09:30"));
}

TEST(Calendar, TargetUsedUpAtAPeriodEndIsDueThere) {
  const Calendar cal = office();
  // The earliest instant: 12:00, not 13:00 when the afternoon would begin.
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 11:00"), 1h), at("2026-11-26 12:00"));
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 09:00"), 8h), at("2026-11-26 18:00"));
  // One second after the break.
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 12:00:00"), 1s), at("2026-11-26 13:00:01"));
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 13:00:00"), 1s), at("2026-11-26 13:00:01"));
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 11:59:59"), 1s), at("2026-11-26 12:00:00"));
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 11:59:59"), 2s), at("2026-11-26 13:00:01"));
}

TEST(Calendar, SecondsAreExact) {
  const Calendar cal = office();
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 11:59:30"), 45s), at("2026-11-26 13:00:15"));
  EXPECT_EQ(cal.working_time_between(at("2026-11-26 11:59:30"), at("2026-11-26 13:00:15")), 45s);
}

TEST(Calendar, OvernightContinuesNextMorning) {
  const Calendar cal = office();
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 17:30"), 1h), at("2026-11-27 09:30"));
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 20:00"), 1h), at("2026-11-27 10:00"));
  EXPECT_EQ(cal.working_time_between(at("2026-11-26 17:30"), at("2026-11-27 09:30")), 1h);
}

TEST(Calendar, WeekendIsSkipped) {
  const Calendar cal = office();
  EXPECT_EQ(cal.add_working_time(at("2026-11-27 17:00"), 2h), at("2026-11-30 10:00"));
  EXPECT_EQ(cal.working_time_between(at("2026-11-27 17:00"), at("2026-11-30 10:00")), 2h);
  EXPECT_EQ(cal.working_time_between(at("2026-11-28 00:00"), at("2026-11-30 00:00")), 0s);

  CalendarSpec spec = office_spec();
  spec.week[6] = {period(9, 0, 12, 0)};  // Saturday mornings
  const Calendar with_saturday = Calendar::create(spec);
  EXPECT_EQ(with_saturday.add_working_time(at("2026-11-27 17:00"), 2h), at("2026-11-28 10:00"));
  EXPECT_EQ(with_saturday.add_working_time(at("2026-11-27 17:00"), 5h), at("2026-11-30 10:00"));
  EXPECT_EQ(with_saturday.weekly_working_time(), 43h);
}

TEST(Calendar, HolidayIsSkipped) {
  CalendarSpec spec = office_spec();
  spec.special_days.push_back({date(2026, 11, 25), {}, "staff day"});
  const Calendar cal = Calendar::create(spec);
  EXPECT_FALSE(cal.is_working(at("2026-11-25 10:00")));
  EXPECT_EQ(cal.add_working_time(at("2026-11-24 17:00"), 2h), at("2026-11-26 10:00"));
  EXPECT_EQ(cal.working_time_between(at("2026-11-23 09:00"), at("2026-11-28 00:00")), 32h);
  const DaySchedule day = cal.schedule_on(date(2026, 11, 25));
  EXPECT_EQ(day.kind, DaySchedule::Kind::kHoliday);
  EXPECT_EQ(day.name, "staff day");
  EXPECT_TRUE(day.periods.empty());
}

TEST(Calendar, MakeUpWorkingDayOnAWeekend) {
  CalendarSpec spec = office_spec();
  spec.special_days.push_back({date(2026, 10, 10), spec.week[1], "国庆节补班"});
  const Calendar cal = Calendar::create(spec);
  EXPECT_TRUE(cal.is_working(at("2026-10-10 10:00")));   // Saturday, works like Monday
  EXPECT_FALSE(cal.is_working(at("2026-10-11 10:00")));  // Sunday
  EXPECT_EQ(cal.add_working_time(at("2026-10-09 17:00"), 2h), at("2026-10-10 10:00"));
  EXPECT_EQ(cal.working_time_between(at("2026-10-09 00:00"), at("2026-10-12 00:00")), 16h);
  const DaySchedule day = cal.schedule_on(date(2026, 10, 10));
  EXPECT_EQ(day.kind, DaySchedule::Kind::kWorkday);
  EXPECT_EQ(day.periods.size(), 2u);
  EXPECT_EQ(cal.schedule_on(date(2026, 10, 12)).kind, DaySchedule::Kind::kRegular);
}

TEST(Calendar, SpecialDayWithItsOwnHours) {
  CalendarSpec spec = office_spec();
  spec.special_days.push_back({date(2026, 12, 31), {period(9, 0, 12, 0)}, "New Year's Eve"});
  const Calendar cal = Calendar::create(spec);
  EXPECT_FALSE(cal.is_working(at("2026-12-31 14:00")));
  EXPECT_EQ(cal.add_working_time(at("2026-12-31 11:00"), 2h), at("2027-01-01 10:00"));
}

TEST(Calendar, LongHolidayWeekIsSkippedWhole) {
  CalendarSpec spec = office_spec();
  for (unsigned d = 1; d <= 7; ++d) spec.special_days.push_back({date(2026, 10, d), {}, "国庆节"});
  spec.special_days.push_back({date(2026, 9, 20), spec.week[1], "国庆节补班"});
  spec.special_days.push_back({date(2026, 10, 10), spec.week[1], "国庆节补班"});
  const Calendar cal = Calendar::create(spec);
  // Wednesday 30 September 17:00, a 4h target: 1h that evening, 3h on Thursday 8 October.
  EXPECT_EQ(cal.add_working_time(at("2026-09-30 17:00"), 4h), at("2026-10-08 12:00"));
  EXPECT_EQ(cal.add_working_time(at("2026-09-30 17:00"), 8h), at("2026-10-08 17:00"));
  // Sep 30, Oct 8, Oct 9 and the make-up Saturday Oct 10.
  EXPECT_EQ(cal.working_time_between(at("2026-09-30 00:00"), at("2026-10-11 00:00")), 32h);
  EXPECT_EQ(cal.working_time_between(at("2026-10-01 00:00"), at("2026-10-08 00:00")), 0s);
}

TEST(Calendar, ThirtyDayTargetIsExact) {
  const Calendar cal = office();
  // 30 working days of 8h from Monday 09:00 end on the Friday six weeks later at 18:00.
  EXPECT_EQ(cal.add_working_time(at("2026-11-23 09:00"), 30 * 8h), at("2027-01-01 18:00"));
  EXPECT_EQ(cal.working_time_between(at("2026-11-23 09:00"), at("2027-01-01 18:00")), 240h);
  // Ten years ahead.
  const TimePoint far = *cal.add_working_time(at("2026-11-23 09:00"), 520 * 40h);
  EXPECT_EQ(cal.working_time_between(at("2026-11-23 09:00"), far), 520 * 40h);
}

TEST(Calendar, ZeroDurationReturnsTheStartItself) {
  const Calendar cal = office();
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 10:00"), 0s), at("2026-11-26 10:00"));
  EXPECT_EQ(cal.add_working_time(at("2026-11-28 10:00"), 0s), at("2026-11-28 10:00"));
  EXPECT_EQ(cal.working_time_between(at("2026-11-26 10:00"), at("2026-11-26 10:00")), 0s);
}

TEST(Calendar, NegativeDurationIsRefused) {
  EXPECT_THROW((void)office().add_working_time(at("2026-11-26 10:00"), -1s), std::invalid_argument);
}

TEST(Calendar, IntervalBackwardsIsZero) {
  EXPECT_EQ(office().working_time_between(at("2026-11-26 15:00"), at("2026-11-26 10:00")), 0s);
}

TEST(Calendar, NextWorkingStart) {
  const Calendar cal = office();
  EXPECT_EQ(cal.next_working_start(at("2026-11-26 10:00")), at("2026-11-26 10:00"));
  EXPECT_EQ(cal.next_working_start(at("2026-11-26 12:00")), at("2026-11-26 13:00"));
  EXPECT_EQ(cal.next_working_start(at("2026-11-26 12:59:59")), at("2026-11-26 13:00"));
  EXPECT_EQ(cal.next_working_start(at("2026-11-27 18:00")), at("2026-11-30 09:00"));
}

TEST(Calendar, NextChange) {
  const Calendar cal = office();
  EXPECT_EQ(cal.next_change(at("2026-11-26 10:00")), at("2026-11-26 12:00"));
  EXPECT_EQ(cal.next_change(at("2026-11-26 12:00")), at("2026-11-26 13:00"));
  EXPECT_EQ(cal.next_change(at("2026-11-26 13:00")), at("2026-11-26 18:00"));
  EXPECT_EQ(cal.next_change(at("2026-11-27 18:00")), at("2026-11-30 09:00"));
}

TEST(Calendar, NightShiftRunsAcrossMidnight) {
  // The duty room: 18:00 to 09:00 the next morning, written as two periods per day.
  CalendarSpec spec;
  spec.name = "night";
  for (auto& day : spec.week) day = {period(0, 0, 9, 0), period(18, 0, 24, 0)};
  const Calendar cal = Calendar::create(spec);
  EXPECT_TRUE(cal.is_working(at("2026-11-26 23:59:59")));
  EXPECT_TRUE(cal.is_working(at("2026-11-27 00:00:00")));
  EXPECT_EQ(cal.working_time_between(at("2026-11-26 23:00"), at("2026-11-27 01:00")), 2h);
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 17:00"), 16h), at("2026-11-27 19:00"));
  // The stretch 18:00-09:00 is one: it changes at 09:00, not at midnight.
  EXPECT_EQ(cal.next_change(at("2026-11-26 20:00")), at("2026-11-27 09:00"));
}

TEST(Calendar, TouchingPeriodsAreMerged) {
  CalendarSpec spec;
  spec.week[1] = {period(12, 0, 13, 0), period(9, 0, 12, 0)};
  const Calendar cal = Calendar::create(spec);
  ASSERT_EQ(cal.periods(std::chrono::Monday).size(), 1u);
  EXPECT_EQ(cal.periods(std::chrono::Monday)[0].to_string(), "09:00-13:00");
  EXPECT_EQ(cal.next_change(at("2026-11-23 10:00")), at("2026-11-23 13:00"));
}

TEST(Calendar, AlwaysCountsEverySecond) {
  const Calendar cal = Calendar::always();
  EXPECT_TRUE(cal.is_always());
  EXPECT_EQ(cal.name(), "always");
  EXPECT_TRUE(cal.is_working(at("2026-11-28 03:00")));
  EXPECT_EQ(cal.add_working_time(at("2026-11-27 17:00"), 48h), at("2026-11-29 17:00"));
  EXPECT_EQ(cal.working_time_between(at("2026-11-27 17:00"), at("2026-11-29 17:00")), 48h);
  EXPECT_EQ(cal.next_working_start(at("2026-11-28 03:00")), at("2026-11-28 03:00"));
  EXPECT_EQ(cal.next_change(at("2026-11-28 03:00")), std::nullopt);
  // A default-constructed calendar is the same.
  EXPECT_TRUE(Calendar().is_always());
}

TEST(Calendar, NoWorkingTimeNeverHangs) {
  CalendarSpec spec;
  spec.name = "closed";
  const Calendar cal = Calendar::create(spec);
  EXPECT_TRUE(cal.has_no_working_time());
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 10:00"), 1s), std::nullopt);
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 10:00"), 10000h), std::nullopt);
  EXPECT_EQ(cal.next_working_start(at("2026-11-26 10:00")), std::nullopt);
  EXPECT_EQ(cal.next_change(at("2026-11-26 10:00")), std::nullopt);
  EXPECT_EQ(cal.working_time_between(at("2026-01-01 00:00"), at("2030-01-01 00:00")), 0s);
}

TEST(Calendar, WorkingTimeThatRunsOutGivesNothing) {
  // Only one working day ever: a special day on an otherwise closed calendar.
  CalendarSpec spec;
  spec.special_days.push_back({date(2026, 11, 28), {period(9, 0, 12, 0)}, "open day"});
  const Calendar cal = Calendar::create(spec);
  EXPECT_FALSE(cal.has_no_working_time());
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 10:00"), 3h), at("2026-11-28 12:00"));
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 10:00"), 3h + 1s), std::nullopt);
  EXPECT_EQ(cal.next_working_start(at("2026-11-28 12:00")), std::nullopt);
}

TEST(Calendar, BeyondTheYear9999GivesNothing) {
  const Calendar cal = office();
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 10:00"), hours(40LL * 52 * 9000)), std::nullopt);
  EXPECT_EQ(cal.add_working_time(at("2026-11-26 10:00"), Duration::max()), std::nullopt);
  EXPECT_EQ(Calendar::always().add_working_time(at("2026-11-26 10:00"), Duration::max()),
            std::nullopt);
  EXPECT_THROW((void)cal.is_working(TimePoint(seconds(300'000'000'000LL))), std::out_of_range);
  EXPECT_THROW((void)cal.working_time_between(TimePoint::min(), at("2026-11-26 10:00")),
               std::out_of_range);
}

TEST(Calendar, TimeZoneOffsetPlacesTheDay) {
  const Calendar shanghai = office();
  // 01:00Z is 09:00 in Shanghai.
  EXPECT_TRUE(shanghai.is_working(*parse_time("2026-11-26T01:00:00Z")));
  EXPECT_FALSE(shanghai.is_working(*parse_time("2026-11-26T00:59:59Z")));
  EXPECT_EQ(shanghai.local_date(*parse_time("2026-11-26T16:00:00Z")), date(2026, 11, 27));

  CalendarSpec tokyo_spec = office_spec();
  tokyo_spec.utc_offset = hours(9);
  const Calendar tokyo = Calendar::create(tokyo_spec);
  EXPECT_TRUE(tokyo.is_working(*parse_time("2026-11-26T00:00:00Z")));
  EXPECT_FALSE(tokyo.is_working(*parse_time("2026-11-25T23:59:59Z")));

  CalendarSpec utc_minus = office_spec();
  utc_minus.utc_offset = -hours(5);
  const Calendar west = Calendar::create(utc_minus);
  EXPECT_TRUE(west.is_working(*parse_time("2026-11-26T14:00:00Z")));
  EXPECT_EQ(west.add_working_time(*parse_time("2026-11-26T22:30:00Z"), 1h),
            parse_time("2026-11-27T14:30:00Z"));
}

TEST(Calendar, CreateRefusesBrokenSpecs) {
  CalendarSpec overlap = office_spec();
  overlap.week[1] = {period(9, 0, 12, 0), period(11, 0, 14, 0)};
  EXPECT_THROW(Calendar::create(overlap), std::invalid_argument);

  CalendarSpec backwards = office_spec();
  backwards.week[2] = {period(18, 0, 9, 0)};
  EXPECT_THROW(Calendar::create(backwards), std::invalid_argument);

  CalendarSpec past_midnight = office_spec();
  past_midnight.week[2] = {period(23, 0, 24, 1)};
  EXPECT_THROW(Calendar::create(past_midnight), std::invalid_argument);

  CalendarSpec twice = office_spec();
  twice.special_days = {{date(2026, 10, 1), {}, "a"}, {date(2026, 10, 1), {}, "b"}};
  EXPECT_THROW(Calendar::create(twice), std::invalid_argument);

  CalendarSpec bad_date = office_spec();
  bad_date.special_days = {{date(2026, 2, 30), {}, ""}};
  EXPECT_THROW(Calendar::create(bad_date), std::invalid_argument);

  CalendarSpec far_zone = office_spec();
  far_zone.utc_offset = hours(15);
  EXPECT_THROW(Calendar::create(far_zone), std::invalid_argument);
}

TEST(Calendar, CopiesShareOneImmutableStateAcrossThreads) {
  CalendarSpec spec = office_spec();
  for (unsigned d = 1; d <= 7; ++d) spec.special_days.push_back({date(2026, 10, d), {}, "国庆节"});
  const Calendar cal = Calendar::create(spec);
  const TimePoint expected = *cal.add_working_time(at("2026-09-30 17:00"), 40h);
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      const Calendar copy = cal;  // NOLINT(performance-unnecessary-copy-initialization)
      for (int n = 0; n < 2000; ++n) {
        if (copy.add_working_time(at("2026-09-30 17:00"), 40h) != expected)
          ++wrong[static_cast<std::size_t>(i)];
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace propdesk
