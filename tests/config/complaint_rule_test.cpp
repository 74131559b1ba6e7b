// The complaint severity rule: each criterion and the reason it gives, the repeat count at and
// below its threshold, and input that must not hurt it.
#include "propdesk/complaint_rule.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace propdesk {
namespace {

using namespace std::chrono_literals;

TimePoint at(std::string_view local) {
  auto t = parse_time(local);
  EXPECT_TRUE(t.has_value()) << local;
  return t.value_or(TimePoint{});
}

// The desk's tickets as RuleContext promises them: by workflow and exact "location", created at or
// after `since`, oldest first, at most `limit`. Counts the questions; can be made to fail.
class DeskTickets final : public RuleContext {
 public:
  std::vector<Ticket> tickets;
  bool fail = false;
  mutable std::atomic<int> asked{0};

  [[nodiscard]] TimePoint now() const override { return at("2026-11-30 12:00"); }

  [[nodiscard]] std::vector<Ticket> tickets_at(std::string_view workflow, std::string_view location,
                                               TimePoint since, std::size_t limit) const override {
    ++asked;
    if (fail) throw std::runtime_error("database is locked");
    std::vector<Ticket> out;
    for (const Ticket& t : tickets) {
      const auto it = t.fields.find("location");
      if (t.workflow != workflow || it == t.fields.end() ||
          it->second.kind() != Value::Kind::kString || it->second.as_string() != location ||
          t.created_at < since)
        continue;
      out.push_back(t);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Ticket& a, const Ticket& b) { return a.created_at < b.created_at; });
    if (out.size() > limit) out.resize(limit);
    return out;
  }
};

Ticket complaint(TicketId id, std::string_view created, Fields fields) {
  Ticket t;
  t.id = id;
  t.workflow = "complaint";
  t.state = "registered";
  t.created_at = at(created);
  t.updated_at = t.created_at;
  t.fields = std::move(fields);
  return t;
}

ComplaintRuleConfig keywords(std::vector<std::string> words) {
  ComplaintRuleConfig c;
  c.name = "complaint_severity";
  c.keywords = std::move(words);
  return c;
}

SeverityVerdict classify(const ComplaintRuleConfig& config, const Ticket& t) {
  const DeskTickets none;
  return ComplaintRule(config).classify(t, none);
}

void expect_major(const SeverityVerdict& v, std::string_view reason) {
  EXPECT_TRUE(v.major) << "general; expected: " << reason;
  EXPECT_EQ(v.reason, reason);
}

void expect_general(const SeverityVerdict& v) {
  EXPECT_FALSE(v.major) << v.reason;
  EXPECT_EQ(v.reason, "");
}

// --- keywords --------------------------------------------------------------------------------

TEST(ComplaintRule, KeywordInTheDescription) {
  const auto config = keywords({"燃气", "漏水"});
  expect_major(classify(config, complaint(1, "2026-11-26 09:00", {{"description", "楼上漏水了"}})),
               "keyword '漏水' in description");
  expect_general(
      classify(config, complaint(2, "2026-11-26 09:00", {{"description", "楼道灯坏了"}})));
}

TEST(ComplaintRule, AKeywordMatchesInsideALongerPhrase) {
  const auto config = keywords({"火"});
  for (const char* text : {"昨晚楼道着火了", "地下车库有火灾隐患", "火"}) {
    expect_major(classify(config, complaint(1, "2026-11-26 09:00", {{"description", text}})),
                 "keyword '火' in description");
  }
  // A keyword is matched whole: 电梯困人 is not found in 电梯.
  expect_general(classify(keywords({"电梯困人"}),
                          complaint(1, "2026-11-26 09:00", {{"description", "电梯有异响"}})));
}

TEST(ComplaintRule, FieldsInSearchOrderKeywordsInListOrder) {
  auto config = keywords({"停电", "停水", "漏水"});
  config.search_fields = {"title", "description"};
  // The title is searched first.
  expect_major(classify(config, complaint(1, "2026-11-26 09:00",
                                          {{"title", "漏水"}, {"description", "停电"}})),
               "keyword '漏水' in title");
  // Within a field, the first keyword of the list that occurs, wherever it occurs.
  expect_major(
      classify(config, complaint(1, "2026-11-26 09:00", {{"description", "先停水后来又停电"}})),
      "keyword '停电' in description");
  // A field not searched is not looked at; a searched field that is missing or not text is skipped.
  expect_general(classify(
      config, complaint(1, "2026-11-26 09:00", {{"note", "漏水"}, {"title", std::int64_t{3}}})));
}

