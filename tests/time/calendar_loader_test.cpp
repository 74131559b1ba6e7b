// Calendar files: what a valid file becomes, and where each kind of mistake is reported.
#include "propdesk/calendar_loader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "calendar_test_support.hpp"

namespace propdesk {
namespace {

using namespace calendar_test;

const std::string kDataDir = PROPDESK_SOURCE_DIR "/tests/time/data";

CalendarLoadResult load(const std::string& text) {
  return load_calendar_string(text, "cal.yaml", kDataDir);
}

// Loads text that must fail, and returns the diagnostic with `code` (the test fails without one).
Diagnostic expect_error(const std::string& text, const std::string& code) {
  CalendarLoadResult r = load(text);
  EXPECT_FALSE(r.ok()) << "loaded although it should not:\n" << text;
  const Diagnostic* d = find_code(r.diagnostics, code);
  EXPECT_NE(d, nullptr) << "no [" << code << "] among:\n" << dump(r.diagnostics);
  if (d == nullptr) return {};
  EXPECT_EQ(d->severity, DiagnosticSeverity::kError);
  return *d;
}

TEST(CalendarLoader, TheExampleOfTheIssueLoads) {
  CalendarLoadResult r = load(R"(calendar: office
timezone: Asia/Shanghai
week:
  mon-fri: [09:00-12:00, 13:00-18:00]
  sat: [09:00-12:00]
holidays:
  - 2026-10-01..2026-10-07        # 国庆节
  - {date: 2026-01-01, name: 元旦}
workdays:                         # 调休 make-up working days
  - {date: 2026-10-10, as: mon}
  - {date: 2026-09-20, periods: [09:00-12:00]}
)");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
  const Calendar& cal = *r.calendar;
  EXPECT_EQ(cal.name(), "office");
  EXPECT_EQ(cal.time_zone(), "Asia/Shanghai");
  EXPECT_EQ(cal.utc_offset(), std::chrono::hours(8));
  EXPECT_EQ(cal.weekly_working_time(), 43h);
  EXPECT_EQ(cal.special_days().size(), 10u);
  EXPECT_EQ(cal.schedule_on(date(2026, 1, 1)).name, "元旦");
  EXPECT_FALSE(cal.is_working(at("2026-10-03 10:00")));
  EXPECT_TRUE(cal.is_working(at("2026-10-10 15:00")));  // as Monday
  EXPECT_TRUE(cal.is_working(at("2026-09-20 10:00")));  // own periods
  EXPECT_FALSE(cal.is_working(at("2026-09-20 15:00")));
  EXPECT_EQ(cal.add_working_time(at("2026-09-30 17:00"), 4h), at("2026-10-08 12:00"));
}

TEST(CalendarLoader, SpellingsOfDaysAndPeriods) {
  CalendarLoadResult r = load(R"(calendar: desk
week:
  monday-thursday: 9:00-18:00
  周五: [09:00 - 12:00, "13:00~17:30"]
  sat, sun: closed
)");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_EQ(r.calendar->periods(std::chrono::Monday).size(), 1u);
  EXPECT_EQ(r.calendar->periods(std::chrono::Friday)[1].to_string(), "13:00-17:30");
  EXPECT_TRUE(r.calendar->periods(std::chrono::Sunday).empty());
  EXPECT_EQ(r.calendar->time_zone(), "Asia/Shanghai");  // the default
}

TEST(CalendarLoader, WeekAs24x7AndTheAlwaysCalendar) {
  CalendarLoadResult duty = load("calendar: duty_room\nweek: 24x7\nholidays: [2026-02-17]\n");
  ASSERT_TRUE(duty.ok()) << dump(duty.diagnostics);
  EXPECT_TRUE(duty.calendar->is_working(at("2026-11-28 03:00")));
  EXPECT_FALSE(duty.calendar->is_working(at("2026-02-17 03:00")));

  CalendarLoadResult always = load("calendar: always\n");
  ASSERT_TRUE(always.ok()) << dump(always.diagnostics);
  EXPECT_TRUE(always.calendar->is_always());

  const Diagnostic d =
      expect_error("calendar: always\nweek:\n  mon-fri: 09:00-18:00\n", "reserved-name");
  EXPECT_EQ(d.where.line, 2);
}

TEST(CalendarLoader, OverlappingPeriods) {
  const Diagnostic d = expect_error(R"(calendar: office
week:
  mon-fri: [09:00-12:00, 11:00-14:00]
)",
                                    "overlapping-periods");
  EXPECT_EQ(d.where.to_string(), "cal.yaml:3:26");
  EXPECT_NE(d.message.find("11:00-14:00 overlaps 09:00-12:00"), std::string::npos) << d.message;
}

TEST(CalendarLoader, PeriodEndingBeforeItBegins) {
  const Diagnostic d = expect_error("calendar: night\nweek:\n  mon: 18:00-09:00\n", "period-order");
  EXPECT_EQ(d.where.to_string(), "cal.yaml:3:8");
  EXPECT_NE(d.message.find("00:00-09:00 on the next"), std::string::npos) << d.message;
  expect_error("calendar: x\nweek:\n  mon: 09:00-09:00\n", "empty-period");
}

TEST(CalendarLoader, BadTimes) {
  Diagnostic d = expect_error("calendar: x\nweek:\n  mon: [09:00-24:01]\n", "bad-time");
  EXPECT_EQ(d.where.to_string(), "cal.yaml:3:9");
  EXPECT_NE(d.message.find("24:01"), std::string::npos);
  expect_error("calendar: x\nweek:\n  mon: 25:00-26:00\n", "bad-time");
  expect_error("calendar: x\nweek:\n  mon: 09:60-12:00\n", "bad-time");
  expect_error("calendar: x\nweek:\n  mon: 24:00-24:00\n", "bad-time");  // 24:00 only as an end
  d = expect_error("calendar: x\nweek:\n  mon: 09:00:30-12:00\n", "bad-time");
  EXPECT_NE(d.message.find("whole minutes"), std::string::npos);
  expect_error("calendar: x\nweek:\n  mon: 0900-1200\n", "bad-time");
  expect_error("calendar: x\nweek:\n  mon: morning\n", "bad-period");
  // 24:00 as an end and a single-digit hour are fine.
  EXPECT_TRUE(load("calendar: x\nweek:\n  mon: [9:00-12:00, 18:00-24:00]\n").ok());
}

TEST(CalendarLoader, UnknownWeekdayWithDidYouMean) {
  Diagnostic d = expect_error("calendar: x\nweek:\n  mon-fir: 09:00-18:00\n", "unknown-weekday");
  EXPECT_EQ(d.where.to_string(), "cal.yaml:3:7");  // at 'fir'
  EXPECT_NE(d.message.find("did you mean 'fri'?"), std::string::npos) << d.message;
  d = expect_error("calendar: x\nweek:\n  mon: 09:00-18:00\n  xyz: 09:00-12:00\n",
                   "unknown-weekday");
  EXPECT_EQ(d.where.line, 4);
  EXPECT_NE(d.message.find("mon, tue"), std::string::npos) << d.message;
  d = expect_error("calendar: x\nweek: {mon: 09:00-18:00}\nworkday_as: mnday\n", "unknown-weekday");
  EXPECT_NE(d.message.find("did you mean 'monday'?"), std::string::npos) << d.message;
}

TEST(CalendarLoader, DayGivenTwice) {
  const Diagnostic d = expect_error(
      "calendar: x\nweek:\n  mon-fri: 09:00-18:00\n  fri: 09:00-12:00\n", "duplicate-day");
  EXPECT_EQ(d.where.line, 4);
  EXPECT_NE(d.message.find("'mon-fri' at line 3"), std::string::npos) << d.message;
}

TEST(CalendarLoader, UnknownKeys) {
  Diagnostic d =
      expect_error("calendar: x\nweek: {mon: 09:00-18:00}\nholiday: [2026-10-01]\n", "unknown-key");
  EXPECT_EQ(d.where.to_string(), "cal.yaml:3:1");
  EXPECT_NE(d.message.find("did you mean 'holidays'?"), std::string::npos) << d.message;
  d = expect_error(
      "calendar: x\nweek: {mon: 09:00-18:00}\nworkdays:\n  - {date: 2026-10-10, like: mon}\n",
      "unknown-key");
  EXPECT_EQ(d.where.line, 4);
  expect_error("week: {mon: 09:00-18:00}\n", "missing-key");
  expect_error("calendar: x\n", "missing-key");
}

TEST(CalendarLoader, BadDates) {
  Diagnostic d = expect_error("calendar: x\nweek: {mon: 09:00-18:00}\nholidays:\n  - 2026-02-30\n",
                              "bad-date");
  EXPECT_EQ(d.where.to_string(), "cal.yaml:4:5");
  EXPECT_NE(d.message.find("February 2026 has 28 days"), std::string::npos) << d.message;
  d = expect_error("calendar: x\nweek: {mon: 09:00-18:00}\nholidays: [2026-13-01]\n", "bad-date");
  EXPECT_NE(d.message.find("no month 13"), std::string::npos) << d.message;
  expect_error("calendar: x\nweek: {mon: 09:00-18:00}\nholidays: [2026-1-5]\n", "bad-date");
  expect_error(
      "calendar: x\nweek: {mon: 09:00-18:00}\nholidays: [{date: 2026-10-07..2026-10-01}]\n",
      "bad-range");
  expect_error("calendar: x\nweek: {mon: 09:00-18:00}\nholidays: [2026-10-01..2027-10-07]\n",
               "range-too-long");
  // 2028 is a leap year.
  EXPECT_TRUE(load("calendar: x\nweek: {mon: 09:00-18:00}\nholidays: [2028-02-29]\n").ok());
}

TEST(CalendarLoader, HolidayThatIsAlsoAWorkday) {
  const Diagnostic d = expect_error(R"(calendar: x
week: {mon-fri: 09:00-18:00}
holidays:
  - 2026-10-01..2026-10-07
workdays:
  - {date: 2026-10-03, as: mon}
)",
                                    "date-conflict");
  EXPECT_EQ(d.where.to_string(), "cal.yaml:6:12");
  EXPECT_NE(d.message.find("2026-10-03"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("line 4"), std::string::npos) << d.message;
}

TEST(CalendarLoader, DuplicateHolidayIsAWarning) {
  CalendarLoadResult r = load(
      "calendar: x\nweek: {mon: 09:00-18:00}\nholidays: [2026-10-01, 2026-10-01..2026-10-02]\n");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  const Diagnostic* d = find_code(r.diagnostics, "duplicate-date");
  ASSERT_NE(d, nullptr) << dump(r.diagnostics);
  EXPECT_EQ(d->severity, DiagnosticSeverity::kWarning);
}

TEST(CalendarLoader, MakeUpDayMustHaveHours) {
  Diagnostic d = expect_error(
      "calendar: x\nweek: {mon-fri: 09:00-18:00}\nworkdays:\n  - {date: 2026-10-10, as: sun}\n",
      "no-hours");
  EXPECT_EQ(d.where.to_string(), "cal.yaml:4:28");
  expect_error(
      "calendar: x\nweek: {mon-fri: 09:00-18:00}\nworkdays:\n  - {date: 2026-10-10, as: mon, "
      "periods: [09:00-12:00]}\n",
      "conflicting-keys");
  expect_error(
      "calendar: x\nweek: {mon-fri: 09:00-18:00}\nworkdays:\n  - {date: 2026-10-10, periods: []}\n",
      "no-hours");
  // A bare date works like workday_as (Monday unless set).
  CalendarLoadResult r = load(
      "calendar: x\nweek: {mon: 09:00-12:00, tue-fri: 09:00-18:00}\nworkday_as: tue\nworkdays: "
      "[2026-10-10]\n");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_TRUE(r.calendar->is_working(at("2026-10-10 15:00")));
}

TEST(CalendarLoader, TimeZones) {
  CalendarLoadResult r = load("calendar: x\ntimezone: Asia/Tokyo\nweek: {mon-fri: 09:00-18:00}\n");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_EQ(r.calendar->utc_offset(), std::chrono::hours(9));
  r = load("calendar: x\ntimezone: \"-05:30\"\nweek: {mon-fri: 09:00-18:00}\n");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_EQ(r.calendar->utc_offset(), -std::chrono::minutes(330));

  Diagnostic d = expect_error("calendar: x\ntimezone: Asia/Shangai\nweek: {mon: 09:00-18:00}\n",
                              "unknown-time-zone");
  EXPECT_EQ(d.where.to_string(), "cal.yaml:2:11");
  EXPECT_NE(d.message.find("did you mean 'Asia/Shanghai'?"), std::string::npos) << d.message;
  d = expect_error("calendar: x\ntimezone: Europe/Berlin\nweek: {mon: 09:00-18:00}\n",
                   "unknown-time-zone");
  EXPECT_NE(d.message.find("daylight saving time are not supported"), std::string::npos)
      << d.message;
  expect_error("calendar: x\ntimezone: \"+15:00\"\nweek: {mon: 09:00-18:00}\n", "bad-time-zone");
}

TEST(CalendarLoader, PublicTimeZoneLookup) {
  EXPECT_EQ(fixed_utc_offset("Asia/Shanghai"), std::chrono::hours(8));
  EXPECT_EQ(fixed_utc_offset("Asia/Hong_Kong"), std::chrono::hours(8));
  EXPECT_EQ(fixed_utc_offset("Asia/Taipei"), std::chrono::hours(8));
  EXPECT_EQ(fixed_utc_offset("Asia/Singapore"), std::chrono::hours(8));
  EXPECT_EQ(fixed_utc_offset("Asia/Tokyo"), std::chrono::hours(9));
  EXPECT_EQ(fixed_utc_offset("UTC"), std::chrono::hours(0));
  EXPECT_EQ(fixed_utc_offset("UTC+8"), std::chrono::hours(8));
  EXPECT_EQ(fixed_utc_offset("+0800"), std::chrono::hours(8));
  EXPECT_EQ(fixed_utc_offset("America/New_York"), std::nullopt);
}

TEST(CalendarLoader, IncludeReadsHolidaysRelativeToTheFile) {
  CalendarLoadResult r = load_calendar_file(kDataDir + "/office.yaml");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  const Calendar& cal = *r.calendar;
  EXPECT_FALSE(cal.is_working(at("2026-10-05 10:00")));  // from holidays.ics
  EXPECT_TRUE(cal.is_working(at("2026-10-10 10:00")));   // make-up day from holidays.ics
  // The file's own entry overrides the included one: the desk opens on 10-03.
  EXPECT_TRUE(cal.is_working(at("2026-10-03 10:00")));
  EXPECT_FALSE(cal.is_working(at("2026-10-03 14:00")));
}

TEST(CalendarLoader, MissingIncludedFile) {
  const Diagnostic d =
      expect_error("calendar: x\nweek: {mon: 09:00-18:00}\ninclude: [holidays.ics, nowhere.ics]\n",
                   "missing-include");
  EXPECT_EQ(d.where.to_string(), "cal.yaml:3:25");
  EXPECT_NE(d.message.find("nowhere.ics"), std::string::npos) << d.message;
  expect_error("calendar: x\nweek: {mon: 09:00-18:00}\ninclude: office.yaml\n", "bad-include");
}

TEST(CalendarLoader, ErrorsInAnIncludedFileNameThatFile) {
  CalendarLoadResult r = load("calendar: x\nweek: {mon: 09:00-18:00}\ninclude: broken.ics\n");
  ASSERT_FALSE(r.ok());
  const Diagnostic* d = find_code(r.diagnostics, "ics-bad-date");
  ASSERT_NE(d, nullptr) << dump(r.diagnostics);
  EXPECT_EQ(d->where.to_string(), kDataDir + "/broken.ics:9");
}

TEST(CalendarLoader, ConflictBetweenIncludedFiles) {
  const Diagnostic d = expect_error(
      "calendar: x\nweek: {mon-fri: 09:00-18:00}\ninclude: [holidays.ics, conflicting.ics]\n",
      "date-conflict");
  EXPECT_EQ(d.where.file, kDataDir + "/conflicting.ics");
  EXPECT_NE(d.message.find("holidays.ics"), std::string::npos) << d.message;
}

TEST(CalendarLoader, BrokenDocuments) {
  Diagnostic d = expect_error("", "empty-file");
  EXPECT_EQ(d.where.line, 1);
  d = expect_error("- a\n- b\n", "wrong-type");
  d = expect_error("calendar: x\nweek: [mon]\n", "wrong-type");
  EXPECT_EQ(d.where.line, 2);
  d = expect_error("calendar: x\nweek: {mon: 09:00-18:00\n", "yaml-syntax");
  d = expect_error("calendar: x\nweek: {mon: 09:00-18:00}\nholidays: 2026-10-01\n", "wrong-type");
  EXPECT_EQ(d.where.line, 3);
}

TEST(CalendarLoader, MissingFileIsAnIoError) {
  CalendarLoadResult r = load_calendar_file("/nonexistent/office.yaml");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "io");
  EXPECT_EQ(r.diagnostics[0].where.file, "/nonexistent/office.yaml");
}

}  // namespace
}  // namespace propdesk

namespace propdesk {
namespace {

TEST(CalendarLoader, OneMistakeGivesOneErrorInFileOrder) {
  CalendarLoadResult r = load_calendar_string(R"(calendar: x
week:
  mon-fri: [09:00-12:00, 11:30-12:30]
holidays: [2026-02-30]
workdays: [2026-10-10]
)",
                                              "cal.yaml");
  ASSERT_FALSE(r.ok());
  // Monday's hours are broken, so the make-up day working like Monday is not reported again.
  ASSERT_EQ(r.diagnostics.size(), 2u) << calendar_test::dump(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].code, "overlapping-periods");
  EXPECT_EQ(r.diagnostics[1].code, "bad-date");
}

}  // namespace
}  // namespace propdesk
