#include "time/fixed_time_zone.hpp"

#include <algorithm>
#include <array>

#include "workflow/suggestion.hpp"

namespace propdesk {

namespace {

using std::chrono::minutes;

struct NamedZone {
  const char* name;
  int offset_minutes;
};

// Zones that have kept one offset all year for decades. Zones with daylight saving time are
// deliberately absent: a fixed offset would be wrong for part of every year.
constexpr std::array<NamedZone, 14> kZones = {{
    {"Asia/Shanghai", 480},
    {"Asia/Chongqing", 480},
    {"Asia/Hong_Kong", 480},
    {"Asia/Macau", 480},
    {"Asia/Taipei", 480},
    {"Asia/Singapore", 480},
    {"Asia/Kuala_Lumpur", 480},
    {"Asia/Manila", 480},
    {"Asia/Tokyo", 540},
    {"Asia/Seoul", 540},
    {"Asia/Kolkata", 330},
    {"UTC", 0},
    {"Etc/UTC", 0},
    {"GMT", 0},
}};

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "+08:00", "+0800", "+08", "+8", "-05:30"; nullopt when it is not an offset at all.
std::optional<Parsed<minutes>> parse_offset(std::string_view s, std::string_view shown) {
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  std::string_view h;
  std::string_view m = "00";
  if (const auto colon = s.find(':'); colon != std::string_view::npos) {
    h = s.substr(0, colon);
    m = s.substr(colon + 1);
  } else if (s.size() == 4) {
    h = s.substr(0, 2);
    m = s.substr(2);
  } else {
    h = s;
  }
  const std::string bad =
      "'" + std::string(shown) + "' is not a UTC offset; write +08:00 or -05:30";
  if (!digits(h) || h.size() > 2 || !digits(m) || m.size() != 2)
    return Parsed<minutes>{{}, bad, "bad-time-zone"};
  const int total = to_int(h) * 60 + to_int(m);
  if (to_int(m) >= 60 || total > 14 * 60) {
    return Parsed<minutes>{
        {}, "UTC offset '" + std::string(shown) + "' is beyond +-14:00", "bad-time-zone"};
  }
  return Parsed<minutes>{minutes(sign * total), {}, {}};
}

}  // namespace

Parsed<minutes> parse_fixed_time_zone(std::string_view text) {
  for (const NamedZone& z : kZones) {
    if (text == z.name) return {minutes(z.offset_minutes), {}, {}};
  }
  if (auto offset = parse_offset(text, text)) return *offset;
  for (std::string_view prefix : {"UTC", "GMT"}) {
    if (text.size() > prefix.size() && text.substr(0, prefix.size()) == prefix) {
      if (auto offset = parse_offset(text.substr(prefix.size()), text)) return *offset;
    }
  }
  std::string message = "time zone '" + std::string(text) + "' is not supported";
  if (auto near = closest_match(text, fixed_time_zone_names())) {
    message += " (did you mean '" + *near + "'?)";
  } else {
    message +=
        ": calendars take a fixed UTC offset such as +08:00, or a zone without daylight saving "
        "time (Asia/Shanghai, Asia/Hong_Kong, Asia/Taipei, Asia/Singapore, Asia/Tokyo, UTC ...); "
        "zones with daylight saving time are not supported yet";
  }
  return {std::nullopt, message, "unknown-time-zone"};
}

const std::vector<std::string>& fixed_time_zone_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const NamedZone& z : kZones) names.emplace_back(z.name);
    return names;
  }();
  return kNames;
}

}  // namespace propdesk