TEST(ComplaintRule, AsciiLettersMatchInAnyCase) {
  const auto config = keywords({"Gas", "12345"});
  expect_major(classify(config, complaint(1, "2026-11-26 09:00", {{"description", "GAS leak"}})),
               "keyword 'Gas' in description");
  expect_major(classify(config, complaint(1, "2026-11-26 09:00", {{"description", "打了12345"}})),
               "keyword '12345' in description");
  expect_general(classify(config, complaint(1, "2026-11-26 09:00", {{"description", "ga s"}})));
}

TEST(ComplaintRule, TextThatIsNotUtf8DoesNoHarm) {
  const auto config = keywords({"漏水"});
  // Stray bytes around a keyword: still found.
  expect_major(
      classify(config, complaint(1, "2026-11-26 09:00",
                                 {{"description", "\xff\xfe\xe6\xbc\x8f\xe6\xb0\xb4\xe6"}})),
      "keyword '漏水' in description");
  // A truncated keyword, lone continuation bytes, an empty text: nothing.
  for (const char* text : {"\xe6\xbc\x8f\xe6", "\x80\x80\x80", "", "\xe6"}) {
    expect_general(classify(config, complaint(1, "2026-11-26 09:00", {{"description", text}})));
  }
}

// --- categories, the manager, an earlier breach ---------------------------------------------

TEST(ComplaintRule, MajorCategory) {
  ComplaintRuleConfig config;
  config.name = "r";
  config.major_categories = {"security", "fire"};
  expect_major(classify(config, complaint(1, "2026-11-26 09:00", {{"category", "security"}})),
               "category 'security'");
  expect_general(classify(config, complaint(1, "2026-11-26 09:00", {{"category", "noise"}})));
  expect_general(classify(config, complaint(1, "2026-11-26 09:00", {{"category", true}})));
  config.category_field = "kind";
  expect_major(classify(config, complaint(1, "2026-11-26 09:00", {{"kind", "fire"}})),
               "category 'fire'");
  expect_general(classify(config, complaint(1, "2026-11-26 09:00", {{"category", "fire"}})));
}

TEST(ComplaintRule, TheResidentAskedForTheManager) {
  ComplaintRuleConfig config;
  config.name = "r";
  config.manager_requested_field = "wants_manager";
  expect_major(classify(config, complaint(1, "2026-11-26 09:00", {{"wants_manager", true}})),
               "the resident asked for the manager (wants_manager)");
  expect_general(classify(config, complaint(1, "2026-11-26 09:00", {{"wants_manager", false}})));
  expect_general(classify(config, complaint(1, "2026-11-26 09:00", {{"wants_manager", "true"}})));
  expect_general(classify(config, complaint(1, "2026-11-26 09:00", {})));
}

TEST(ComplaintRule, AnEarlierBreach) {
  ComplaintRuleConfig config;
  config.name = "r";
  config.earlier_breach = true;
  Ticket t = complaint(1, "2026-11-26 09:00", {});
  SlaClockState response;
  response.name = "response";
  response.warned = true;
  t.clocks.push_back(response);
  expect_general(classify(config, t));  // warned is not breached
  SlaClockState resolution;
  resolution.name = "resolution";
  resolution.breached = true;
  t.clocks.push_back(resolution);
  expect_major(classify(config, t), "clock 'resolution' was breached");
  config.earlier_breach = false;
  expect_general(classify(config, t));
}

TEST(ComplaintRule, EveryCheapReasonIsNamedAndTheStoreIsNotAsked) {
  ComplaintRuleConfig config = keywords({"燃气"});
  config.major_categories = {"security"};
  config.manager_requested_field = "wants_manager";
  config.earlier_breach = true;
  config.repeat = ComplaintRuleConfig::Repeat{7 * 24h, 1};
  Ticket t = complaint(1, "2026-11-26 09:00",
                       {{"description", "闻到燃气味"},
                        {"category", "security"},
                        {"wants_manager", true},
                        {"location", "3-2-1502"}});
  SlaClockState response;
  response.name = "response";
  response.breached = true;
  t.clocks.push_back(response);
  DeskTickets desk;
  desk.tickets = {complaint(0, "2026-11-25 09:00", {{"location", "3-2-1502"}})};
  const SeverityVerdict v = ComplaintRule(config).classify(t, desk);
  expect_major(v,
               "keyword '燃气' in description; category 'security'; the resident asked for the "
               "manager (wants_manager); clock 'response' was breached");
  EXPECT_EQ(desk.asked.load(), 0);
}

