#include "model/sla_state_codec.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <iterator>
#include <random>

namespace propdesk {
namespace {

using ::testing::HasSubstr;
using Phase = SlaClockState::Phase;

TimePoint at(std::int64_t seconds) { return TimePoint{Duration{seconds}}; }

SlaClockState running() {
  SlaClockState c;
  c.name = "response";
  c.phase = Phase::kRunning;
  c.started_at = at(1795658400);
  c.since = at(1795658400);
  c.elapsed = Duration{0};
  c.target = Duration{7200};
  c.due = at(1795665600);
  return c;
}

// The message of the SlaStateCodecError that decoding `text` throws ("" if it decodes).
std::string decode_error(std::string_view text) {
  try {
    (void)decode_sla_states(text);
  } catch (const SlaStateCodecError& e) {
    return e.what();
  }
  return "";
}

TEST(SlaStateCodec, EncodingIsTheDocumentedJson) {
  EXPECT_EQ(encode_sla_states({}), "[]");
  EXPECT_EQ(encode_sla_states({running()}),
            R"([{"name":"response","phase":"running","started_at":1795658400,)"
            R"("since":1795658400,"elapsed":0,"target":7200,"due":1795665600,"warned":false,)"
            R"("breached":false,"steps_done":0}])");
  SlaClockState paused = running();
  paused.name = "resolve \"fix\"\n";
  paused.phase = Phase::kPaused;
  paused.due.reset();
  paused.warned = true;
  paused.steps_done = 5;
  EXPECT_EQ(encode_sla_states({paused}),
            R"([{"name":"resolve \"fix\"\n","phase":"paused","started_at":1795658400,)"
            R"("since":1795658400,"elapsed":0,"target":7200,"due":null,"warned":true,)"
            R"("breached":false,"steps_done":5}])");
}

TEST(SlaStateCodec, EveryMemberRoundTripsAtItsExtremes) {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  SlaClockState a = running();
  a.name = "响应 · 48h";
  a.started_at = at(kMin);
  a.since = at(kMax);
  a.elapsed = Duration{kMin};
  a.target = Duration{kMax};
  a.due = at(-1);
  a.warned = true;
  a.breached = true;
  a.steps_done = std::numeric_limits<std::uint64_t>::max();  // the high bit set, and all others
  SlaClockState b = running();
  b.phase = Phase::kPaused;
  b.due.reset();
  b.steps_done = std::uint64_t{1} << 63;
  SlaClockState c = running();
  c.phase = Phase::kStopped;
  c.name = "";
  c.due = at(0);
  c.elapsed = Duration{-5};
  const std::vector<SlaClockState> clocks = {a, b, c};
  const std::string text = encode_sla_states(clocks);
  EXPECT_EQ(decode_sla_states(text), clocks);
  EXPECT_EQ(encode_sla_states(decode_sla_states(text)), text);  // deterministic
  EXPECT_THAT(text, HasSubstr("\"steps_done\":18446744073709551615"));
  EXPECT_THAT(text, HasSubstr("\"steps_done\":9223372036854775808"));
  EXPECT_TRUE(decode_sla_states("[]").empty());
}

TEST(SlaStateCodec, RandomListsRoundTrip) {
  std::mt19937_64 rng(20261126);
  const Phase phases[] = {Phase::kRunning, Phase::kPaused, Phase::kStopped};
  for (int round = 0; round < 200; ++round) {
    std::vector<SlaClockState> clocks(rng() % 5);
    for (SlaClockState& c : clocks) {
      c.name = "clock-" + std::to_string(rng() % 1000);
      c.phase = phases[rng() % 3];
      c.started_at = at(static_cast<std::int64_t>(rng()));
      c.since = at(static_cast<std::int64_t>(rng()));
      c.elapsed = Duration{static_cast<std::int64_t>(rng())};
      c.target = Duration{static_cast<std::int64_t>(rng())};
      if (rng() % 2) c.due = at(static_cast<std::int64_t>(rng()));
      c.warned = rng() % 2;
      c.breached = rng() % 2;
      c.steps_done = rng();
    }
    const std::string text = encode_sla_states(clocks);
    ASSERT_EQ(decode_sla_states(text), clocks) << text;
  }
}

// Decoding reads the form encode_sla_states() writes directly and anything else with the general
// JSON parser; a space after the opening bracket sends the same text to the latter. Both must
// agree.
TEST(SlaStateCodec, FastPathAndGeneralParserAgree) {
  std::mt19937_64 rng(20261127);
  const Phase phases[] = {Phase::kRunning, Phase::kPaused, Phase::kStopped};
  const char* names[] = {"response", "回访", "quote \" back \\ nl \n", "ctl \x01", ""};
  for (int round = 0; round < 300; ++round) {
    std::vector<SlaClockState> clocks(rng() % 4 + 1);
    for (SlaClockState& c : clocks) {
      c.name = names[rng() % std::size(names)];
      c.phase = phases[rng() % 3];
      c.started_at = at(static_cast<std::int64_t>(rng()) >> (rng() % 64));
      c.since = at(static_cast<std::int64_t>(rng()));
      c.elapsed = Duration{static_cast<std::int64_t>(rng()) >> (rng() % 64)};
      c.target = Duration{static_cast<std::int64_t>(rng() % 100000)};
      if (rng() % 2) c.due = at(static_cast<std::int64_t>(rng()));
      c.warned = rng() % 2;
      c.breached = rng() % 2;
      c.steps_done = rng() >> (rng() % 64);
    }
    const std::string text = encode_sla_states(clocks);
    ASSERT_EQ(decode_sla_states(text), clocks) << text;
    ASSERT_EQ(decode_sla_states("[ " + text.substr(1)), clocks) << text;
  }
  const std::string good = encode_sla_states({running()});
  for (const std::string& bad :
       {good.substr(0, good.size() - 1), good + "x", good.substr(0, good.size() - 1) + ",]",
        std::string(R"([{"name":"x","phase":"walking","started_at":1,"since":1,"elapsed":0,)"
                    R"("target":0,"due":null,"warned":false,"breached":false,"steps_done":0}])"),
        std::string(R"([{"name":"x","phase":"running","started_at":1,"since":1,"elapsed":0,)"
                    R"("target":0,"due":null,"warned":false,"breached":false,"steps_done":-1}])"),
        std::string(R"([{"name":"x","phase":"running","started_at":01,"since":1,"elapsed":0,)"
                    R"("target":0,"due":null,"warned":false,"breached":false,"steps_done":0}])"),
        std::string(R"([{"name":"x","phase":"running","started_at":1.5,"since":1,"elapsed":0,)"
                    R"("target":0,"due":null,"warned":false,"breached":false,"steps_done":0}])"),
        std::string(R"([{"name":"x","phase":"running","started_at":1,"since":1,"elapsed":0,)"
                    R"("target":0,"due":null,"warned":false,"breached":false,"steps_done":0,"x":1}])")}) {
    EXPECT_THROW(decode_sla_states(bad), SlaStateCodecError) << bad;
    EXPECT_THROW(decode_sla_states("[ " + bad.substr(1)), SlaStateCodecError) << bad;
  }
}

TEST(SlaStateCodec, DecodingAcceptsAnyMemberOrderAndWhitespace) {
  const std::vector<SlaClockState> decoded = decode_sla_states(
      R"( [ { "steps_done" : 3, "breached": true, "warned": false, "due": null, "target": 60,
              "elapsed": 30, "since": 100, "started_at": 50, "phase": "stopped",
              "name": "x" } ] )");
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_EQ(decoded[0].name, "x");
  EXPECT_EQ(decoded[0].phase, Phase::kStopped);
  EXPECT_EQ(decoded[0].started_at, at(50));
  EXPECT_EQ(decoded[0].since, at(100));
  EXPECT_EQ(decoded[0].elapsed, Duration{30});
  EXPECT_EQ(decoded[0].target, Duration{60});
  EXPECT_EQ(decoded[0].due, std::nullopt);
  EXPECT_TRUE(decoded[0].breached);
  EXPECT_EQ(decoded[0].steps_done, 3u);
}

