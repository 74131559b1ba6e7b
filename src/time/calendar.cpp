// Calendar: the compiled form and the business-time arithmetic.
//
// The arithmetic rests on one function, W(t): the working time from a fixed origin (local
// midnight of 1970-01-01) up to t. W is continuous and non-decreasing, with slope 1 in working
// time and 0 outside it, so
//   working_time_between(a, b) = W(b) - W(a)
//   add_working_time(s, d)     = the earliest t with W(t) = W(s) + d.
// W at a local midnight is computed in O(log S) from per-weekday totals (whole weeks times the
// weekly total, plus a prefix within the week) corrected by a prefix sum over the special days
// before that date; the inverse finds the day by a galloping then binary search over midnights.
#include "propdesk/calendar.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <stdexcept>

#include "time/calendar_notation.hpp"

namespace propdesk {

namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::int64_t kDay = 86'400;
constexpr minutes kWholeDay{24 * 60};
// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
constexpr std::int64_t kMinInstant = -62'135'596'800;
constexpr std::int64_t kMaxInstant = 253'402'300'799;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

// c_encoding of the weekday of day number d (days since 1970-01-01, a Thursday).
unsigned weekday_of(std::int64_t d) { return static_cast<unsigned>(floor_mod(d + 4, 7)); }

std::int64_t day_number(const year_month_day& date) {
  return sys_days(date).time_since_epoch().count();
}

// [b, e) in seconds since local midnight.
struct Span {
  std::int64_t b = 0;
  std::int64_t e = 0;
};

std::string clock_text(minutes m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m.count() / 60),
                static_cast<int>(m.count() % 60));
  return buf;
}

// Sorts, checks and merges the periods of one day; `what` names the day for messages.
std::vector<WorkPeriod> normalize(std::vector<WorkPeriod> periods, const std::string& what) {
  for (const WorkPeriod& p : periods) {
    if (p.begin < minutes(0) || p.end > kWholeDay || p.begin >= p.end) {
      throw std::invalid_argument(what + ": period " + p.to_string() +
                                  " must lie within 00:00-24:00 and end after it begins");
    }
  }
  std::sort(periods.begin(), periods.end(),
            [](const WorkPeriod& a, const WorkPeriod& b) { return a.begin < b.begin; });
  std::vector<WorkPeriod> merged;
  for (const WorkPeriod& p : periods) {
    if (!merged.empty() && p.begin < merged.back().end) {
      throw std::invalid_argument(what + ": period " + p.to_string() + " overlaps " +
                                  merged.back().to_string());
    }
    if (!merged.empty() && p.begin == merged.back().end) {
      merged.back().end = p.end;
    } else {
      merged.push_back(p);
    }
  }
  return merged;
}

std::vector<Span> to_spans(const std::vector<WorkPeriod>& periods) {
  std::vector<Span> out;
  out.reserve(periods.size());
  for (const WorkPeriod& p : periods) out.push_back({p.begin.count() * 60, p.end.count() * 60});
  return out;
}

std::int64_t total_of(const std::vector<Span>& spans) {
  std::int64_t total = 0;
  for (const Span& s : spans) total += s.e - s.b;
  return total;
}

bool is_whole_day(const std::vector<Span>& spans) {
  return spans.size() == 1 && spans[0].b == 0 && spans[0].e == kDay;
}

// Working time of a day's spans before second `s` of that day.
std::int64_t worked_before(const std::vector<Span>& spans, std::int64_t s) {
  std::int64_t total = 0;
  for (const Span& sp : spans) {
    if (s <= sp.b) break;
    total += std::min(s, sp.e) - sp.b;
  }
  return total;
}

void check_range(TimePoint t) {
  const std::int64_t v = t.time_since_epoch().count();
  if (v < kMinInstant || v > kMaxInstant) {
    throw std::out_of_range("calendar: instant outside the years 0001..9999");
  }
}

}  // namespace

std::string WorkPeriod::to_string() const { return clock_text(begin) + "-" + clock_text(end); }

struct Calendar::Compiled {
  std::string name;
  std::string zone;
  minutes offset{0};
  std::int64_t offset_s = 0;

  std::array<std::vector<WorkPeriod>, 7> week;
  std::array<std::vector<Span>, 7> week_spans;
  std::array<std::int64_t, 7> week_total{};
  std::int64_t week_sum = 0;
  // prefix_rel[r]: working time of the first r days of a week counted from a Thursday, the
  // weekday of day 0.
  std::array<std::int64_t, 8> prefix_rel{};

  std::vector<SpecialDay> specials;  // sorted by date
  std::vector<std::int64_t> special_days;
  std::vector<std::vector<Span>> special_spans;
  // adjust[i]: sum over specials j < i of (their total - their weekday's total).
  std::vector<std::int64_t> adjust;

  bool always = false;
  bool none = false;
  std::int64_t min_day = 0;  // local days of kMinInstant / kMaxInstant
  std::int64_t max_day = 0;

