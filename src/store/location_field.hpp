// The field that location queries look at.
#pragma once

#include <string>
#include <string_view>

#include "propdesk/ticket.hpp"

namespace propdesk {

inline constexpr std::string_view kLocationField = "location";

/// The ticket's string field "location", or nullptr when it is missing or not a string.
inline const std::string* location_of(const Fields& fields) {
  const auto it = fields.find(kLocationField);
  if (it == fields.end() || it->second.kind() != Value::Kind::kString) return nullptr;
  return &it->second.as_string();
}

}  // namespace propdesk