TEST(SlaStateCodec, RefusesWhatCannotBeEncoded) {
  SlaClockState bad_name = running();
  bad_name.name = "bad \xC3";
  try {
    (void)encode_sla_states({running(), bad_name});
    ADD_FAILURE() << "expected an SlaStateCodecError";
  } catch (const SlaStateCodecError& e) {
    EXPECT_THAT(e.what(), HasSubstr("clock 2: the name is not valid UTF-8 (bad byte at offset 4)"));
  }
  SlaClockState bad_phase = running();
  bad_phase.phase = static_cast<Phase>(7);
  try {
    (void)encode_sla_states({bad_phase});
    ADD_FAILURE() << "expected an SlaStateCodecError";
  } catch (const SlaStateCodecError& e) {
    EXPECT_THAT(e.what(), HasSubstr("clock 1 ('response'): phase 7 is not a phase"));
  }
}

TEST(SlaStateCodec, MalformedTextIsRefusedWithWhereAndWhat) {
  // A valid clock with one member replaced.
  const auto with = [](std::string_view member, std::string_view value) {
    std::string text = encode_sla_states({running()});
    const std::string key = "\"" + std::string(member) + "\":";
    const std::size_t start = text.find(key) + key.size();
    const std::size_t end = text.find_first_of(",}", start);
    return text.replace(start, end - start, value);
  };
  const auto without = [](std::string_view member) {
    std::string text = encode_sla_states({running()});
    const std::size_t start = text.find("\"" + std::string(member) + "\":");
    const std::size_t end = text.find_first_of(",}", start);
    return text.erase(start, end - start + (text[end] == ',' ? 1 : 0));
  };
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"", "malformed"},
      {"[", "malformed"},
      {"[{\"name\":\"a\"", "malformed"},
      {"{}", "not an array but object"},
      {"null", "not an array but null"},
      {"[1]", "clock 1: not an object but number"},
      {"[\"x\"]", "clock 1: not an object but string"},
      {"[\"\xC3\"]", "malformed"},  // ill-formed UTF-8
      {std::string(10000, '['), "malformed"},
      {without("phase"), "clock 1 ('response'): member 'phase' is missing"},
      {without("due"), "member 'due' is missing"},
      {without("name"), "clock 1: member 'name' is missing"},
      {with("name", "7"), "name is not a string"},
      {with("phase", "\"late\""), "phase 'late' is not running, paused or stopped"},
      {with("phase", "1"), "phase is not a string"},
      {with("started_at", "\"1795658400\""), "started_at is not an integer of 64 bits"},
      {with("since", "1.5"), "since is not an integer of 64 bits"},
      {with("elapsed", "9223372036854775808"), "elapsed is not an integer of 64 bits"},
      {with("target", "null"), "target is not an integer of 64 bits"},
      {with("due", "true"), "due is not an integer of 64 bits"},
      {with("warned", "1"), "warned is not true or false"},
      {with("breached", "null"), "breached is not true or false"},
      {with("steps_done", "-1"), "steps_done is not an unsigned integer of 64 bits"},
      {with("steps_done", "18446744073709551616"),
       "steps_done is not an unsigned integer of 64 bits"},
      {with("steps_done", "1e3"), "steps_done is not an unsigned integer of 64 bits"},
      {with("target", "7200,\"extra\":1"), "clock 1 ('response'): unknown member 'extra'"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(decode_error(c.text), HasSubstr(c.message)) << c.text.substr(0, 200);
  }
  // The second clock is named when it is the broken one.
  std::string two = encode_sla_states({running(), running()});
  two.replace(two.rfind("\"warned\":false"), 14, "\"warned\":0");
  EXPECT_THAT(decode_error(two), HasSubstr("clock 2 ('response'): warned is not true or false"));
}

}  // namespace
}  // namespace propdesk
