// Value: comparison, canonical text, and the ISO 8601 time and duration notations.
#include "propdesk/value.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace propdesk {

std::string_view to_string(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return "bool";
    case Value::Kind::kInt: return "int";
    case Value::Kind::kNumber: return "number";
    case Value::Kind::kString: return "string";
    case Value::Kind::kTime: return "time";
  }
  return "?";
}

std::string Value::to_string() const {
  switch (kind()) {
    case Kind::kNull: return "null";
    case Kind::kBool: return as_bool() ? "true" : "false";
    case Kind::kInt: return std::to_string(as_int());
    case Kind::kNumber: {
      char buf[64];
      // Shortest text that reads back to the same double.
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, as_number());
      return ec == std::errc() ? std::string(buf, end) : std::string("nan");
    }
    case Kind::kString: return as_string();
    case Kind::kTime: return format_time(as_time());
  }
  return {};
}

namespace {

// Reads exactly `n` digits at `pos`; advances pos.
bool read_digits(std::string_view s, std::size_t& pos, int n, int& out) {
  if (pos + static_cast<std::size_t>(n) > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = s[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(n);
  out = v;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

}  // namespace

std::optional<TimePoint> parse_time(std::string_view s, std::chrono::minutes default_offset) {
  using namespace std::chrono;
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!read_digits(s, pos, 4, y) || !expect(s, pos, '-') || !read_digits(s, pos, 2, mo) ||
      !expect(s, pos, '-') || !read_digits(s, pos, 2, d))
    return std::nullopt;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  if (pos == s.size()) return TimePoint{sys_days{ymd}} - default_offset;  // a date alone: midnight
  if (!expect(s, pos, 'T') && !expect(s, pos, ' ')) return std::nullopt;
  if (!read_digits(s, pos, 2, h) || !expect(s, pos, ':') || !read_digits(s, pos, 2, mi))
    return std::nullopt;
  if (pos < s.size() && s[pos] == ':' && !(++pos, read_digits(s, pos, 2, sec))) return std::nullopt;
  if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
  minutes offset = default_offset;
  if (pos < s.size()) {
    if (s[pos] == 'Z' || s[pos] == 'z') {
      offset = minutes(0);
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      const int sign = s[pos] == '-' ? -1 : 1;
      ++pos;
      int oh = 0, om = 0;
      if (!read_digits(s, pos, 2, oh)) return std::nullopt;
      expect(s, pos, ':');
      if (!read_digits(s, pos, 2, om) || oh > 23 || om > 59) return std::nullopt;
      offset = minutes(sign * (oh * 60 + om));
    } else {
      return std::nullopt;
    }
  }
  if (pos != s.size()) return std::nullopt;
  return TimePoint{sys_days{ymd}} + hours(h) + minutes(mi) + seconds(sec) - offset;
}

std::string format_time(TimePoint t) {
  using namespace std::chrono;
  const auto days = floor<std::chrono::days>(t);
  const year_month_day ymd{days};
  const hh_mm_ss hms{t - days};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::optional<Duration> parse_duration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::size_t pos = 0;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max() / 2;
  while (pos < s.size()) {
    std::int64_t n = 0;
    const auto [ptr, ec] = std::from_chars(s.data() + pos, s.data() + s.size(), n);
    if (ec != std::errc() || n < 0) return std::nullopt;
    pos = static_cast<std::size_t>(ptr - s.data());
    if (pos >= s.size()) return std::nullopt;  // a number without unit
    std::int64_t unit = 0;
    switch (s[pos]) {
      case 's': unit = 1; break;
      case 'm': unit = 60; break;
      case 'h': unit = 3600; break;
      case 'd': unit = 86400; break;
      case 'w': unit = 7 * 86400; break;
      default: return std::nullopt;
    }
    ++pos;
    if (n > kMax / unit || total > kMax - n * unit) return std::nullopt;
    total += n * unit;
  }
  return Duration(total);
}

std::string format_duration(Duration d) {
  const std::int64_t count = d.count();
  if (count == 0) return "0s";
  std::string out;
  // The magnitude as unsigned: negating INT64_MIN would overflow.
  std::uint64_t s = count < 0 ? 0 - static_cast<std::uint64_t>(count) : static_cast<std::uint64_t>(count);
  if (count < 0) out.push_back('-');
  constexpr std::pair<std::uint64_t, char> kUnits[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
  for (const auto& [size, unit] : kUnits) {
    if (s >= size) {
      out += std::to_string(s / size);
      out += unit;
      s %= size;
    }
  }
  return out;
}

}  // namespace propdesk