  // Index of the special day `d`, or -1.
  [[nodiscard]] std::ptrdiff_t special_index(std::int64_t d) const {
    auto it = std::lower_bound(special_days.begin(), special_days.end(), d);
    if (it == special_days.end() || *it != d) return -1;
    return it - special_days.begin();
  }

  [[nodiscard]] const std::vector<Span>& spans_of(std::int64_t d) const {
    const std::ptrdiff_t i = special_index(d);
    return i >= 0 ? special_spans[static_cast<std::size_t>(i)] : week_spans[weekday_of(d)];
  }

  // W at local midnight starting day d.
  [[nodiscard]] std::int64_t w_day(std::int64_t d) const {
    const std::int64_t weeks = floor_div(d, 7);
    const auto r = static_cast<std::size_t>(d - weeks * 7);
    const auto before =
        std::lower_bound(special_days.begin(), special_days.end(), d) - special_days.begin();
    return weeks * week_sum + prefix_rel[r] + adjust[static_cast<std::size_t>(before)];
  }

  [[nodiscard]] std::int64_t local_seconds(TimePoint t) const {
    check_range(t);
    return t.time_since_epoch().count() + offset_s;
  }

  // W at instant t.
  [[nodiscard]] std::int64_t w(TimePoint t) const {
    const std::int64_t l = local_seconds(t);
    const std::int64_t d = floor_div(l, kDay);
    return w_day(d) + worked_before(spans_of(d), l - d * kDay);
  }

  [[nodiscard]] TimePoint instant(std::int64_t day, std::int64_t second) const {
    return TimePoint(std::chrono::seconds(day * kDay + second - offset_s));
  }
};

Calendar::Calendar() : Calendar(always()) {}

Calendar Calendar::create(CalendarSpec spec) {
  if (spec.utc_offset < -std::chrono::hours(14) || spec.utc_offset > std::chrono::hours(14)) {
    throw std::invalid_argument("calendar '" + spec.name + "': UTC offset beyond +-14:00");
  }
  auto c = std::make_shared<Compiled>();
  c->name = std::move(spec.name);
  c->zone = std::move(spec.time_zone);
  c->offset = spec.utc_offset;
  c->offset_s = spec.utc_offset.count() * 60;

  static constexpr const char* kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  bool all_whole = true;
  for (unsigned i = 0; i < 7; ++i) {
    c->week[i] = normalize(std::move(spec.week[i]), kDayNames[i]);
    c->week_spans[i] = to_spans(c->week[i]);
    c->week_total[i] = total_of(c->week_spans[i]);
    c->week_sum += c->week_total[i];
    all_whole = all_whole && is_whole_day(c->week_spans[i]);
  }
  for (unsigned r = 0; r < 7; ++r)
    c->prefix_rel[r + 1] = c->prefix_rel[r] + c->week_total[(r + 4) % 7];

  std::sort(
      spec.special_days.begin(), spec.special_days.end(),
      [](const SpecialDay& a, const SpecialDay& b) { return sys_days(a.date) < sys_days(b.date); });
  c->adjust.push_back(0);
  bool any_special_work = false;
  for (SpecialDay& s : spec.special_days) {
    if (!s.date.ok() || s.date.year() < std::chrono::year(1) ||
        s.date.year() > std::chrono::year(9999)) {
      throw std::invalid_argument("calendar '" + c->name + "': invalid special date");
    }
    const std::int64_t d = day_number(s.date);
    if (!c->special_days.empty() && c->special_days.back() == d) {
      throw std::invalid_argument("calendar '" + c->name + "': date " + format_date(s.date) +
                                  " is given twice");
    }
    s.periods = normalize(std::move(s.periods), format_date(s.date));
    std::vector<Span> spans = to_spans(s.periods);
    const std::int64_t total = total_of(spans);
    any_special_work = any_special_work || total > 0;
    all_whole = all_whole && is_whole_day(spans);
    c->adjust.push_back(c->adjust.back() + total - c->week_total[weekday_of(d)]);
    c->special_days.push_back(d);
    c->special_spans.push_back(std::move(spans));
    c->specials.push_back(std::move(s));
  }
  c->always = all_whole;
  c->none = c->week_sum == 0 && !any_special_work;
  c->min_day = floor_div(kMinInstant + c->offset_s, kDay);
  c->max_day = floor_div(kMaxInstant + c->offset_s, kDay);
  return Calendar(std::move(c));
}

Calendar Calendar::always() {
  static const Calendar kAlways = [] {
    CalendarSpec spec;
    spec.name = "always";
    spec.time_zone = "UTC";
    spec.utc_offset = minutes(0);
    for (auto& day : spec.week) day = {WorkPeriod{minutes(0), kWholeDay}};
    return create(std::move(spec));
  }();
  return kAlways;
}

const std::string& Calendar::name() const { return c_->name; }
const std::string& Calendar::time_zone() const { return c_->zone; }
std::chrono::minutes Calendar::utc_offset() const { return c_->offset; }

