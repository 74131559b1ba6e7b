#include "store/ticket_code.hpp"

#include <chrono>
#include <cstdio>

namespace propdesk {

bool valid_code_prefix(std::string_view prefix) {
  if (prefix.empty() || prefix.size() > 16) return false;
  for (const char c : prefix) {
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> business_day(TimePoint t) {
  using namespace std::chrono;
  // The desk works in Asia/Shanghai, which has been UTC+8 all year since 1991.
  constexpr hours kOffset{8};
  const TimePoint first{sys_days{year{0} / January / 1} - kOffset};
  const TimePoint last{sys_days{year{10000} / January / 1} - kOffset - seconds{1}};
  if (t < first || t > last) return std::nullopt;  // also keeps t + kOffset from overflowing
  const year_month_day date{floor<days>(t + kOffset)};
  const int y = static_cast<int>(date.year());
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", y, static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return std::string(buf);
}

std::string format_ticket_code(std::string_view prefix, std::string_view day, std::int64_t number) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%04lld", static_cast<long long>(number));
  std::string code;
  code.reserve(prefix.size() + day.size() + 8);
  code.append(prefix).append("-").append(day).append("-").append(digits);
  return code;
}

}  // namespace propdesk
