// The calendars shipped in workflows/calendars/ load cleanly and say what the desk expects.
#include <gtest/gtest.h>

#include <string>

#include "calendar_test_support.hpp"
#include "propdesk/calendar_loader.hpp"

namespace propdesk {
namespace {

using namespace calendar_test;

const std::string kDir = PROPDESK_SOURCE_DIR "/workflows/calendars";

Calendar load_shipped(const std::string& name) {
  CalendarLoadResult r = load_calendar_file(kDir + "/" + name);
  EXPECT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
  return r.calendar.value_or(Calendar());
}

TEST(ShippedCalendars, HolidayFileImportsClean) {
  IcsImport r = import_ics_file(kDir + "/cn-holidays-2026.ics");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
  int holidays = 0;
  int workdays = 0;
  for (const IcsDay& d : r.days) (d.workday ? workdays : holidays) += 1;
  // 元旦 3, 春节 9, 清明 3, 劳动节 5, 端午 3, 中秋 3, 国庆 7; six make-up days.
  EXPECT_EQ(holidays, 33);
  EXPECT_EQ(workdays, 6);
  for (const IcsDay& d : r.days) {
    const auto wd = std::chrono::weekday(std::chrono::sys_days(d.date));
    // Make-up days fall on weekends.
    if (d.workday) {
      EXPECT_TRUE(wd == std::chrono::Saturday || wd == std::chrono::Sunday) << d.name;
    }
  }
}

TEST(ShippedCalendars, OfficeHours) {
  const Calendar office = load_shipped("office.yaml");
  EXPECT_EQ(office.name(), "office");
  EXPECT_EQ(office.weekly_working_time(), 40h);
  EXPECT_TRUE(office.is_working(at("2026-11-26 09:00")));
  EXPECT_FALSE(office.is_working(at("2026-11-26 12:30")));
  // National Day week: a 4h target from Wednesday 30 September 17:00 is due on 8 October at noon.
  EXPECT_EQ(office.add_working_time(at("2026-09-30 17:00"), 4h), at("2026-10-08 12:00"));
  // Make-up Sunday 20 September and Saturday 10 October work Monday's hours.
  EXPECT_TRUE(office.is_working(at("2026-09-20 10:00")));
  EXPECT_TRUE(office.is_working(at("2026-10-10 15:00")));
  // Spring Festival: nine days off, Saturday 14 February works.
  EXPECT_EQ(office.working_time_between(at("2026-02-14 00:00"), at("2026-02-25 00:00")), 16h);
}

TEST(ShippedCalendars, PhoneHours) {
  const Calendar phones = load_shipped("phones.yaml");
  EXPECT_FALSE(phones.is_working(at("2026-11-26 09:29:59")));
  EXPECT_TRUE(phones.is_working(at("2026-11-26 09:30")));
  EXPECT_TRUE(phones.is_working(at("2026-11-26 12:30")));
  EXPECT_FALSE(phones.is_working(at("2026-11-26 17:50")));
  EXPECT_FALSE(phones.is_working(at("2026-10-02 10:00")));
  // Phones follow the same make-up days (as Monday, the default).
  EXPECT_TRUE(phones.is_working(at("2026-10-10 10:00")));
}

}  // namespace
}  // namespace propdesk