// --- repeated complaints ---------------------------------------------------------------------

class Repeats : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.name = "complaint_severity";
    config_.repeat = ComplaintRuleConfig::Repeat{7 * 24h, 2};
  }
  Ticket at_1502(TicketId id, std::string_view created) const {
    return complaint(id, created, {{"location", "3-2-1502"}, {"description", "噪音"}});
  }
  SeverityVerdict judge(const Ticket& t) const { return ComplaintRule(config_).classify(t, desk_); }

  ComplaintRuleConfig config_;
  DeskTickets desk_;
};

TEST_F(Repeats, AtTheThreshold) {
  const Ticket t = at_1502(3, "2026-11-26 09:00");
  desk_.tickets = {at_1502(1, "2026-11-20 10:00"), at_1502(2, "2026-11-24 10:00"), t};
  expect_major(judge(t), "3 complaints at 3-2-1502 within 7 days");
  EXPECT_EQ(desk_.asked.load(), 1);
}

TEST_F(Repeats, BelowTheThreshold) {
  const Ticket t = at_1502(3, "2026-11-26 09:00");
  desk_.tickets = {at_1502(2, "2026-11-24 10:00"), t};  // the ticket itself does not count
  expect_general(judge(t));
  EXPECT_EQ(desk_.asked.load(), 1);
}

TEST_F(Repeats, OnlyEarlierComplaintsAtThatLocationWithinTheWindowCount) {
  const Ticket t = at_1502(5, "2026-11-26 09:00");
  Ticket elsewhere = at_1502(2, "2026-11-25 10:00");
  elsewhere.fields["location"] = "3-2-1501";
  Ticket repair = at_1502(3, "2026-11-25 11:00");
  repair.workflow = "repair";
  desk_.tickets = {
      at_1502(1, "2026-11-19 08:59"),  // 7 days and 1 minute before: outside the window
      elsewhere,
      repair,
      at_1502(4, "2026-11-25 12:00"),  // counts
      t,
      at_1502(6, "2026-11-27 09:00"),  // later: does not count
      at_1502(7, "2026-11-28 09:00"),
  };
  expect_general(judge(t));
  // The window is measured back from the ticket's creation, not from now.
  desk_.tickets.push_back(at_1502(8, "2026-11-19 09:00"));  // exactly 7 days before: counts
  expect_major(judge(t), "3 complaints at 3-2-1502 within 7 days");
}

TEST_F(Repeats, SameSecondAndTicketsNotYetStored) {
  const Ticket t = at_1502(5, "2026-11-26 09:00");
  desk_.tickets = {at_1502(6, "2026-11-26 09:00"), at_1502(4, "2026-11-26 09:00"),
                   at_1502(1, "2026-11-25 09:00"), t};
  // Same second: the lower id (4) was first, the higher one (6) came after.
  expect_major(judge(t), "3 complaints at 3-2-1502 within 7 days");
  desk_.tickets.erase(desk_.tickets.begin() + 1);  // without id 4
  expect_general(judge(t));
  // Not stored yet (id 0): everything stored up to that second was earlier.
  expect_major(judge(at_1502(0, "2026-11-26 09:00")), "4 complaints at 3-2-1502 within 7 days");
}

