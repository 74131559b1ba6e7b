#include "email/encoded_words.hpp"

#include <algorithm>

#include "common/base64.hpp"
#include "common/utf8_boundary.hpp"

namespace propdesk::plugins {

namespace {
// 42 bytes are 56 Base64 characters: a word of 68, and "Subject: " + word stays within 78.
constexpr std::size_t kBytesPerWord = 42;
}  // namespace

std::string encoded_words(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    std::size_t n = utf8_boundary(text, kBytesPerWord);
    if (n == 0) n = std::min(text.size(), kBytesPerWord);  // not UTF-8: never an endless loop
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
  }
  return out;
}

}  // namespace propdesk::plugins
