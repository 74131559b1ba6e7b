#include "common/utf8_boundary.hpp"

namespace propdesk::plugins {

std::size_t utf8_boundary(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text.size();
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0U) == 0x80U) --n;
  // A run of continuation bytes longer than any character (not UTF-8): cut where asked.
  return max - n > 3 ? max : n;
}

}  // namespace propdesk::plugins