TEST_F(Repeats, ManyEarlierComplaintsSayOrMore) {
  config_.repeat = ComplaintRuleConfig::Repeat{30 * 24h, 1};
  const Ticket t = at_1502(100, "2026-11-26 09:00");
  for (int i = 0; i < 20; ++i) {
    const int day = 2 + i;
    desk_.tickets.push_back(at_1502(
        i + 1, "2026-11-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + " 10:00"));
  }
  desk_.tickets.push_back(t);
  // It looked at 9 (count + 8) and all of them counted: there may be more.
  expect_major(judge(t), "10 or more complaints at 3-2-1502 within 30 days");
}

TEST_F(Repeats, WindowsThatAreNotWholeDays) {
  config_.repeat = ComplaintRuleConfig::Repeat{36h, 1};
  const Ticket t = at_1502(2, "2026-11-26 09:00");
  desk_.tickets = {at_1502(1, "2026-11-25 09:00"), t};
  expect_major(judge(t), "2 complaints at 3-2-1502 within 1d12h");
  config_.repeat = ComplaintRuleConfig::Repeat{24h, 1};
  expect_major(judge(t), "2 complaints at 3-2-1502 within 1 day");
}

TEST_F(Repeats, NoLocationNoQuestion) {
  Ticket t = complaint(1, "2026-11-26 09:00", {{"description", "噪音"}});
  expect_general(judge(t));
  t.fields["location"] = "";
  expect_general(judge(t));
  t.fields["location"] = std::int64_t{1502};
  expect_general(judge(t));
  EXPECT_EQ(desk_.asked.load(), 0);
}

TEST_F(Repeats, ALocationThatIsNotUtf8IsShownReplaced) {
  const Ticket t = complaint(3, "2026-11-26 09:00",
                             {{"location",
                               "3-2-\xff"
                               "1502"}});
  desk_.tickets = {complaint(1, "2026-11-24 09:00",
                             {{"location",
                               "3-2-\xff"
                               "1502"}}),
                   complaint(2, "2026-11-25 09:00",
                             {{"location",
                               "3-2-\xff"
                               "1502"}}),
                   t};
  expect_major(judge(t),
               "3 complaints at 3-2-\xEF\xBF\xBD"
               "1502 within 7 days");
}

TEST_F(Repeats, AContextThatFailsGivesGeneral) {
  desk_.fail = true;
  const Ticket t = at_1502(3, "2026-11-26 09:00");
  SeverityVerdict v;
  EXPECT_NO_THROW(v = judge(t));
  expect_general(v);
  EXPECT_EQ(desk_.asked.load(), 1);
}

// --- nothing, names, settings ----------------------------------------------------------------

TEST(ComplaintRule, NothingMatchingIsGeneralWithAnEmptyReason) {
  ComplaintRuleConfig config = keywords({"漏水", "燃气"});
  config.major_categories = {"security"};
  config.manager_requested_field = "wants_manager";
  config.earlier_breach = true;
  config.repeat = ComplaintRuleConfig::Repeat{7 * 24h, 2};
  DeskTickets desk;
  const Ticket t = complaint(1, "2026-11-26 09:00",
                             {{"description", "快递柜满了"},
                              {"category", "facilities"},
                              {"wants_manager", false},
                              {"location", "1-1-101"}});
  const ComplaintRule rule(config);
  const EscalationRule& as_rule = rule;
  EXPECT_EQ(as_rule.name(), "complaint_severity");
  expect_general(as_rule.classify(t, desk));
  EXPECT_EQ(desk.asked.load(), 1);  // the store is asked when nothing cheaper decided
}

TEST(ComplaintRule, SettingsTheLoaderWouldRefuseThrow) {
  auto refuses = [](ComplaintRuleConfig c) {
    EXPECT_THROW(ComplaintRule{std::move(c)}, std::invalid_argument);
  };
  refuses(keywords({"漏水", ""}));
  refuses(keywords({"  "}));
  refuses(keywords({"\xff"}));
  ComplaintRuleConfig c = keywords({"漏水"});
  c.name = "complaint severity";
  refuses(c);
  c = keywords({"漏水"});
  c.search_fields.clear();
  refuses(c);
  for (const auto& [within, count] : std::vector<std::pair<Duration, std::int64_t>>{
           {0s, 2}, {-1h, 2}, {367 * 24h, 2}, {7 * 24h, 0}, {7 * 24h, 1001}}) {
    c = keywords({});
    c.repeat = ComplaintRuleConfig::Repeat{within, count};
    refuses(c);
  }
  c = keywords({});
  c.repeat = ComplaintRuleConfig::Repeat{366 * 24h, 1000};
  EXPECT_NO_THROW(ComplaintRule{c});
}

TEST(ComplaintRule, ManyThreadsAtOnce) {
  ComplaintRuleConfig config = keywords({"漏水"});
  config.repeat = ComplaintRuleConfig::Repeat{7 * 24h, 1};
  const ComplaintRule rule(config);
  DeskTickets desk;
  const Ticket leak = complaint(1, "2026-11-26 09:00", {{"description", "漏水"}});
  const Ticket again = complaint(3, "2026-11-26 09:00", {{"location", "1-1-101"}});
  desk.tickets = {complaint(2, "2026-11-25 09:00", {{"location", "1-1-101"}}), again};
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int n = 0; n < 500; ++n) {
        if (rule.classify(leak, desk).reason != "keyword '漏水' in description") ++wrong;
        if (rule.classify(again, desk).reason != "2 complaints at 1-1-101 within 7 days") ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace propdesk