std::span<const WorkPeriod> Calendar::periods(std::chrono::weekday day) const {
  return c_->week[day.c_encoding() % 7];
}

std::span<const SpecialDay> Calendar::special_days() const { return c_->specials; }
Duration Calendar::weekly_working_time() const { return Duration(c_->week_sum); }
bool Calendar::is_always() const { return c_->always; }
bool Calendar::has_no_working_time() const { return c_->none; }

std::chrono::year_month_day Calendar::local_date(TimePoint t) const {
  return year_month_day(sys_days(days(floor_div(c_->local_seconds(t), kDay))));
}

DaySchedule Calendar::schedule_on(std::chrono::year_month_day date) const {
  if (!date.ok()) throw std::invalid_argument("calendar: invalid date");
  const std::int64_t d = day_number(date);
  DaySchedule out;
  const std::ptrdiff_t i = c_->special_index(d);
  if (i < 0) {
    out.periods = c_->week[weekday_of(d)];
    return out;
  }
  const SpecialDay& s = c_->specials[static_cast<std::size_t>(i)];
  out.kind = s.is_holiday() ? DaySchedule::Kind::kHoliday : DaySchedule::Kind::kWorkday;
  out.periods = s.periods;
  out.name = s.name;
  return out;
}

bool Calendar::is_working(TimePoint t) const {
  const std::int64_t l = c_->local_seconds(t);
  const std::int64_t d = floor_div(l, kDay);
  const std::int64_t s = l - d * kDay;
  const auto& spans = c_->spans_of(d);
  return std::any_of(spans.begin(), spans.end(),
                     [s](const Span& sp) { return sp.b <= s && s < sp.e; });
}

Duration Calendar::working_time_between(TimePoint a, TimePoint b) const {
  if (b <= a) return Duration(0);
  return Duration(c_->w(b) - c_->w(a));
}

std::optional<TimePoint> Calendar::add_working_time(TimePoint start, Duration d) const {
  if (d < Duration(0)) throw std::invalid_argument("add_working_time: negative duration");
  check_range(start);
  if (d == Duration(0)) return start;
  // Working time never outruns the clock: a longer d ends past the year 9999 (and would overflow).
  if (c_->none || d.count() > kMaxInstant - start.time_since_epoch().count()) return std::nullopt;
  const Compiled& c = *c_;
  const std::int64_t target = c.w(start) + d.count();
  const std::int64_t first = floor_div(c.local_seconds(start), kDay);
  const std::int64_t last = c.max_day + 1;  // the midnight after the last representable day
  if (c.w_day(last) < target) return std::nullopt;

  // The smallest midnight e > first with W(e) >= target: gallop, then bisect (lo, hi].
  std::int64_t lo = first;
  std::int64_t hi = first + 1;
  for (std::int64_t step = 1; c.w_day(hi) < target; step *= 2) {
    lo = hi;
    hi = std::min(first + step * 2, last);
  }
  while (hi - lo > 1) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    (c.w_day(mid) >= target ? hi : lo) = mid;
  }
  // The target is reached during day hi - 1, inside or at the end of one of its periods.
  const std::int64_t day = hi - 1;
  std::int64_t rest = target - c.w_day(day);
  for (const Span& sp : c.spans_of(day)) {
    if (rest <= sp.e - sp.b) {
      const TimePoint t = c.instant(day, sp.b + rest);
      if (t.time_since_epoch().count() > kMaxInstant) return std::nullopt;
      return t;
    }
    rest -= sp.e - sp.b;
  }
  return std::nullopt;  // unreachable: W(hi) >= target guarantees a period
}

std::optional<TimePoint> Calendar::next_working_start(TimePoint t) const {
  if (is_working(t)) return t;
  // The first working second after t ends one second after it begins.
  auto end_of_first_second = add_working_time(t, Duration(1));
  if (!end_of_first_second) return std::nullopt;
  return *end_of_first_second - Duration(1);
}

std::optional<TimePoint> Calendar::next_change(TimePoint t) const {
  if (!is_working(t)) return next_working_start(t);
  const Compiled& c = *c_;
  const std::int64_t l = c.local_seconds(t);
  std::int64_t day = floor_div(l, kDay);
  const std::int64_t s = l - day * kDay;
  std::int64_t end = 0;
  for (const Span& sp : c.spans_of(day)) {
    if (sp.b <= s && s < sp.e) end = sp.e;
  }
  const std::int64_t last_special = c.special_days.empty() ? day : c.special_days.back();
  // Follow the stretch across midnights while the next day starts working at 00:00.
  while (end == kDay) {
    ++day;
    if (day > c.max_day) return std::nullopt;
    if (day > last_special && std::all_of(c.week_spans.begin(), c.week_spans.end(), is_whole_day)) {
      return std::nullopt;
    }
    const auto& spans = c.spans_of(day);
    if (spans.empty() || spans.front().b != 0) return c.instant(day, 0);
    end = spans.front().e;
  }
  return c.instant(day, end);
}

}  // namespace propdesk
