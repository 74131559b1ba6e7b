// Human-readable ticket codes: "<prefix>-<YYYYMMDD>-<NNNN>", per prefix per business day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "propdesk/value.hpp"

namespace propdesk {

/// 1-16 characters of A-Z, a-z, 0-9 and '_'.
bool valid_code_prefix(std::string_view prefix);

/// The desk's business day of `t` as "YYYYMMDD": the calendar date at UTC+8 (Asia/Shanghai, no
/// daylight saving). nullopt outside the years 0000-9999.
std::optional<std::string> business_day(TimePoint t);

/// "BX-20261126-0001" from ("BX", "20261126", 1); at least four digits.
std::string format_ticket_code(std::string_view prefix, std::string_view day, std::int64_t number);

}  // namespace propdesk
