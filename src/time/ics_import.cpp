// iCalendar (.ics) import of holidays and make-up working days: the RFC 5545 subset that holiday
// feeds use, read by hand (line unfolding, content lines with parameters, nested components,
// all-day VEVENTs). Anything else in the file (VTIMEZONE, VALARM, unknown properties) is skipped.
#include <algorithm>
#include <cctype>

#include "model/utf8.hpp"
#include "propdesk/calendar_loader.hpp"
#include "time/calendar_notation.hpp"
#include "model/text_file.hpp"

namespace propdesk {

namespace {

struct ContentLine {
  int line = 0;                                             // first physical line
  std::string name;                                         // upper-cased
  std::vector<std::pair<std::string, std::string>> params;  // names upper-cased
  std::string value;

  [[nodiscard]] std::string param(std::string_view key) const {
    for (const auto& [k, v] : params)
      if (k == key) return v;
    return {};
  }
};

struct Event {
  int line = 0;
  std::optional<ContentLine> dtstart;
  std::optional<ContentLine> dtend;
  std::optional<ContentLine> duration;
  std::optional<ContentLine> recurrence;
  std::string summary;
  std::vector<std::string> categories;
  bool cancelled = false;
};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// TEXT values: \\ \; \, \n \N.
std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char c = s[++i];
      out += (c == 'n' || c == 'N') ? ' ' : c;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A list of TEXT values separated by unescaped commas.
std::vector<std::string> split_text_list(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] == '\\') {
      ++i;
      continue;
    }
    if (i == s.size() || s[i] == ',') {
      out.push_back(unescape(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  return out;
}

class IcsReader {
 public:
  IcsReader(std::string file, IcsImport& out) : file_(std::move(file)), out_(out) {}

  void read(std::string_view text);

 private:
  void error(int line, std::string code, std::string message) {
    out_.diagnostics.push_back(
        {DiagnosticSeverity::kError, {file_, line, 0}, std::move(code), std::move(message)});
  }
  void warning(int line, std::string code, std::string message) {
    out_.diagnostics.push_back(
        {DiagnosticSeverity::kWarning, {file_, line, 0}, std::move(code), std::move(message)});
  }

  std::vector<ContentLine> unfold(std::string_view text);
  std::optional<ContentLine> parse_line(int line, std::string_view text);
  void on_line(const ContentLine& cl);
  void on_event_property(const ContentLine& cl);
  void finish_event();
  std::optional<std::chrono::year_month_day> date_of(const ContentLine& cl, bool* timed);
  std::optional<int> days_of(const ContentLine& duration);

  std::string file_;
  IcsImport& out_;
  std::vector<std::pair<std::string, int>> stack_;  // open components and their BEGIN lines
  bool saw_calendar_ = false;
  std::optional<Event> event_;
};

std::vector<ContentLine> IcsReader::unfold(std::string_view text) {
  std::vector<ContentLine> lines;
  std::string logical;
  int logical_line = 0;
  int number = 0;
  auto flush = [&] {
    if (logical_line > 0 && !logical.empty()) {
      if (auto cl = parse_line(logical_line, logical)) lines.push_back(std::move(*cl));
    }
    logical.clear();
    logical_line = 0;
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view physical = text.substr(pos, eol - pos);
    if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
    ++number;
    pos = eol + 1;
    if (!physical.empty() && (physical[0] == ' ' || physical[0] == '\t') && logical_line > 0) {
      logical.append(physical.substr(1));  // a folded continuation
      continue;
    }
    flush();
    if (physical.empty()) continue;
    logical.assign(physical);
    logical_line = number;
  }
  flush();
  return lines;
}

std::optional<ContentLine> IcsReader::parse_line(int line, std::string_view text) {
  ContentLine cl;
  cl.line = line;
  std::size_t i = text.find_first_of(";:");
  if (i == std::string_view::npos || i == 0) {
    error(line, "ics-syntax", "not an iCalendar content line (NAME:VALUE)");
    return std::nullopt;
  }
  cl.name = upper(text.substr(0, i));
  const bool token = std::all_of(cl.name.begin(), cl.name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
  if (!token) {
    error(line, "ics-syntax", "'" + std::string(text.substr(0, i)) + "' is not a property name");
    return std::nullopt;
  }
  while (text[i] == ';') {
    const std::size_t eq = text.find('=', i + 1);
    if (eq == std::string_view::npos) {
      error(line, "ics-syntax", "parameter without '=' in " + cl.name);
      return std::nullopt;
    }
    std::string key = upper(text.substr(i + 1, eq - i - 1));
    std::size_t j = eq + 1;
    std::string value;
    if (j < text.size() && text[j] == '"') {
      const std::size_t close = text.find('"', j + 1);
      if (close == std::string_view::npos) {
        error(line, "ics-syntax", "unterminated quoted parameter in " + cl.name);
        return std::nullopt;
      }
      value = std::string(text.substr(j + 1, close - j - 1));
      j = close + 1;
    } else {
      const std::size_t end = text.find_first_of(";:", j);
      value =
          std::string(text.substr(j, end == std::string_view::npos ? text.size() - j : end - j));
      j = end == std::string_view::npos ? text.size() : end;
    }
    cl.params.emplace_back(std::move(key), std::move(value));
    if (j >= text.size()) {
      error(line, "ics-syntax", cl.name + " has no ':' before its value");
      return std::nullopt;
    }
    i = j;
  }
  if (text[i] != ':') {
    error(line, "ics-syntax", "not an iCalendar content line (NAME:VALUE)");
    return std::nullopt;
  }
  cl.value = std::string(text.substr(i + 1));
  return cl;
}

void IcsReader::read(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte-order mark
  if (auto bad = find_invalid_utf8(text)) {
    const int line = 1 + static_cast<int>(std::count(
                             text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*bad), '\n'));
    error(line, "not-utf8", "the file is not valid UTF-8");
    return;
  }
  for (const ContentLine& cl : unfold(text)) on_line(cl);
  if (!stack_.empty()) {
    error(stack_.back().second, "ics-structure",
          "BEGIN:" + stack_.back().first + " is never closed (END:" + stack_.back().first + ")");
  }
  if (!saw_calendar_) error(1, "ics-structure", "not an iCalendar file: no BEGIN:VCALENDAR");
}

void IcsReader::on_line(const ContentLine& cl) {
  if (cl.name == "BEGIN") {
    const std::string component = upper(cl.value);
    if (stack_.empty() && component != "VCALENDAR") {
      error(cl.line, "ics-structure",
            "an iCalendar file starts with BEGIN:VCALENDAR, not BEGIN:" + component);
    }
    if (stack_.empty() && component == "VCALENDAR") saw_calendar_ = true;
    if (component == "VEVENT" && stack_.size() == 1 && stack_[0].first == "VCALENDAR") {
      event_ = Event{};
      event_->line = cl.line;
    }
    stack_.emplace_back(component, cl.line);
    return;
  }
  if (cl.name == "END") {
    const std::string component = upper(cl.value);
    if (stack_.empty() || stack_.back().first != component) {
      error(cl.line, "ics-structure",
            "END:" + component +
                (stack_.empty() ? " without a BEGIN"
                                : " does not match BEGIN:" + stack_.back().first + " at line " +
                                      std::to_string(stack_.back().second)));
      return;
    }
    stack_.pop_back();
    if (component == "VEVENT" && event_ && stack_.size() == 1) finish_event();
    return;
  }
  if (stack_.empty()) {
    error(cl.line, "ics-structure", cl.name + " outside BEGIN:VCALENDAR ... END:VCALENDAR");
    return;
  }
  if (event_ && stack_.size() == 2 && stack_.back().first == "VEVENT") on_event_property(cl);
}

void IcsReader::on_event_property(const ContentLine& cl) {
  Event& e = *event_;
  if (cl.name == "DTSTART") {
    e.dtstart = cl;
  } else if (cl.name == "DTEND") {
    e.dtend = cl;
  } else if (cl.name == "DURATION") {
    e.duration = cl;
  } else if (cl.name == "RRULE" || cl.name == "RDATE") {
    e.recurrence = cl;
  } else if (cl.name == "SUMMARY") {
    e.summary = unescape(cl.value);
  } else if (cl.name == "CATEGORIES") {
    for (std::string& c : split_text_list(cl.value)) e.categories.push_back(upper(c));
  } else if (cl.name == "STATUS") {
    e.cancelled = upper(cl.value) == "CANCELLED";
  }
}

std::optional<std::chrono::year_month_day> IcsReader::date_of(const ContentLine& cl, bool* timed) {
  const std::string& v = cl.value;
  if (v.find('T') != std::string::npos || upper(cl.param("VALUE")) == "DATE-TIME") {
    *timed = true;
    return std::nullopt;
  }
  const bool eight_digits =
      v.size() == 8 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!eight_digits) {
    error(cl.line, "ics-bad-date", cl.name + " '" + v + "' is not a date (YYYYMMDD)");
    return std::nullopt;
  }
  auto d = parse_date(v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2));
  if (!d.value) {
    error(cl.line, "ics-bad-date", cl.name + ": " + d.error);
    return std::nullopt;
  }
  return d.value;
}

std::optional<int> IcsReader::days_of(const ContentLine& duration) {
  std::string_view v = duration.value;
  if (!v.empty() && v[0] == '+') v.remove_prefix(1);
  const bool shape =
      v.size() >= 3 && v[0] == 'P' && (v.back() == 'D' || v.back() == 'W') &&
      std::all_of(v.begin() + 1, v.end() - 1, [](char c) { return c >= '0' && c <= '9'; }) &&
      v.size() <= 8;
  if (!shape) {
    error(duration.line, "ics-bad-duration",
          "DURATION '" + duration.value +
              "' must be whole days or weeks (P1D, P7D, P1W) for an all-day event");
    return std::nullopt;
  }
  int n = 0;
  for (char c : v.substr(1, v.size() - 2)) n = n * 10 + (c - '0');
  return v.back() == 'W' ? n * 7 : n;
}

void IcsReader::finish_event() {
  Event e = std::move(*event_);
  event_.reset();
  if (e.cancelled) return;
  if (e.recurrence) {
    error(
        e.recurrence->line, "ics-recurring",
        "recurring events (" + e.recurrence->name + ") are not supported; list each year's dates");
    return;
  }
  if (!e.dtstart) {
    error(e.line, "ics-missing-dtstart", "event '" + e.summary + "' has no DTSTART");
    return;
  }
  bool timed = false;
  auto first = date_of(*e.dtstart, &timed);
  if (timed) {
    warning(e.dtstart->line, "ics-timed-event",
            "event '" + e.summary +
                "' is not an all-day event; skipped (holidays and make-up days are whole dates)");
    return;
  }
  if (!first) return;
  int length = 1;
  if (e.dtend) {
    bool end_timed = false;
    auto end = date_of(*e.dtend, &end_timed);
    if (end_timed) {
      error(e.dtend->line, "ics-bad-date", "DTEND of an all-day event must be a date (VALUE=DATE)");
      return;
    }
    if (!end) return;
    length =
        static_cast<int>((std::chrono::sys_days(*end) - std::chrono::sys_days(*first)).count());
    if (length <= 0) {
      error(e.dtend->line, "ics-bad-date",
            "DTEND " + format_date(*end) + " must come after DTSTART " + format_date(*first) +
                " (DTEND is the day after the last day)");
      return;
    }
  } else if (e.duration) {
    auto n = days_of(*e.duration);
    if (!n) return;
    if (*n <= 0) {
      error(e.duration->line, "ics-bad-duration", "DURATION must be at least one day");
      return;
    }
    length = *n;
  }
  if (length > kMaxRangeDays) {
    error(e.line, "ics-too-long",
          "event '" + e.summary + "' covers " + std::to_string(length) + " days; at most " +
              std::to_string(kMaxRangeDays) + " are allowed");
    return;
  }
  const auto has = [&](std::string_view c) {
    return std::find(e.categories.begin(), e.categories.end(), c) != e.categories.end();
  };
  bool workday = false;
  if (has("WORKDAY")) {
    workday = true;
  } else if (!has("HOLIDAY")) {
    workday =
        e.summary.find("补班") != std::string::npos || e.summary.find("上班") != std::string::npos;
  }
  const std::chrono::sys_days start(*first);
  for (int i = 0; i < length; ++i) {
    out_.days.push_back({std::chrono::year_month_day(start + std::chrono::days(i)), workday,
                         e.summary, SourceLocation{file_, e.line, 0}});
  }
}

}  // namespace

IcsImport import_ics_string(std::string_view text, std::string source_name) {
  IcsImport result;
  IcsReader reader(std::move(source_name), result);
  reader.read(text);
  return result;
}

IcsImport import_ics_file(const std::filesystem::path& path, const LoadLimits& limits) {
  TextFile file = read_text_file(path, limits.max_bytes, "an .ics file");
  if (!file.text) {
    IcsImport r;
    r.diagnostics.push_back(std::move(file.error));
    return r;
  }
  return import_ics_string(*file.text, path.string());
}

}  // namespace propdesk
