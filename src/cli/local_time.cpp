#include "cli/local_time.hpp"

#include <cstdio>

#include "propdesk/notification_renderer.hpp"

namespace propdesk::cli {

namespace {
struct LocalParts {
  int year;
  unsigned month, day, hour, minute, second;
};

LocalParts local_parts(TimePoint t) {
  const auto local = t + kDeskOffset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(local - day);
  return {static_cast<int>(ymd.year()),
          static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()),
          static_cast<unsigned>(hms.hours().count()),
          static_cast<unsigned>(hms.minutes().count()),
          static_cast<unsigned>(hms.seconds().count())};
}
}  // namespace

std::string format_local(TimePoint t) { return format_display_time(t, kDeskOffset); }

std::string format_local_clock(TimePoint t) {
  const LocalParts p = local_parts(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u:%02u", p.hour, p.minute);
  return buf;
}

std::string format_local_iso(TimePoint t) {
  const LocalParts p = local_parts(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02u+08:00", p.year, p.month, p.day,
                p.hour, p.minute, p.second);
  return buf;
}

}  // namespace propdesk::cli
