// iCalendar import: the RFC 5545 subset holiday feeds use, the make-up day conventions, and every
// mistake reported at file and line.
#include <gtest/gtest.h>

#include <string>

#include "calendar_test_support.hpp"
#include "propdesk/calendar_loader.hpp"

namespace propdesk {
namespace {

using namespace calendar_test;

// Lines joined with CRLF, as RFC 5545 writes them.
std::string ics(std::initializer_list<std::string_view> lines) {
  std::string out;
  for (auto l : lines) (out += l) += "\r\n";
  return out;
}

std::string event(std::string_view body) {
  return "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\n" + std::string(body) +
         "END:VEVENT\nEND:VCALENDAR\n";
}

Diagnostic expect_error(const std::string& text, const std::string& code) {
  IcsImport r = import_ics_string(text, "h.ics");
  EXPECT_FALSE(r.ok()) << "imported although it should not:\n" << text;
  const Diagnostic* d = find_code(r.diagnostics, code);
  EXPECT_NE(d, nullptr) << "no [" << code << "] among:\n" << dump(r.diagnostics);
  return d ? *d : Diagnostic{};
}

TEST(IcsImport, AllDayEventsWithExclusiveEnd) {
  IcsImport r =
      import_ics_string(ics({"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//y//EN", "BEGIN:VEVENT",
                             "UID:1", "DTSTART;VALUE=DATE:20261001", "DTEND;VALUE=DATE:20261008",
                             "SUMMARY:国庆节", "END:VEVENT", "END:VCALENDAR"}),
                        "h.ics");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  ASSERT_EQ(r.days.size(), 7u);
  EXPECT_EQ(r.days.front().date, date(2026, 10, 1));
  EXPECT_EQ(r.days.back().date, date(2026, 10, 7));
  EXPECT_FALSE(r.days.front().workday);
  EXPECT_EQ(r.days.front().name, "国庆节");
  EXPECT_EQ(r.days.front().where.to_string(), "h.ics:4");
}

TEST(IcsImport, OneDayWithoutEndAndDurations) {
  IcsImport r = import_ics_string(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101\nSUMMARY:元旦\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260215\nDURATION:P9D\nSUMMARY:春节\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260301\nDURATION:P1W\nSUMMARY:week\nEND:VEVENT\n"
      "END:VCALENDAR\n",
      "h.ics");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_EQ(r.days.size(), 1u + 9u + 7u);
  EXPECT_EQ(r.days[9].date, date(2026, 2, 23));
}

TEST(IcsImport, FoldedLinesAreUnfolded) {
  IcsImport r =
      import_ics_string(ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DAT", " E:20261010",
                             "SUMMARY:国庆节", "  补班", "END:VEVENT", "END:VCALENDAR"}),
                        "h.ics");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  ASSERT_EQ(r.days.size(), 1u);
  EXPECT_EQ(r.days[0].name, "国庆节 补班");
  EXPECT_TRUE(r.days[0].workday);
}

TEST(IcsImport, MakeUpDayConventions) {
  auto kind_of = [](std::string_view props) {
    IcsImport r =
        import_ics_string(event("DTSTART;VALUE=DATE:20261010\n" + std::string(props)), "h.ics");
    EXPECT_TRUE(r.ok()) << dump(r.diagnostics);
    return !r.days.empty() && r.days[0].workday;
  };
  EXPECT_TRUE(kind_of("CATEGORIES:WORKDAY\n"));
  EXPECT_TRUE(kind_of("CATEGORIES:Public,workday\n"));
  EXPECT_TRUE(kind_of("SUMMARY:国庆节补班\n"));
  EXPECT_TRUE(kind_of("SUMMARY:调休上班\n"));
  EXPECT_FALSE(kind_of("SUMMARY:国庆节\n"));
  EXPECT_FALSE(kind_of("SUMMARY:上班族节\nCATEGORIES:HOLIDAY\n"));  // an explicit holiday
  EXPECT_FALSE(kind_of(""));
}

TEST(IcsImport, TextEscapesAndParameters) {
  IcsImport r = import_ics_string(
      event("DTSTART;TZID=\"Asia/Shanghai;x:y\";VALUE=DATE:20261001\nSUMMARY:a\\, b\\; c\\nd\n"),
      "h.ics");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  ASSERT_EQ(r.days.size(), 1u);
  EXPECT_EQ(r.days[0].name, "a, b; c d");
}

