// How calendar files spell times of day, periods, dates, date ranges and weekdays.
//
// One place decides the notation, shared by the YAML calendar reader and the iCalendar import;
// each parser returns the value or a one-line message saying what is wrong (no location: the
// caller knows where the text came from).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/calendar.hpp"

namespace propdesk {

/// A value, or a message saying why the text is not one and the diagnostic code for it
/// ("bad-time", "bad-period", "period-order", "bad-date", "bad-range", "unknown-weekday", ...).
template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string error;
  std::string code;
};

/// "09:00" or "9:00": hours 00-24 and minutes 00-59; "24:00" only when `is_end` (the end of a
/// period that runs to midnight).
Parsed<std::chrono::minutes> parse_clock_time(std::string_view text, bool is_end);

/// "09:00-12:00" (also "9:00 - 12:00" or "09:00~12:00"); the end must come after the start.
Parsed<WorkPeriod> parse_work_period(std::string_view text);

/// "2026-10-01", an existing date between the years 1 and 9999.
Parsed<std::chrono::year_month_day> parse_date(std::string_view text);

/// Dates first..last, both included.
struct DateRange {
  std::chrono::year_month_day first;
  std::chrono::year_month_day last;
};

/// The longest range a calendar entry may cover; longer ones are almost always a typo in a year.
inline constexpr int kMaxRangeDays = 366;

/// "2026-10-01" (one day) or "2026-10-01..2026-10-07" (both included, at most kMaxRangeDays).
Parsed<DateRange> parse_date_range(std::string_view text);

/// One weekday: "mon" or "monday" (any case), "周一" or "星期一" (周日, 周天, 星期日, 星期天).
std::optional<std::chrono::weekday> parse_weekday(std::string_view text);

/// The English short names, for did-you-mean hints: mon ... sun.
const std::vector<std::string>& weekday_names();

/// "mon" for a weekday.
std::string weekday_name(std::chrono::weekday day);

/// A set of weekdays as a mapping key writes it: "mon-fri", "sat", "sat,sun", "mon-fri, sun";
/// ranges may wrap ("fri-mon" is Friday to Monday). The days come back in the order written.
/// On error `bad_offset` gets the byte offset of the bad name within `text`.
Parsed<std::vector<std::chrono::weekday>> parse_weekday_set(std::string_view text,
                                                            std::size_t* bad_offset = nullptr);

/// "2026-10-01".
std::string format_date(std::chrono::year_month_day date);

}  // namespace propdesk
