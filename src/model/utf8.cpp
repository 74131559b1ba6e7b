#include "model/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace propdesk {

namespace {
// The length of the well-formed sequence at s[i] (RFC 3629 table), or 0 when there is none.
std::size_t well_formed_length(const unsigned char* s, std::size_t n, std::size_t i) {
  const unsigned char c = s[i];
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > n) return 0;
  if (s[i + 1] < lo || s[i + 1] > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if (s[i + k] < 0x80 || s[i + k] > 0xBF) return 0;
  return len;
}
}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  for (std::size_t i = 0; i < text.size();) {
    // Eight ASCII bytes at a time (most of what a ticket holds: names, codes, states, JSON).
    std::uint64_t word = 0;
    if (i + sizeof word <= text.size()) {
      std::memcpy(&word, s + i, sizeof word);
      if ((word & kHighBits) == 0) {
        i += sizeof word;
        continue;
      }
    }
    const std::size_t len = well_formed_length(s, text.size(), i);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

std::size_t utf8_char_length(std::string_view text, std::size_t i) {
  const std::size_t len =
      well_formed_length(reinterpret_cast<const unsigned char*>(text.data()), text.size(), i);
  return len == 0 ? 1 : len;
}

std::vector<std::string_view> split_utf8_characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = utf8_char_length(text, i);
    out.push_back(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace propdesk
