// propdesk/calendar.hpp: business calendars and business-time arithmetic.
//
// A Calendar says when the desk works: periods per weekday at minute precision (09:00-12:00 and
// 13:00-18:00), a time zone as a fixed offset from UTC, holidays (whole local dates off) and
// special days (调休 make-up working days on a weekend, or a day with its own hours). SLA clocks
// are measured on it: how much working time lies between two instants, and when a given amount
// of working time will have elapsed.
//
// Semantics (docs/calendars.md has the long form):
// - A period is half-open in local time: 09:00-12:00 is working from 09:00:00 up to 11:59:59 and
//   not at 12:00:00. Periods of one day that touch (09:00-12:00, 12:00-13:00) are merged.
// - A period lies within one day; a night shift is two periods, 18:00-24:00 on one day and
//   00:00-09:00 on the next. The arithmetic runs across midnight seamlessly.
// - A date's hours are its special day's periods if it has one (none for a holiday), else the
//   periods of its weekday.
// - Everything is exact to the second. Queries cost O(log S) for S special days, whatever the
//   span (a 30-day target does not walk day by day), except next_change() inside an unbroken
//   stretch of working time, which walks the days of that stretch.
// - Instants must lie within the years 0001..9999 (UTC); outside that range the queries throw
//   std::out_of_range.
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

/// A working period of one local day, [begin, end), in minutes since local midnight:
/// 0 <= begin < end <= 24h (an end of 24:00 is the following midnight).
struct PROPDESK_API WorkPeriod {
  std::chrono::minutes begin{0};
  std::chrono::minutes end{0};

  /// "09:00-12:00" ("00:00-24:00" for a whole day).
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const WorkPeriod&, const WorkPeriod&) = default;
};

/// A date whose hours differ from its weekday's: a holiday (no periods) or a working day with its
/// own periods (a 调休 make-up working day on a weekend, a half day before a holiday).
struct PROPDESK_API SpecialDay {
  std::chrono::year_month_day date;  ///< local date
  std::vector<WorkPeriod> periods;   ///< empty: a holiday, the whole date is off
  std::string name;                  ///< "国庆节", "国庆节补班"; may be empty

  [[nodiscard]] bool is_holiday() const { return periods.empty(); }
};

/// Everything a calendar is made of; Calendar::create() checks and compiles it.
struct PROPDESK_API CalendarSpec {
  std::string name;  ///< the name workflows use (`calendar: office`)
  /// Offset of local time from UTC (UTC+8: 8h). Within -14:00..+14:00.
  std::chrono::minutes utc_offset = std::chrono::hours(8);
  /// The zone's name as given ("Asia/Shanghai", "+08:00"), for display only.
  std::string time_zone = "Asia/Shanghai";
  /// Periods per weekday, indexed by std::chrono::weekday::c_encoding() (0 = Sunday). An empty
  /// list is a day off.
  std::array<std::vector<WorkPeriod>, 7> week;
  /// Holidays and days with their own hours, each date at most once, in any order.
  std::vector<SpecialDay> special_days;
};

/// What one local date looks like on a calendar.
struct PROPDESK_API DaySchedule {
  enum class Kind {
    kRegular,  ///< the weekday's periods
    kHoliday,  ///< a special day off
    kWorkday,  ///< a special day with its own periods (make-up working day, half day)
  };
  Kind kind = Kind::kRegular;
  std::vector<WorkPeriod> periods;  ///< merged and sorted
  std::string name;                 ///< the special day's name, if any
};

/// An immutable business calendar.
///
/// Thread safety: a Calendar is a value whose state is immutable and shared between copies;
/// copying is cheap, and any number of threads may query the same or copied calendars at once.
class PROPDESK_API Calendar {
 public:
  /// The 24x7 calendar (same as Calendar::always()).
  Calendar();

  /// Checks and compiles a spec. Periods of a day are sorted and touching ones merged.
  /// Throws std::invalid_argument (with a message naming the day and period) for a period outside
  /// 00:00-24:00 or ending before it begins, overlapping periods, a special day given twice or
  /// with an invalid date, or an offset beyond +-14:00. The YAML loader checks all of these first
  /// and reports them at file:line:column; create() is for calendars built in code.
  static Calendar create(CalendarSpec spec);

  /// Every instant is working time: "always", UTC, no special days.
  static Calendar always();

  [[nodiscard]] const std::string& name() const;
  [[nodiscard]] const std::string& time_zone() const;
  [[nodiscard]] std::chrono::minutes utc_offset() const;
  /// The periods of a weekday (merged and sorted).
  [[nodiscard]] std::span<const WorkPeriod> periods(std::chrono::weekday day) const;
  /// Special days sorted by date, with merged periods.
  [[nodiscard]] std::span<const SpecialDay> special_days() const;
  /// Working time in an ordinary week (without special days).
  [[nodiscard]] Duration weekly_working_time() const;
  /// True when every instant is working time: all weekdays 00:00-24:00 and no holiday.
  [[nodiscard]] bool is_always() const;
  /// True when no instant ever is working time (no periods and no special working day).
  [[nodiscard]] bool has_no_working_time() const;

  /// The local date of an instant in this calendar's time zone.
  [[nodiscard]] std::chrono::year_month_day local_date(TimePoint t) const;
  /// The hours of a local date.
  [[nodiscard]] DaySchedule schedule_on(std::chrono::year_month_day date) const;

  /// Whether `t` lies inside a working period (periods are half-open: 12:00:00 ends 09:00-12:00).
  [[nodiscard]] bool is_working(TimePoint t) const;

  /// Working time in [a, b); zero when b <= a.
  [[nodiscard]] Duration working_time_between(TimePoint a, TimePoint b) const;

  /// The earliest instant t >= start with working_time_between(start, t) == d: when `d` of
  /// working time has elapsed, counting from `start` (from the next working period when start is
  /// outside working time). For d > 0 the result is inside a period or at its end (a target that
  /// is used up exactly at 12:00 is due at 12:00, not at 13:00). For d == 0 it is `start` itself,
  /// even outside working time: nothing has to elapse; use next_working_start() to find when a
  /// clock would begin to run.
  /// Returns nullopt when that much working time never accumulates: a calendar without working
  /// time, one whose working days run out (only special days, all before the target), or a
  /// result beyond 9999-12-31. Never loops. Throws std::invalid_argument when d < 0.
  [[nodiscard]] std::optional<TimePoint> add_working_time(TimePoint start, Duration d) const;

  /// `t` itself when it is working time, else the instant the next working period begins;
  /// nullopt when no working time follows.
  [[nodiscard]] std::optional<TimePoint> next_working_start(TimePoint t) const;

  /// The first instant after `t` at which is_working() changes: the end of the current stretch
  /// of working time (periods touching across midnight count as one stretch), or the start of
  /// the next one; nullopt when it never changes (24x7 from t on, or no working time ahead).
  [[nodiscard]] std::optional<TimePoint> next_change(TimePoint t) const;

 private:
  struct Compiled;
  explicit Calendar(std::shared_ptr<const Compiled> c) : c_(std::move(c)) {}
  std::shared_ptr<const Compiled> c_;
};

}  // namespace propdesk
