// Helpers shared by the calendar tests: local times, the desk's office calendar, diagnostics.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic_matchers.hpp"
#include "propdesk/calendar.hpp"
#include "propdesk/calendar_loader.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

inline void PrintTo(const TimePoint& t, std::ostream* os) { *os << format_time(t); }

namespace calendar_test {

using namespace std::chrono_literals;

/// An instant written in Shanghai local time: "2026-11-26 09:00" or "2026-11-26 09:00:30".
inline TimePoint at(std::string_view local) {
  auto t = parse_time(local);
  EXPECT_TRUE(t.has_value()) << "bad time in test: " << local;
  return t.value_or(TimePoint{});
}

inline std::chrono::year_month_day date(int y, unsigned m, unsigned d) {
  return std::chrono::year_month_day{std::chrono::year(y), std::chrono::month(m),
                                     std::chrono::day(d)};
}

inline WorkPeriod period(int h1, int m1, int h2, int m2) {
  return {std::chrono::minutes(h1 * 60 + m1), std::chrono::minutes(h2 * 60 + m2)};
}

/// The desk's office hours: Mon-Fri 09:00-12:00 and 13:00-18:00, +08:00, no special days.
inline CalendarSpec office_spec() {
  CalendarSpec spec;
  spec.name = "office";
  for (unsigned d = 1; d <= 5; ++d) spec.week[d] = {period(9, 0, 12, 0), period(13, 0, 18, 0)};
  return spec;
}

inline Calendar office() { return Calendar::create(office_spec()); }

using testing_support::dump;
using testing_support::find_code;

}  // namespace calendar_test
}  // namespace propdesk
