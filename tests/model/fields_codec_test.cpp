#include "model/fields_codec.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <iterator>
#include <random>

namespace propdesk {
namespace {

using ::testing::HasSubstr;

TimePoint at(int y, unsigned m, unsigned d, int h) {
  using namespace std::chrono;
  return TimePoint{sys_days{year{y} / month{m} / day{d}}} + hours{h};
}

// Value's == treats 1 and 1.0 as equal; the codec must keep them apart.
void expect_same_typed(const Fields& a, const Fields& b) {
  ASSERT_EQ(a.size(), b.size());
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
    EXPECT_EQ(i->first, j->first);
    EXPECT_EQ(i->second.kind(), j->second.kind()) << i->first;
    EXPECT_TRUE(i->second == j->second) << i->first;
  }
}

TEST(FieldsCodec, EncodingIsCanonical) {
  const Fields fields = {
      {"location", "3-2-1502"},
      {"floor", 3},
      {"amount", 12.5},
      {"whole", 2.0},
      {"paid", false},
      {"note", Value()},
      {"due", at(2026, 11, 26, 6)},
  };
  EXPECT_EQ(encode_fields(fields),
            R"({"amount":12.5,"due":{"$time":"2026-11-26T06:00:00Z"},"floor":3,)"
            R"("location":"3-2-1502","note":null,"paid":false,"whole":2.0})");
  EXPECT_EQ(encode_fields({}), "{}");
}

TEST(FieldsCodec, KeysSortBytewise) {
  EXPECT_EQ(encode_fields({{"b", 1}, {"a", 2}, {"B", 3}, {"é", 4}}),
            R"({"B":3,"a":2,"b":1,"é":4})");
}

// The encoder writes JSON by hand; its bytes must be exactly nlohmann's dump of the same object.
TEST(FieldsCodec, EncodingEqualsNlohmannDump) {
  Fields fields;
  nlohmann::json expected = nlohmann::json::object();
  auto add = [&](const std::string& key, const Value& value, nlohmann::json json) {
    fields[key] = value;
    expected[key] = std::move(json);
  };
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls.push_back(static_cast<char>(c));
  add("controls", controls, controls);
  add("specials", "\"quoted\" back\\slash / del \x7F", "\"quoted\" back\\slash / del \x7F");
  add("unicode", "维修 \xF0\x9F\x94\xA7 é", "维修 \xF0\x9F\x94\xA7 é");
  add("key \"with\" \n escapes", 1, 1);
  add("time", at(2026, 11, 26, 6), {{"$time", "2026-11-26T06:00:00Z"}});
  add("null", Value(), nullptr);
  add("yes", true, true);
  std::mt19937_64 rng(42);
  const double fixed[] = {0.0,
                          -0.0,
                          0.1,
                          1.0,
                          -2.5,
                          1e-7,
                          1e5,
                          1e15,
                          1e16,
                          1e21,
                          1e22,
                          123456789012.0,
                          5e-324,
                          1.7976931348623157e308,
                          2.2250738585072014e-308,
                          0.30000000000000004};
  int n = 0;
  for (const double d : fixed) add("d" + std::to_string(n++), d, d);
  for (int i = 0; i < 200; ++i) {
    double d;
    do {
      const std::uint64_t bits = rng();
      std::memcpy(&d, &bits, sizeof d);
    } while (!std::isfinite(d));
    add("d" + std::to_string(n++), d, d);
    const auto k = static_cast<std::int64_t>(rng());
    add("i" + std::to_string(i), k, k);
  }
  EXPECT_EQ(encode_fields(fields), expected.dump());
  expect_same_typed(decode_fields(encode_fields(fields)), fields);
}

TEST(FieldsCodec, RoundTripKeepsEveryKind) {
  const Fields fields = {
      {"int", 1},
      {"number", 1.0},
      {"negative", -0.125},
      {"tiny", 5e-324},
      {"huge", 1.7976931348623157e308},
      {"max", std::numeric_limits<std::int64_t>::max()},
      {"min", std::numeric_limits<std::int64_t>::min()},
      {"string_one", "1"},
      {"string_true", "true"},
      {"string_null", "null"},
      {"empty", ""},
      {"bool", true},
      {"null", Value()},
      {"time", at(2026, 11, 26, 6)},
      {"epoch", TimePoint{}},
      {"chinese", "三号楼二单元 1502 室，厨房水管漏水"},
      {"escapes", "quote \" backslash \\ newline \n tab \t nul \0 end"},
      {"looks_like_time", R"({"$time":"2026-11-26T06:00:00Z"})"},
      {"emoji", "\xF0\x9F\x94\xA7"},
  };
  expect_same_typed(decode_fields(encode_fields(fields)), fields);
}

TEST(FieldsCodec, EmbeddedNulSurvives) {
  const std::string with_nul("a\0b", 3);
  const Fields decoded = decode_fields(encode_fields({{"x", with_nul}}));
  EXPECT_EQ(decoded.at("x").as_string(), with_nul);
}

TEST(FieldsCodec, RefusesInvalidUtf8NamingTheField) {
  try {
    encode_fields({{"description", std::string("pipe \xFF leaks")}});
    FAIL() << "expected FieldsCodecError";
  } catch (const FieldsCodecError& e) {
    EXPECT_THAT(e.what(), HasSubstr("field 'description'"));
    EXPECT_THAT(e.what(), HasSubstr("not valid UTF-8 (bad byte at offset 5)"));
  }
  for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80"})
    EXPECT_THROW(encode_fields({{"x", std::string(bad)}}), FieldsCodecError) << bad;
  EXPECT_THROW(encode_fields({{std::string("k\xFF"), 1}}), FieldsCodecError);
}

TEST(FieldsCodec, RefusesNumbersJsonCannotHold) {
  EXPECT_THROW(encode_fields({{"x", std::numeric_limits<double>::quiet_NaN()}}), FieldsCodecError);
  EXPECT_THROW(encode_fields({{"x", std::numeric_limits<double>::infinity()}}), FieldsCodecError);
  EXPECT_THROW(encode_fields({{"x", -std::numeric_limits<double>::infinity()}}), FieldsCodecError);
}

TEST(FieldsCodec, RefusesTimesOutsideFourDigitYears) {
  using namespace std::chrono;
  EXPECT_NO_THROW(encode_fields({{"t", at(9999, 12, 31, 23) + minutes{59} + seconds{59}}}));
  EXPECT_NO_THROW(encode_fields({{"t", at(0, 1, 1, 0)}}));
  EXPECT_THROW(encode_fields({{"t", at(10000, 1, 1, 0)}}), FieldsCodecError);
  EXPECT_THROW(encode_fields({{"t", at(-1, 12, 31, 23)}}), FieldsCodecError);
  EXPECT_THROW(encode_fields({{"t", TimePoint{seconds{std::numeric_limits<std::int64_t>::max()}}}}),
               FieldsCodecError);
}

TEST(FieldsCodec, DecodeAcceptsAnyKeyOrderAndWhitespace) {
  const Fields fields =
      decode_fields(R"( { "b" : 1 , "a" : { "$time" : "2026-11-26T06:00:00Z" } } )");
  EXPECT_EQ(fields.at("b").kind(), Value::Kind::kInt);
  EXPECT_EQ(fields.at("a").as_time(), at(2026, 11, 26, 6));
}

TEST(FieldsCodec, DecodeRefusesWhatNoEncodingProduces) {
  for (const char* bad : {
           "",
           "not json",
           "[1,2]",
           "42",
           R"({"a":[1]})",
           R"({"a":{"other":1}})",
           R"({"a":{"$time":"tomorrow"}})",
           R"({"a":{"$time":1}})",
           R"({"a":{"$time":"2026-11-26T06:00:00Z","x":1}})",
           R"({"a":18446744073709551615})",
           "{\"a\":\"\xFF\"}",
           R"({"a":1)",
       })
    EXPECT_THROW(decode_fields(bad), FieldsCodecError) << bad;
}

// Decoding reads the canonical form directly and anything else with the general JSON parser. A
// space after the opening brace is not canonical, so it sends the same text to the general
// parser: both paths must give the same Fields, and refuse the same texts.
Fields decode_generally(const std::string& canonical) {
  return decode_fields("{ " + canonical.substr(1));
}

TEST(FieldsCodec, FastPathAndGeneralParserAgree) {
  std::mt19937_64 rng(20261127);
  const char* strings[] = {"", "3-2-1201", "漏水 \" \\ \n\t\b\f\r", "\x01\x1f ctl", "$time", "\xF0\x9F\x94\xA7",
                           "/ slash", "a\0b"};
  for (int round = 0; round < 300; ++round) {
    Fields fields;
    const int n = static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i) {
      const std::string key = std::string(strings[rng() % std::size(strings)]) + std::to_string(rng() % 50);
      switch (rng() % 7) {
        case 0: fields[key] = Value(); break;
        case 1: fields[key] = rng() % 2 == 0; break;
        case 2: fields[key] = static_cast<std::int64_t>(rng()) >> (rng() % 64); break;
        case 3: {
          double d = 0;
          do {
            const std::uint64_t bits = rng();
            std::memcpy(&d, &bits, sizeof d);
          } while (!std::isfinite(d));
          fields[key] = rng() % 3 == 0 ? static_cast<double>(static_cast<int>(rng() % 100)) : d;
          break;
        }
        case 4: fields[key] = std::string(strings[rng() % std::size(strings)]); break;
        case 5: fields[key] = TimePoint{std::chrono::seconds{static_cast<std::int64_t>(rng() % 253402300799)}}; break;
        default: fields[key] = static_cast<std::int64_t>(rng() % 2000) - 1000; break;
      }
    }
    const std::string text = encode_fields(fields);
    const Fields fast = decode_fields(text);
    expect_same_typed(fast, fields);
    expect_same_typed(decode_generally(text), fast);
  }
  // Near the edges of what the fast path reads itself (18 digits) and beyond.
  for (const char* text :
       {R"({"a":999999999999999999})", R"({"a":-999999999999999999})", R"({"a":1000000000000000000})",
        R"({"a":9223372036854775807})", R"({"a":-9223372036854775808})", R"({"a":0})", R"({"a":-0})",
        R"({"a":-0.0})", R"({"a":1e+300})", R"({"a":1E5})", R"({"a":2.5e-3})", R"({"a":"\/"})",
        R"({"a":"\u00e9"})", R"({"a":"\u0001"})", R"({"a":1,"b":2})", R"({"b":1,"a":2})",
        R"({"a":1,"a":2})", R"({"a":{"$time":"2026-11-26T14:00:00+08:00"}})"}) {
    const Fields fast = decode_fields(text);
    expect_same_typed(decode_generally(text), fast);
  }
  // Refused by both.
  for (const char* bad : {R"({"a":01})", R"({"a":1.})", R"({"a":.5})", R"({"a":1e})", R"({"a":--1})",
                          R"({"a":tru})", R"({"a":"x)", R"({"a":1,})", R"({"a":1}x)", R"({,"a":1})",
                          R"({"a":1e999})", R"({"a":{"$time":"2026-11-26T06:00:00Z"})",
                          "{\"a\":\"\x01\"}", R"({"a":"\x"})"}) {
    EXPECT_THROW(decode_fields(bad), FieldsCodecError) << bad;
    EXPECT_THROW(decode_generally(bad), FieldsCodecError) << bad;
  }
}

}  // namespace
}  // namespace propdesk
