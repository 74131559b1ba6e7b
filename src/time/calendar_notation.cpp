#include "time/calendar_notation.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace propdesk {

namespace {

using std::chrono::minutes;
using std::chrono::weekday;
using std::chrono::year_month_day;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

constexpr std::array<const char*, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

struct WeekdaySpelling {
  const char* text;
  unsigned c_encoding;
};

// Lower-case English spellings and the Chinese ones a desk writes.
constexpr std::array<WeekdaySpelling, 30> kWeekdaySpellings = {{
    {"sun", 0},       {"mon", 1},      {"tue", 2},    {"wed", 3},      {"thu", 4},
    {"fri", 5},       {"sat", 6},      {"sunday", 0}, {"monday", 1},   {"tuesday", 2},
    {"wednesday", 3}, {"thursday", 4}, {"friday", 5}, {"saturday", 6}, {"周日", 0},
    {"周天", 0},      {"周一", 1},     {"周二", 2},   {"周三", 3},     {"周四", 4},
    {"周五", 5},      {"周六", 6},     {"星期日", 0}, {"星期天", 0},   {"星期一", 1},
    {"星期二", 2},    {"星期三", 3},   {"星期四", 4}, {"星期五", 5},   {"星期六", 6},
}};

}  // namespace

Parsed<minutes> parse_clock_time(std::string_view text, bool is_end) {
  text = trim(text);
  const std::size_t colon = text.find(':');
  const std::string quoted = "'" + std::string(text) + "'";
  if (colon == std::string_view::npos) {
    return {std::nullopt, quoted + " is not a time of day; write HH:MM, e.g. 09:00", "bad-time"};
  }
  const std::string_view h = text.substr(0, colon);
  const std::string_view m = text.substr(colon + 1);
  if (m.find(':') != std::string_view::npos) {
    return {std::nullopt, quoted + ": calendars count in whole minutes; write HH:MM, e.g. 09:00",
            "bad-time"};
  }
  if (!all_digits(h) || h.size() > 2 || !all_digits(m) || m.size() != 2) {
    return {std::nullopt, quoted + " is not a time of day; write HH:MM, e.g. 09:00", "bad-time"};
  }
  const int hours = to_int(h);
  const int mins = to_int(m);
  const bool ok = (hours < 24 && mins < 60) || (hours == 24 && mins == 0 && is_end);
  if (!ok) {
    return {std::nullopt,
            std::string(text) +
                " is not a time of day (00:00 to 23:59, or 24:00 as the end of "
                "a period)",
            "bad-time"};
  }
  return {minutes(hours * 60 + mins), {}, {}};
}

Parsed<WorkPeriod> parse_work_period(std::string_view text) {
  const std::string_view t = trim(text);
  std::size_t sep = t.find('-', 1);
  if (sep == std::string_view::npos) sep = t.find('~', 1);
  if (sep == std::string_view::npos) {
    return {std::nullopt,
            "'" + std::string(t) + "' is not a period; write HH:MM-HH:MM, e.g. 09:00-12:00",
            "bad-period"};
  }
  auto begin = parse_clock_time(t.substr(0, sep), false);
  if (!begin.value) return {std::nullopt, begin.error, begin.code};
  auto end = parse_clock_time(t.substr(sep + 1), true);
  if (!end.value) return {std::nullopt, end.error, end.code};
  WorkPeriod p{*begin.value, *end.value};
  if (p.end == p.begin)
    return {std::nullopt, "period " + p.to_string() + " is empty", "empty-period"};
  if (p.end < p.begin) {
    return {std::nullopt,
            "period " + std::string(t) +
                " ends before it begins; a period lies within one day (for a "
                "night shift write 18:00-24:00 on one day and 00:00-09:00 on "
                "the next)",
            "period-order"};
  }
  return {p, {}, {}};
}

