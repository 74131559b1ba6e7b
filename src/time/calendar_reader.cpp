// The calendar reader: a YAML calendar mapping -> checked CalendarSpec -> Calendar.
//
// Sections are read in an order that lets later ones refer to earlier ones: the week first (make-up
// days work like one of its weekdays), then included .ics files, then the file's own holidays and
// workdays, which override what the included files say about the same date.
#include "time/calendar_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>

#include "propdesk/calendar_loader.hpp"
#include "time/calendar_notation.hpp"
#include "time/fixed_time_zone.hpp"
#include "workflow/suggestion.hpp"
#include "workflow/yaml_reader.hpp"

namespace propdesk {

namespace {

using std::chrono::weekday;
using std::chrono::year_month_day;

constexpr std::string_view kAlwaysName = "always";

// One date's entry while reading, before it becomes a SpecialDay.
struct DayEntry {
  year_month_day date;
  bool holiday = true;
  std::vector<WorkPeriod> periods;
  std::string name;
  SourceLocation where;
  bool own = false;  // listed in the calendar itself, not in an included file
};

std::string where_text(const SourceLocation& here, const SourceLocation& there) {
  if (there.file != here.file) return there.to_string();
  return "line " + std::to_string(there.line);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class CalendarReader {
 public:
  CalendarReader(const std::string& file, std::vector<Diagnostic>& out,
                 const CalendarReadOptions& options)
      : r_(file, out), out_(out), options_(options) {}

  std::optional<Calendar> read(const YamlNode& node);

 private:
  void read_name(const YamlNode& node);
  void read_time_zone(const YamlNode& node);
  void read_week(const YamlNode& node);
  void read_week_entry(const YamlNode& key, const YamlNode& value);
  void read_workday_as(const YamlNode& node);
  void read_includes(const YamlNode& node);
  void read_include(const YamlNode& node);
  void read_holidays(const YamlNode& node);
  void read_workdays(const YamlNode& node);
  void read_workday(const YamlNode& item);

  std::optional<std::vector<WorkPeriod>> read_periods(const YamlNode& node, std::string_view what);
  std::optional<DateRange> read_dates(const YamlNode& node, std::string_view what);
  std::optional<weekday> read_weekday(const YamlNode& node, std::string_view what);
  // The periods a make-up day works when it says nothing else; reports when there are none.
  std::optional<std::vector<WorkPeriod>> workday_periods(weekday as, const SourceLocation& at,
                                                         const std::string& date);
  void add(DayEntry entry);
  void for_each_date(const DateRange& range, const auto& fn);
  std::vector<const YamlNode*> list_of(const YamlNode& node, std::string_view what);

  YamlReader r_;
  std::vector<Diagnostic>& out_;
  const CalendarReadOptions& options_;
  CalendarSpec spec_;
  std::array<const YamlNode*, 7> day_key_{};  // the week key that set each weekday
  // Weekdays whose hours were read without error; a make-up day that works like another weekday
  // is checked only against these (no second error for a mistake already reported).
  std::array<bool, 7> day_known_{};
  weekday workday_as_ = std::chrono::Monday;
  std::map<std::int64_t, DayEntry> days_;
};

std::optional<Calendar> CalendarReader::read(const YamlNode& node) {
  const std::size_t first_finding = out_.size();
  if (!r_.expect_map(node, "a calendar")) return std::nullopt;
  r_.check_keys(node,
                {"calendar", "description", "timezone", "week", "workday_as", "holidays",
                 "workdays", "include"},
                "a calendar");
  if (const YamlNode* n = r_.require(node, "calendar", "a calendar")) read_name(*n);
  if (const YamlNode* n = node.find("description")) r_.text(*n, "description");
  if (const YamlNode* n = node.find("timezone")) read_time_zone(*n);

  const bool reserved = spec_.name == kAlwaysName;
  if (reserved) {
    // The built-in 24x7 calendar takes no hours of its own.
    for (const auto& [key, value] : node.entries) {
      const bool harmless = key->scalar == "calendar" || key->scalar == "description" ||
                            key->scalar == "timezone" ||
                            (key->scalar == "week" && value->is_scalar() &&
                             (value->scalar == "24x7" || value->scalar == "always"));
      if (!harmless) {
        r_.error(*key, "reserved-name",
                 "'always' is the built-in 24x7 calendar and takes no '" + key->scalar +
                     "'; give this calendar another name");
      }
    }
    for (auto& day : spec_.week)
      day = {WorkPeriod{std::chrono::minutes(0), std::chrono::hours(24)}};
  } else {
    if (const YamlNode* n = r_.require(node, "week", "a calendar")) read_week(*n);
    if (const YamlNode* n = node.find("workday_as")) read_workday_as(*n);
    if (const YamlNode* n = node.find("include")) read_includes(*n);
    if (const YamlNode* n = node.find("holidays")) read_holidays(*n);
    if (const YamlNode* n = node.find("workdays")) read_workdays(*n);
  }

  const bool failed =
      std::any_of(out_.begin() + static_cast<std::ptrdiff_t>(first_finding), out_.end(),
                  [](const Diagnostic& d) { return d.severity == DiagnosticSeverity::kError; });
  if (failed) return std::nullopt;
  for (auto& [day, e] : days_) {
    spec_.special_days.push_back(
        {e.date, e.holiday ? std::vector<WorkPeriod>{} : e.periods, e.name});
  }
  try {
    return Calendar::create(std::move(spec_));
  } catch (const std::invalid_argument& e) {
    r_.error(node, "internal", std::string("calendar could not be built: ") + e.what());
    return std::nullopt;
  }
}

void CalendarReader::read_name(const YamlNode& node) {
  if (auto name = r_.name(node, "the calendar name")) spec_.name = *name;
}

void CalendarReader::read_time_zone(const YamlNode& node) {
  auto text = r_.text(node, "timezone");
  if (!text) return;
  auto offset = parse_fixed_time_zone(*text);
  if (!offset.value) {
    r_.error(node, offset.code, offset.error);
    return;
  }
  spec_.utc_offset = *offset.value;
  spec_.time_zone = *text;
}

void CalendarReader::read_week(const YamlNode& node) {
  if (node.is_scalar() && (node.scalar == "24x7" || node.scalar == "always")) {
    for (auto& day : spec_.week)
      day = {WorkPeriod{std::chrono::minutes(0), std::chrono::hours(24)}};
    day_known_.fill(true);
    return;
  }
  if (!node.is_map()) {
    r_.error(node, "wrong-type",
             "week must map weekdays to periods (mon-fri: [09:00-12:00, 13:00-18:00]) or be 24x7, "
             "not " +
                 node.describe());
    return;
  }
  // Weekdays not mentioned are days off; a weekday whose entry has an error is unknown.
  day_known_.fill(true);
  for (const auto& [key, value] : node.entries) read_week_entry(*key, *value);
}

void CalendarReader::read_week_entry(const YamlNode& key, const YamlNode& value) {
  std::size_t offset = 0;
  auto days = parse_weekday_set(key.scalar, &offset);
  if (!days.value) {
    SourceLocation at = r_.where(key);
    if (key.plain) at.column += static_cast<int>(offset);
    std::string message = days.error;
    if (days.code == "unknown-weekday") {
      const std::size_t end = key.scalar.find_first_of(",- ", offset);
      const std::string bad =
          lower(key.scalar.substr(offset, end == std::string::npos ? end : end - offset));
      std::string hint = did_you_mean(bad, weekday_names());
      message += hint.empty()
                     ? " (weekdays are mon, tue, wed, thu, fri, sat, sun; ranges such as mon-fri)"
                     : hint;
    }
    r_.error_at(at, days.code, message);
    day_known_.fill(false);  // which days the key meant is unknown
    return;
  }
  auto periods = read_periods(value, "the hours of '" + key.scalar + "'");
  for (weekday d : *days.value) {
    const unsigned i = d.c_encoding();
    if (day_key_[i] != nullptr) {
      r_.error(key, "duplicate-day",
               weekday_name(d) + " is already given by '" + day_key_[i]->scalar + "' at line " +
                   std::to_string(day_key_[i]->line));
      continue;
    }
    day_key_[i] = &key;
    if (periods) spec_.week[i] = *periods;
    day_known_[i] = day_known_[i] && periods.has_value();
  }
}

std::optional<std::vector<WorkPeriod>> CalendarReader::read_periods(const YamlNode& node,
                                                                    std::string_view what) {
  // A day off: nothing, an empty list, or the word closed/off.
  if (node.is_null() || (node.is_sequence() && node.items.empty()))
    return std::vector<WorkPeriod>{};
  if (node.is_scalar() && (node.scalar == "closed" || node.scalar == "off")) {
    return std::vector<WorkPeriod>{};
  }
  std::vector<const YamlNode*> items = list_of(node, what);
  std::vector<std::pair<WorkPeriod, const YamlNode*>> seen;
  bool ok = true;
  for (const YamlNode* item : items) {
    auto p = parse_work_period(item->scalar);
    if (!p.value) {
      r_.error(*item, p.code, p.error);
      ok = false;
      continue;
    }
    for (const auto& [earlier, at] : seen) {
      if (p.value->begin < earlier.end && earlier.begin < p.value->end) {
        r_.error(*item, "overlapping-periods",
                 "period " + p.value->to_string() + " overlaps " + earlier.to_string() +
                     (at->line == item->line ? "" : " (line " + std::to_string(at->line) + ")"));
        ok = false;
      }
    }
    seen.emplace_back(*p.value, item);
  }
  if (!ok || items.size() != (node.is_sequence() ? node.items.size() : 1)) return std::nullopt;
  std::vector<WorkPeriod> out;
  for (const auto& [p, at] : seen) out.push_back(p);
  return out;
}

std::vector<const YamlNode*> CalendarReader::list_of(const YamlNode& node, std::string_view what) {
  if (node.is_scalar()) return {&node};
  std::vector<const YamlNode*> out;
  if (!node.is_sequence()) {
    r_.error(node, "wrong-type",
             std::string(what) + " must be a period or a list of periods, not " + node.describe());
    return out;
  }
  for (const YamlNode* item : node.items) {
    if (item->is_scalar()) {
      out.push_back(item);
    } else {
      r_.error(
          *item, "wrong-type",
          std::string(what) + " must list periods such as 09:00-12:00, not " + item->describe());
    }
  }
  return out;
}

std::optional<weekday> CalendarReader::read_weekday(const YamlNode& node, std::string_view what) {
  if (!node.is_scalar()) {
    r_.error(node, "wrong-type", std::string(what) + " must be a weekday, not " + node.describe());
    return std::nullopt;
  }
  if (auto d = parse_weekday(node.scalar)) return d;
  std::string hint = did_you_mean(lower(node.scalar), weekday_names());
  r_.error(node, "unknown-weekday",
           "unknown weekday '" + node.scalar + "' in " + std::string(what) +
               (hint.empty() ? " (weekdays are mon, tue, wed, thu, fri, sat, sun)" : hint));
  return std::nullopt;
}

void CalendarReader::read_workday_as(const YamlNode& node) {
  if (auto d = read_weekday(node, "workday_as")) workday_as_ = *d;
}

std::optional<DateRange> CalendarReader::read_dates(const YamlNode& node, std::string_view what) {
  if (!node.is_scalar()) {
    r_.error(node, "wrong-type",
             std::string(what) +
                 " must be a date (2026-10-01) or a range (2026-10-01..2026-10-07), not " +
                 node.describe());
    return std::nullopt;
  }
  auto range = parse_date_range(node.scalar);
  if (!range.value) {
    r_.error(node, range.code, range.error);
    return std::nullopt;
  }
  return range.value;
}

void CalendarReader::for_each_date(const DateRange& range, const auto& fn) {
  for (auto d = std::chrono::sys_days(range.first); d <= std::chrono::sys_days(range.last);
       d += std::chrono::days(1)) {
    fn(year_month_day(d));
  }
}

std::optional<std::vector<WorkPeriod>> CalendarReader::workday_periods(weekday as,
                                                                       const SourceLocation& at,
                                                                       const std::string& date) {
  const auto& periods = spec_.week[as.c_encoding()];
  if (!periods.empty()) return periods;
  if (day_known_[as.c_encoding()]) {
    r_.error_at(at, "no-hours",
                "make-up working day " + date + " works like " + weekday_name(as) +
                    ", which has no working hours; give it periods, or another day with 'as'");
  }
  return std::nullopt;
}

// Adds a date; the calendar's own entries override included ones, and conflicts are reported.
void CalendarReader::add(DayEntry entry) {
  const std::int64_t key = std::chrono::sys_days(entry.date).time_since_epoch().count();
  auto [it, inserted] = days_.try_emplace(key, entry);
  if (inserted) return;
  DayEntry& old = it->second;
  if (entry.own && !old.own) {
    old = std::move(entry);  // the calendar itself says otherwise about an included date
    return;
  }
  if (!entry.own && old.own) return;
  const std::string date = format_date(entry.date);
  const std::string there = where_text(entry.where, old.where);
  if (entry.holiday != old.holiday) {
    r_.error_at(entry.where, "date-conflict",
                date + " is a " + (entry.holiday ? "holiday" : "make-up working day") +
                    " here and a " + (old.holiday ? "holiday" : "make-up working day") + " at " +
                    there);
    return;
  }
  if (!entry.holiday && entry.periods != old.periods) {
    r_.error_at(entry.where, "duplicate-date",
                "make-up working day " + date + " is also given at " + there + " with other hours");
    return;
  }
  if (entry.own) {
    out_.push_back({DiagnosticSeverity::kWarning, entry.where, "duplicate-date",
                    date + " is already a " + (old.holiday ? "holiday" : "make-up working day") +
                        " at " + there});
  }
}

void CalendarReader::read_includes(const YamlNode& node) {
  if (node.is_scalar()) return read_include(node);
  if (!node.is_sequence()) {
    r_.error(node, "wrong-type",
             "include must be an .ics file or a list of them, not " + node.describe());
    return;
  }
  for (const YamlNode* item : node.items) read_include(*item);
}

void CalendarReader::read_include(const YamlNode& node) {
  auto name = r_.text(node, "include");
  if (!name) return;
  const std::filesystem::path given(*name);
  if (lower(given.extension().string()) != ".ics") {
    r_.error(node, "bad-include", "include takes iCalendar files (.ics), not '" + *name + "'");
    return;
  }
  const std::filesystem::path path = given.is_absolute() || options_.base_dir.empty()
                                         ? given
                                         : (options_.base_dir / given).lexically_normal();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    r_.error(node, "missing-include",
             "included file '" + *name + "' not found" +
                 (path == given ? std::string() : " (looked for " + path.string() + ")"));
    return;
  }
  IcsImport ics = import_ics_file(path, options_.limits);
  for (Diagnostic& d : ics.diagnostics) {
    if (d.code == "io" || d.code == "too-large") {
      r_.error(node, d.code, "cannot read included file '" + *name + "': " + d.message);
    } else if (d.severity == DiagnosticSeverity::kError) {
      r_.error_at(d.where, d.code, d.message);
    } else {
      out_.push_back(std::move(d));
    }
  }
  if (!ics.ok()) return;
  for (IcsDay& day : ics.days) {
    DayEntry e{day.date, !day.workday, {}, std::move(day.name), day.where, false};
    if (day.workday) {
      auto periods = workday_periods(workday_as_, day.where, format_date(day.date));
      if (!periods) continue;
      e.periods = *periods;
    }
    add(std::move(e));
  }
}

void CalendarReader::read_holidays(const YamlNode& node) {
  if (node.is_null()) return;
  if (!node.is_sequence()) {
    r_.error(node, "wrong-type",
             "holidays must be a list of dates, ranges or {date, name} mappings, not " +
                 node.describe());
    return;
  }
  for (const YamlNode* item : node.items) {
    const YamlNode* date_node = item;
    std::string name;
    if (item->is_map()) {
      r_.check_keys(*item, {"date", "name"}, "a holiday");
      date_node = r_.require(*item, "date", "a holiday");
      if (const YamlNode* n = item->find("name"))
        name = r_.text(*n, "the holiday's name").value_or("");
      if (!date_node) continue;
    }
    auto range = read_dates(*date_node, "a holiday");
    if (!range) continue;
    for_each_date(*range, [&](const year_month_day& d) {
      add(DayEntry{d, true, {}, name, r_.where(*date_node), true});
    });
  }
}

void CalendarReader::read_workdays(const YamlNode& node) {
  if (node.is_null()) return;
  if (!node.is_sequence()) {
    r_.error(node, "wrong-type",
             "workdays must be a list of dates or {date, as | periods, name} mappings, not " +
                 node.describe());
    return;
  }
  for (const YamlNode* item : node.items) read_workday(*item);
}

void CalendarReader::read_workday(const YamlNode& item) {
  const YamlNode* date_node = &item;
  std::string name;
  std::optional<std::vector<WorkPeriod>> periods;
  bool bad = false;
  if (item.is_map()) {
    r_.check_keys(item, {"date", "as", "periods", "name"}, "a make-up working day");
    date_node = r_.require(item, "date", "a make-up working day");
    if (const YamlNode* n = item.find("name")) name = r_.text(*n, "the day's name").value_or("");
    const YamlNode* as = item.find("as");
    const YamlNode* own = item.find("periods");
    if (as && own) {
      r_.error(*own, "conflicting-keys", "a make-up working day takes 'as' or 'periods', not both");
      bad = true;
    } else if (own) {
      periods = read_periods(*own, "periods");
      if (!periods) {
        bad = true;
      } else if (periods->empty()) {
        r_.error(*own, "no-hours",
                 "a make-up working day needs working periods; a day off is a holiday");
        bad = true;
      }
    } else if (as) {
      auto day = read_weekday(*as, "'as'");
      if (!day) {
        bad = true;
      } else if (date_node) {
        periods = workday_periods(*day, r_.where(*as), date_node->scalar);
        bad = !periods;
      }
    }
    if (!date_node) return;
  }
  auto range = read_dates(*date_node, "a make-up working day");
  if (!range || bad) return;
  for_each_date(*range, [&](const year_month_day& d) {
    std::optional<std::vector<WorkPeriod>> hours = periods;
    if (!hours) hours = workday_periods(workday_as_, r_.where(*date_node), format_date(d));
    if (hours) add(DayEntry{d, false, *hours, name, r_.where(*date_node), true});
  });
}

}  // namespace

std::optional<Calendar> read_calendar(const YamlNode& node, const std::string& file,
                                      std::vector<Diagnostic>& out,
                                      const CalendarReadOptions& options) {
  CalendarReader reader(file, out, options);
  return reader.read(node);
}

}  // namespace propdesk
