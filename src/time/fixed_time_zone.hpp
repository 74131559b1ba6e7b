// Time zones a calendar accepts: a fixed offset from UTC, written as an offset or as the name of
// a zone without daylight saving time.
//
// Calendars keep one offset for all dates, so a zone whose offset changes during the year
// (daylight saving time: Europe/Berlin, America/New_York ...) is refused with a message that says
// so, rather than being wrong for half the year.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "time/calendar_notation.hpp"

namespace propdesk {

/// "Asia/Shanghai", "UTC", "+08:00", "-05:30", "+0800", "+8", "UTC+8", "UTC+08:00".
/// Offsets lie within -14:00..+14:00.
Parsed<std::chrono::minutes> parse_fixed_time_zone(std::string_view text);

/// The zone names accepted, for did-you-mean hints and the documentation.
const std::vector<std::string>& fixed_time_zone_names();

}  // namespace propdesk
