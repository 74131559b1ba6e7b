// propdesk/calendar_loader.hpp: calendar files (YAML) and iCalendar (.ics) holiday lists ->
// Calendar.
//
// The YAML format, the .ics conventions and the arithmetic are described in docs/calendars.md.
// A calendar file in short:
//
//   calendar: office                  # the name workflows use (calendar: office)
//   timezone: Asia/Shanghai           # or +08:00; default Asia/Shanghai
//   week:
//     mon-fri: [09:00-12:00, 13:00-18:00]
//     sat: 09:00-12:00
//   holidays:
//     - 2026-10-01..2026-10-07
//     - {date: 2026-01-01, name: 元旦}
//   workdays:                         # 调休 make-up working days, special hours
//     - {date: 2026-10-10, as: mon}
//     - {date: 2026-12-31, periods: [09:00-12:00]}
//   include: cn-holidays-2026.ics     # relative to this file
//
// Errors are reported as Diagnostics at file:line:column (file:line for .ics files); a calendar
// is returned only when there is no error.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/calendar.hpp"
#include "propdesk/diagnostic.hpp"
#include "propdesk/export.hpp"
#include "propdesk/source_location.hpp"
#include "propdesk/workflow_loader.hpp"  // LoadLimits

namespace propdesk {

/// The outcome of loading a calendar: the calendar when there is no error, and every diagnostic
/// found (those of included .ics files name those files).
struct PROPDESK_API CalendarLoadResult {
  std::optional<Calendar> calendar;
  std::vector<Diagnostic> diagnostics;

  [[nodiscard]] bool ok() const { return calendar.has_value(); }
};

/// Loads a calendar file; `include:` paths are relative to the file's folder. I/O problems are
/// error diagnostics at the file's name. Thread-safe; never throws except std::bad_alloc.
PROPDESK_API CalendarLoadResult load_calendar_file(const std::filesystem::path& path,
                                                   const LoadLimits& limits = {});

/// Loads a calendar from text held in memory; `source_name` is used in locations and
/// `include:` paths are relative to `base_dir` (empty: the current directory).
PROPDESK_API CalendarLoadResult load_calendar_string(std::string_view text,
                                                     std::string source_name = "<string>",
                                                     const std::filesystem::path& base_dir = {},
                                                     const LoadLimits& limits = {});

/// One day read from an .ics file: a holiday, or a make-up working day (调休上班).
struct PROPDESK_API IcsDay {
  std::chrono::year_month_day date;
  bool workday = false;  ///< true: a make-up working day; false: a holiday
  std::string name;      ///< the event's SUMMARY
  SourceLocation where;  ///< the event's BEGIN:VEVENT line
};

/// The days of an .ics file, in file order (an event spanning several days gives one entry per
/// day), and the findings. Timed (not all-day) events are skipped with a warning, cancelled ones
/// (STATUS:CANCELLED) silently.
struct PROPDESK_API IcsImport {
  std::vector<IcsDay> days;
  std::vector<Diagnostic> diagnostics;

  [[nodiscard]] bool ok() const { return !has_errors(diagnostics); }
};

/// Reads the holidays and make-up days of an iCalendar file (an RFC 5545 subset: VEVENTs with
/// all-day DTSTART, DTEND exclusive or DURATION in days or weeks, SUMMARY, CATEGORIES, STATUS).
/// An event is a make-up working day when CATEGORIES lists WORKDAY, or, without CATEGORIES
/// HOLIDAY, when its SUMMARY contains 补班 or 上班 (调休上班); every other event is a holiday.
/// Recurring events (RRULE, RDATE) are errors: list each year's dates.
/// Thread-safe; never throws except std::bad_alloc.
PROPDESK_API IcsImport import_ics_file(const std::filesystem::path& path,
                                       const LoadLimits& limits = {});

/// The same, from text held in memory.
PROPDESK_API IcsImport import_ics_string(std::string_view text,
                                         std::string source_name = "<string>");

/// The offset of a fixed-offset time zone: "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei",
/// "Asia/Singapore", "Asia/Tokyo", "UTC" (and a few more without daylight saving time), or an
/// offset such as "+08:00" or "UTC+8". nullopt for anything else: zones with daylight saving
/// time are not supported yet.
PROPDESK_API std::optional<std::chrono::minutes> fixed_utc_offset(std::string_view zone);

}  // namespace propdesk
