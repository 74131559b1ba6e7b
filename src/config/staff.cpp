#include "propdesk/staff.hpp"

#include <algorithm>

namespace propdesk {

namespace {
bool is_letter_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
}  // namespace

bool is_valid_staff_id(std::string_view id) {
  if (id.empty() || id.size() > 128 || !is_letter_or_digit(id[0])) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return is_letter_or_digit(c) || c == '_' || c == '.' || c == '@' || c == '-'; });
}

}  // namespace propdesk