Parsed<year_month_day> parse_date(std::string_view text) {
  const std::string_view t = trim(text);
  const std::string shown(t);
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !all_digits(t.substr(0, 4)) ||
      !all_digits(t.substr(5, 2)) || !all_digits(t.substr(8, 2))) {
    return {std::nullopt, "'" + shown + "' is not a date; write YYYY-MM-DD, e.g. 2026-10-01",
            "bad-date"};
  }
  const int y = to_int(t.substr(0, 4));
  const int m = to_int(t.substr(5, 2));
  const int d = to_int(t.substr(8, 2));
  if (y < 1) return {std::nullopt, shown + " is not a date: years start at 0001", "bad-date"};
  if (m < 1 || m > 12) {
    return {std::nullopt, shown + " is not a date: there is no month " + std::to_string(m),
            "bad-date"};
  }
  const std::chrono::year_month ym{std::chrono::year(y),
                                   std::chrono::month(static_cast<unsigned>(m))};
  const unsigned last = static_cast<unsigned>(
      std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month())).day());
  if (d < 1 || static_cast<unsigned>(d) > last) {
    return {std::nullopt,
            shown + " is not a date: " + kMonthNames[static_cast<std::size_t>(m - 1)] + " " +
                std::to_string(y) + " has " + std::to_string(last) + " days",
            "bad-date"};
  }
  return {
      year_month_day{ym.year(), ym.month(), std::chrono::day(static_cast<unsigned>(d))}, {}, {}};
}

Parsed<DateRange> parse_date_range(std::string_view text) {
  const std::string_view t = trim(text);
  const std::size_t dots = t.find("..");
  if (dots == std::string_view::npos) {
    auto d = parse_date(t);
    if (!d.value) return {std::nullopt, d.error, d.code};
    return {DateRange{*d.value, *d.value}, {}, {}};
  }
  auto first = parse_date(t.substr(0, dots));
  if (!first.value) return {std::nullopt, first.error, first.code};
  auto last = parse_date(t.substr(dots + 2));
  if (!last.value) return {std::nullopt, last.error, last.code};
  const auto span = std::chrono::sys_days(*last.value) - std::chrono::sys_days(*first.value);
  if (span.count() < 0) {
    return {std::nullopt, "date range " + std::string(t) + " ends before it begins", "bad-range"};
  }
  if (span.count() >= kMaxRangeDays) {
    return {std::nullopt,
            "date range " + std::string(t) + " covers " + std::to_string(span.count() + 1) +
                " days; at most " + std::to_string(kMaxRangeDays) + " are allowed",
            "range-too-long"};
  }
  return {DateRange{*first.value, *last.value}, {}, {}};
}

std::optional<weekday> parse_weekday(std::string_view text) {
  const std::string key = lower(trim(text));
  for (const WeekdaySpelling& s : kWeekdaySpellings) {
    if (key == s.text) return weekday(s.c_encoding);
  }
  return std::nullopt;
}

const std::vector<std::string>& weekday_names() {
  static const std::vector<std::string> kNames = {
      "mon",    "tue",     "wed",       "thu",      "fri",    "sat",      "sun",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  return kNames;
}

std::string weekday_name(weekday day) { return kWeekdaySpellings[day.c_encoding() % 7].text; }

Parsed<std::vector<weekday>> parse_weekday_set(std::string_view text, std::size_t* bad_offset) {
  std::vector<weekday> days;
  auto fail = [&](std::size_t offset, std::string code, std::string message) {
    if (bad_offset) *bad_offset = offset;
    return Parsed<std::vector<weekday>>{std::nullopt, std::move(message), std::move(code)};
  };
  auto name_at = [&](std::size_t from,
                     std::size_t to) -> std::pair<std::optional<weekday>, std::size_t> {
    std::string_view piece = text.substr(from, to - from);
    std::size_t lead = 0;
    while (lead < piece.size() && (piece[lead] == ' ' || piece[lead] == '\t')) ++lead;
    return {parse_weekday(piece), from + lead};
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string_view piece = text.substr(start, comma - start);
    const std::size_t dash = piece.find('-');
    const std::size_t first_end = dash == std::string_view::npos ? comma : start + dash;
    auto [first, first_at] = name_at(start, first_end);
    if (!first) {
      const std::string bad(trim(text.substr(start, first_end - start)));
      return fail(first_at, "unknown-weekday", "unknown weekday '" + bad + "'");
    }
    weekday last = *first;
    if (dash != std::string_view::npos) {
      auto [second, second_at] = name_at(start + dash + 1, comma);
      if (!second) {
        const std::string bad(trim(text.substr(start + dash + 1, comma - start - dash - 1)));
        return fail(second_at, "unknown-weekday", "unknown weekday '" + bad + "'");
      }
      last = *second;
    }
    for (weekday d = *first;; ++d) {
      if (std::find(days.begin(), days.end(), d) != days.end()) {
        return fail(first_at, "duplicate-day",
                    weekday_name(d) + " is listed twice in '" + std::string(text) + "'");
      }
      days.push_back(d);
      if (d == last) break;
    }
    start = comma + 1;
  }
  return {std::move(days), {}, {}};
}

std::string format_date(year_month_day date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

}  // namespace propdesk