TEST(IcsImport, OtherComponentsAreSkipped) {
  IcsImport r = import_ics_string(
      "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:Asia/"
      "Shanghai\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
      "END:STANDARD\nEND:VTIMEZONE\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nBEGIN:VALARM\n"
      "TRIGGER:-PT15M\nDTSTART:bogus\nEND:VALARM\nEND:VEVENT\nBEGIN:VTODO\nDTSTART:20260101\nEND:"
      "VTODO\n"
      "END:VCALENDAR\n",
      "h.ics");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_EQ(r.days.size(), 1u);
}

TEST(IcsImport, TimedAndCancelledEventsAreSkipped) {
  IcsImport r = import_ics_string(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:meeting\nDTSTART:20261001T090000\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261002\nSTATUS:CANCELLED\nEND:VEVENT\nEND:VCALENDAR\n",
      "h.ics");
  EXPECT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_TRUE(r.days.empty());
  const Diagnostic* d = find_code(r.diagnostics, "ics-timed-event");
  ASSERT_NE(d, nullptr) << dump(r.diagnostics);
  EXPECT_EQ(d->severity, DiagnosticSeverity::kWarning);
  EXPECT_EQ(d->where.to_string(), "h.ics:4");
}

TEST(IcsImport, BadDateNamesFileAndLine) {
  const Diagnostic d =
      expect_error(event("SUMMARY:x\nDTSTART;VALUE=DATE:20260230\n"), "ics-bad-date");
  EXPECT_EQ(d.where.to_string(), "h.ics:5");
  EXPECT_NE(d.message.find("February 2026 has 28 days"), std::string::npos) << d.message;
  expect_error(event("DTSTART;VALUE=DATE:2026-10-01\n"), "ics-bad-date");
}

TEST(IcsImport, EndNotAfterStart) {
  const Diagnostic d = expect_error(
      event("DTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20261001\n"), "ics-bad-date");
  EXPECT_EQ(d.where.line, 5);
  expect_error(event("DTSTART;VALUE=DATE:20261001\nDTEND:20261002T000000\n"), "ics-bad-date");
  expect_error(event("DTSTART;VALUE=DATE:20261001\nDURATION:PT8H\n"), "ics-bad-duration");
  expect_error(event("DTSTART;VALUE=DATE:20261001\nDURATION:P0D\n"), "ics-bad-duration");
  expect_error(event("DTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20281001\n"), "ics-too-long");
}

TEST(IcsImport, MissingStartAndRecurrence) {
  Diagnostic d = expect_error(event("SUMMARY:nothing\n"), "ics-missing-dtstart");
  EXPECT_EQ(d.where.line, 3);  // BEGIN:VEVENT
  d = expect_error(event("DTSTART;VALUE=DATE:20260101\nRRULE:FREQ=YEARLY\n"), "ics-recurring");
  EXPECT_EQ(d.where.line, 5);
}

TEST(IcsImport, StructureErrors) {
  Diagnostic d = expect_error("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101\nEND:VCALENDAR\n",
                              "ics-structure");
  EXPECT_EQ(d.where.line, 4);
  d = expect_error("BEGIN:VCALENDAR\nVERSION:2.0\n", "ics-structure");
  EXPECT_EQ(d.where.line, 1);
  expect_error("calendar: office\n", "ics-structure");
  expect_error("BEGIN:VCALENDAR\nSUMMARY x:y\nEND:VCALENDAR\n", "ics-syntax");
  expect_error("HELLO:world\n", "ics-structure");
  d = expect_error(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nthis line has no colon\nEND:VEVENT\nEND:VCALENDAR\n",
      "ics-syntax");
  EXPECT_EQ(d.where.to_string(), "h.ics:3");
  expect_error("BEGIN:VCALENDAR\nX;PARAM:1\nEND:VCALENDAR\n", "ics-syntax");
  expect_error("BEGIN:VCALENDAR\nX;P=\"open:1\nEND:VCALENDAR\n", "ics-syntax");
}

TEST(IcsImport, NotUtf8) {
  const Diagnostic d = expect_error("BEGIN:VCALENDAR\nSUMMARY:\xff\nEND:VCALENDAR\n", "not-utf8");
  EXPECT_EQ(d.where.line, 2);
}

TEST(IcsImport, MissingFile) {
  IcsImport r = import_ics_file("/nonexistent/holidays.ics");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics[0].code, "io");
  EXPECT_EQ(r.diagnostics[0].where.file, "/nonexistent/holidays.ics");
}

}  // namespace
}  // namespace propdesk
