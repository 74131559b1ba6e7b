// A cursor over JSON text in the exact shape propdesk's own encoders write it (no whitespace, the
// escapes JSON requires, integers as plain digits), for the decoders' fast paths. Every reader
// returns false on anything else - \u escapes, whitespace, leading zeros, integers that do not fit,
// invalid UTF-8 - without saying why: the caller then decodes the text with the general JSON
// parser, which accepts what it should and words the errors. So the fast path never accepts text
// the general parser would refuse, nor reads any text differently.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

#include "model/utf8.hpp"

namespace propdesk {

class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) : text_(text) {}

  [[nodiscard]] bool at_end() const { return pos_ == text_.size(); }
  [[nodiscard]] bool peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  [[nodiscard]] char next() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  /// Consumes `c` if it comes next.
  bool eat(char c) {
    if (!peek(c)) return false;
    ++pos_;
    return true;
  }

  /// Consumes `word` (a literal such as `null`, or `"name":`) if it comes next.
  bool eat(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  /// A string (quotes included): its bytes unescaped into `out`. Refuses \u escapes, control
  /// characters and text that is not valid UTF-8.
  bool string(std::string& out) {
    if (!eat('"')) return false;
    out.clear();
    std::size_t plain = pos_;
    for (;;) {
      if (pos_ >= text_.size()) return false;
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') break;
      if (c < 0x20) return false;
      if (c != '\\') {
        ++pos_;
        continue;
      }
      out.append(text_, plain, pos_ - plain);
      if (pos_ + 1 >= text_.size()) return false;
      switch (text_[pos_ + 1]) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        default: return false;  // \u and anything else: the general parser
      }
      pos_ += 2;
      plain = pos_;
    }
    out.append(text_, plain, pos_ - plain);
    ++pos_;  // the closing quote
    return !find_invalid_utf8(out);
  }

  /// A JSON number token: its text, and whether it is an integer (no fraction, no exponent).
  /// Refuses leading zeros and malformed numbers.
  bool number(std::string_view& token, bool& integer) {
    const std::size_t start = pos_;
    eat('-');
    if (!digits(/*leading_zero_ok=*/false)) return false;
    integer = true;
    if (eat('.')) {
      integer = false;
      if (!digits(true)) return false;
    }
    if (peek('e') || peek('E')) {
      integer = false;
      ++pos_;
      if (!eat('+')) eat('-');
      if (!digits(true)) return false;
    }
    token = text_.substr(start, pos_ - start);
    return true;
  }

  /// An integer of 64 bits written as an integer (not "-0", which the encoders never write).
  bool int64(std::int64_t& out) {
    std::string_view token;
    bool integer = false;
    if (!number(token, integer) || !integer || token == "-0") return false;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), out);
    return error == std::errc() && end == token.data() + token.size();
  }

  /// An unsigned integer of 64 bits.
  bool uint64(std::uint64_t& out) {
    if (peek('-')) return false;
    std::string_view token;
    bool integer = false;
    if (!number(token, integer) || !integer) return false;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), out);
    return error == std::errc() && end == token.data() + token.size();
  }

  /// `true` or `false`.
  bool boolean(bool& out) {
    if (eat(std::string_view("true"))) {
      out = true;
      return true;
    }
    if (eat(std::string_view("false"))) {
      out = false;
      return true;
    }
    return false;
  }

 private:
  // One or more digits; with !leading_zero_ok, a 0 must stand alone.
  bool digits(bool leading_zero_ok) {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    if (pos_ == start) return false;
    return leading_zero_ok || text_[start] != '0' || pos_ - start == 1;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace propdesk
