// Times as the desk reads them: local time in Asia/Shanghai (+08:00, no daylight saving).
#pragma once

#include <chrono>
#include <string>

#include "propdesk/value.hpp"

namespace propdesk::cli {

/// The desk's offset from UTC.
inline constexpr std::chrono::hours kDeskOffset{8};

/// "2026-11-26 08:30" in the desk's local time.
std::string format_local(TimePoint t);
/// "08:30" in the desk's local time.
std::string format_local_clock(TimePoint t);
/// "2026-11-26T08:30:00+08:00".
std::string format_local_iso(TimePoint t);

}  // namespace propdesk::cli
