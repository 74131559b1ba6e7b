// find_invalid_utf8: the first ill-formed byte wherever it falls relative to the eight-byte ASCII
// steps (before, inside, at the end of a word; after multi-byte characters that shift the
// alignment), and nothing in well-formed text of any mix.
#include "model/utf8.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace propdesk {
namespace {

// Ill-formed sequences and where in them the first bad byte is (its offset in the sequence).
struct Bad {
  std::string bytes;
  std::size_t at;
  const char* what;
};

const std::vector<Bad>& bad_sequences() {
  static const std::vector<Bad> kBad = {
      {"\x80", 0, "a lone continuation byte"},
      {"\xC0\xAF", 0, "an overlong '/'"},
      {"\xC1\xBF", 0, "an overlong two-byte form"},
      {"\xE0\x80\xAF", 0, "an overlong three-byte form"},
      {"\xED\xA0\x80", 0, "a surrogate"},
      {"\xF4\x90\x80\x80", 0, "above U+10FFFF"},
      {"\xF5\x80\x80\x80", 0, "a byte that never starts a sequence"},
      {"\xFF", 0, "0xFF"},
      {"\xE6\xBC", 0, "a truncated three-byte character"},
      {"\xE6" "a", 0, "a lead byte followed by ASCII"},
  };
  return kBad;
}

// Well-formed pieces of different lengths, to shift the alignment of what follows.
const std::vector<std::string>& good_pieces() {
  static const std::vector<std::string> kGood = {
      "a", "0123456789", "\xC3\xA9" /* é */, "\xE6\xBC\x8F" /* 漏 */,
      "\xF0\x9F\x8F\xA0" /* 🏠 */, "1-1-101 ", "\x7F",
  };
  return kGood;
}

TEST(Utf8, WellFormedTextOfEveryMixHasNoInvalidByte) {
  EXPECT_EQ(find_invalid_utf8(""), std::nullopt);
  for (const std::string& a : good_pieces())
    for (const std::string& b : good_pieces())
      for (int repeat = 0; repeat < 20; ++repeat) {
        std::string text;
        for (int k = 0; k <= repeat; ++k) text += (k % 2 == 0 ? a : b);
        EXPECT_EQ(find_invalid_utf8(text), std::nullopt) << text;
      }
  EXPECT_EQ(find_invalid_utf8("\xE6\xBC\x8F\xE6\xB0\xB4, 3-2-1502, \xE8\xAF\xB7\xE5\x9C\xA8"),
            std::nullopt);
}

TEST(Utf8, TheFirstBadByteIsFoundAtEveryOffset) {
  for (const Bad& bad : bad_sequences()) {
    for (const std::string& lead : good_pieces()) {
      for (std::size_t ascii = 0; ascii <= 24; ++ascii) {
        // Well-formed text (ASCII, then one multi-byte piece to shift the alignment), the bad
        // sequence, then more text that is long enough for whole eight-byte words.
        const std::string before = std::string(ascii, 'x') + lead;
        const std::string text = before + bad.bytes + "tail tail tail tail" + bad.bytes;
        EXPECT_EQ(find_invalid_utf8(text), before.size() + bad.at)
            << bad.what << " after " << before.size() << " bytes";
      }
    }
  }
}

TEST(Utf8, ABadByteInTheLastPartialWordIsFound) {
  for (std::size_t n = 1; n <= 17; ++n) {
    std::string text(n, 'a');
    text.back() = '\x80';
    EXPECT_EQ(find_invalid_utf8(text), n - 1) << n;
    text.back() = '\xE6';  // a lead byte with nothing after it
    EXPECT_EQ(find_invalid_utf8(text), n - 1) << n;
  }
}

}  // namespace
}  // namespace propdesk
