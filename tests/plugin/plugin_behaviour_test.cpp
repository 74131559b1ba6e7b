// What loaded plugins do through propdesk's interfaces: a C plugin and a C++ (SDK) plugin working,
// and a misbehaving plugin contained: its failures and exceptions become results and messages,
// never exceptions or crashes in propdesk.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "plugin_test_support.hpp"
#include "propdesk/notification_renderer.hpp"
#include "propdesk/store_error.hpp"

namespace propdesk {
namespace {

using plugin_testing::call_exported;
using plugin_testing::failures;
using plugin_testing::fixture;
using plugin_testing::repair_ticket;
using plugin_testing::ScratchDir;
using plugin_testing::slurp;

// The engine's side of a rule's questions, with a fixed list of tickets.
class FixedContext final : public RuleContext {
 public:
  explicit FixedContext(std::vector<Ticket> tickets) : tickets_(std::move(tickets)) {}
  [[nodiscard]] TimePoint now() const override { return *parse_time("2026-11-26T12:00:00+08:00"); }
  [[nodiscard]] std::vector<Ticket> tickets_at(std::string_view workflow, std::string_view location, TimePoint since,
                                               std::size_t limit) const override {
    ++calls;
    std::vector<Ticket> out;
    for (const Ticket& t : tickets_) {
      const auto it = t.fields.find("location");
      if (t.workflow == workflow && it != t.fields.end() && it->second == Value(std::string(location)) &&
          t.created_at >= since && out.size() < limit)
        out.push_back(t);
    }
    return out;
  }
  mutable int calls = 0;

 private:
  std::vector<Ticket> tickets_;
};

Notification sample_notification(const std::string& body = "厨房水管漏水") {
  Notification n;
  n.idempotency_key = "7:2:work_order:li";
  n.ticket_id = 7;
  n.ticket_code = "BX-20261126-0007";
  n.workflow = "repair";
  n.template_name = "work_order";
  n.recipient = "li";
  n.recipient_is_role = false;
  n.subject = "派工单 BX-20261126-0007";
  n.body = body;
  n.state = "dispatched";
  n.state_label = "已派工";
  n.severity = "general";
  n.event = "dispatch";
  n.at = *parse_time("2026-11-26T09:05:00+08:00");
  n.fields = {{"location", "3-2-1201"}, {"phone", "138****5678"}};
  return n;
}

class LoadedPlugins : public testing::Test {
 protected:
  void load(const std::string& name, Settings settings = {}) {
    dir_.add(fixture(name));
    const PluginLoadReport report = load_plugins(registry_, {{dir_.path()}, {{name, std::move(settings)}}, false});
    ASSERT_TRUE(report.ok()) << failures(report);
  }
  ScratchDir dir_;
  PluginRegistry registry_;
  std::vector<PluginMessage> messages_;
  void SetUp() override {
    registry_.set_message_handler([this](const PluginMessage& m) { messages_.push_back(m); });
  }
};

// --- a plugin in C -------------------------------------------------------------------------

TEST_F(LoadedPlugins, CNotifierDeliversAndReportsRetry) {
  load("c_plugin");
  auto type = registry_.notifier_type("c_memo");
  ASSERT_TRUE(type);
  const auto out = dir_.path("memo.txt");
  auto notifier = type->create({{"path", out.string()}});
  ASSERT_TRUE(notifier);
  EXPECT_TRUE(notifier->send(sample_notification()).delivered());
  EXPECT_EQ(slurp(out), "li|派工单 BX-20261126-0007|厨房水管漏水\n");
  const DeliveryResult r = notifier->send(sample_notification("please fail"));
  EXPECT_EQ(r.status, DeliveryStatus::kRetry);
  EXPECT_EQ(r.error, "notifier 'c_memo' (plugin 'c_plugin'): receiver asked to fail");
}

TEST_F(LoadedPlugins, CNotifierBadSettingsAreAClearError) {
  load("c_plugin");
  auto type = registry_.notifier_type("c_memo");
  ASSERT_TRUE(type);
  try {
    (void)type->create({});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "notifier 'c_memo' (plugin 'c_plugin'): setting 'path' is required");
  }
}

TEST_F(LoadedPlugins, CRuleAsksTheEngineThroughTheContext) {
  load("c_plugin", {{"repeat_threshold", "2"}});
  auto rule = registry_.escalation_rule("c_repeat");
  ASSERT_TRUE(rule);
  Ticket t = repair_ticket();
  Ticket earlier = t;
  earlier.id = 2;
  earlier.created_at -= std::chrono::hours(24 * 3);
  Ticket long_ago = t;
  long_ago.id = 1;
  long_ago.created_at -= std::chrono::hours(24 * 60);
  FixedContext alone({t, long_ago});
  EXPECT_FALSE(rule->classify(t, alone).major);
  EXPECT_EQ(alone.calls, 1);
  FixedContext repeated({earlier, t, long_ago});
  const SeverityVerdict v = rule->classify(t, repeated);
  EXPECT_TRUE(v.major);
  EXPECT_EQ(v.reason, "2 tickets at 3-2-1201 within 30 days");
  EXPECT_TRUE(messages_.size() == 1u && messages_[0].text == "c_plugin registered");
}

TEST_F(LoadedPlugins, CStrategyChoosesAmongCandidates) {
  load("c_plugin");
  auto strategy = registry_.dispatch_strategy("c_least_loaded");
  ASSERT_TRUE(strategy);
  const std::vector<DispatchCandidate> candidates{{"zhao", true, 1, {"electrical"}},
                                                  {"qian", true, 4, {"plumbing", "gas"}},
                                                  {"sun", false, 0, {"plumbing"}},
                                                  {"li", true, 2, {"plumbing"}}};
  const DispatchChoice c = strategy->choose(repair_ticket(), candidates);
  ASSERT_TRUE(c.chosen);
  EXPECT_EQ(*c.chosen, 3u);  // li: on duty, plumbing, fewer orders than qian; sun is off duty
  EXPECT_EQ(c.reason, "fewest open orders (2)");
  const DispatchChoice none = strategy->choose(repair_ticket(), std::span(candidates).first(1));
  EXPECT_FALSE(none.chosen);
  EXPECT_EQ(none.reason, "nobody on duty handles 'plumbing'");
  EXPECT_FALSE(strategy->choose(repair_ticket(), {}).chosen);
}

TEST_F(LoadedPlugins, ReleaseRunsWhenTheRegistryGoes) {
  const auto file = dir_.add(fixture("c_plugin"), "fixture_c_plugin_release.so");
  {
    PluginRegistry registry;
    ASSERT_TRUE(load_plugins(registry, {{file}, {}, true}).ok());
    EXPECT_EQ(call_exported(file, "c_plugin_released"), 0);
  }
  EXPECT_EQ(call_exported(file, "c_plugin_released"), 2);  // the notifier's and the rule's
}

TEST_F(LoadedPlugins, NotifierInstancesOutliveTheirRegistry) {
  const auto file = dir_.add(fixture("c_plugin"), "fixture_c_plugin_outlive.so");
  const auto out = dir_.path("memo.txt");
  std::unique_ptr<Notifier> notifier;
  {
    PluginRegistry registry;
    ASSERT_TRUE(load_plugins(registry, {{file}, {}, true}).ok());
    notifier = registry.notifier_type("c_memo")->create({{"path", out.string()}});
  }
  EXPECT_EQ(call_exported(file, "c_plugin_released"), 1);  // the rule; the notifier type lives on
  EXPECT_TRUE(notifier->send(sample_notification()).delivered());
  EXPECT_EQ(slurp(out), "li|派工单 BX-20261126-0007|厨房水管漏水\n");
  notifier.reset();
  EXPECT_EQ(call_exported(file, "c_plugin_released"), 2);
}

// --- a plugin with the C++ helpers ---------------------------------------------------------

TEST_F(LoadedPlugins, SdkPluginWorksAndItsExceptionsStayOnItsSide) {
  load("sdk_plugin", {{"greeting", "您好"}, {"keyword", "漏水"}});
  const auto out = dir_.path("greetings.txt");
  auto greeter = registry_.notifier_type("greeter")->create({{"path", out.string()}});
  EXPECT_TRUE(greeter->send(sample_notification()).delivered());
  EXPECT_EQ(slurp(out), "您好 li: 派工单 BX-20261126-0007\n");

  const DeliveryResult busy =
      registry_.notifier_type("greeter")->create({{"path", out.string()}, {"fail_with", "retry"}})->send(
          sample_notification());
  EXPECT_EQ(busy.status, DeliveryStatus::kRetry);
  EXPECT_EQ(busy.error, "notifier 'greeter' (plugin 'sdk_plugin'): greeter is busy");
  const DeliveryResult tripped =
      registry_.notifier_type("greeter")->create({{"path", out.string()}, {"fail_with", "throw"}})->send(
          sample_notification());
  EXPECT_EQ(tripped.status, DeliveryStatus::kFailed);
  EXPECT_EQ(tripped.error, "notifier 'greeter' (plugin 'sdk_plugin'): greeter tripped");

  try {
    (void)registry_.notifier_type("greeter")->create({{"path", out.string()}, {"colour", "blue"}});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "notifier 'greeter' (plugin 'sdk_plugin'): unknown setting 'colour' (known: path, fail_with)");
  }

  const auto rule = registry_.escalation_rule("keyword");
  FixedContext context({});
  const SeverityVerdict v = rule->classify(repair_ticket(), context);
  EXPECT_TRUE(v.major);
  EXPECT_EQ(v.reason, "keyword '漏水' in description");

  const auto strategy = registry_.dispatch_strategy("first_on_duty");
  const std::vector<DispatchCandidate> candidates{{"a", false, 0, {}}, {"b", true, 0, {}}};
  EXPECT_EQ(strategy->choose(repair_ticket(), candidates).chosen, std::optional<std::size_t>(1));
  const DispatchChoice none = strategy->choose(repair_ticket(), {});
  EXPECT_FALSE(none.chosen);
  EXPECT_EQ(none.reason, "dispatch strategy 'first_on_duty' failed: no candidates at all");
}

// --- a plugin that misbehaves ---------------------------------------------------------------

TEST_F(LoadedPlugins, ANotifierThatThrowsOrFailsIsReportedAndContained) {
  load("faulty");
  const Notification n = sample_notification();
  const DeliveryResult thrown = registry_.notifier_type("throws")->create({})->send(n);
  EXPECT_EQ(thrown.status, DeliveryStatus::kFailed);
  EXPECT_EQ(thrown.error, "notifier 'throws' (plugin 'faulty'): threw an exception: receiver exploded");
  const DeliveryResult failed = registry_.notifier_type("fails")->create({})->send(n);
  EXPECT_EQ(failed.status, DeliveryStatus::kFailed);
  EXPECT_EQ(failed.error, "notifier 'fails' (plugin 'faulty'): HTTP 400: bad request");
  const DeliveryResult retry = registry_.notifier_type("retries")->create({})->send(n);
  EXPECT_EQ(retry.status, DeliveryStatus::kRetry);
  EXPECT_EQ(retry.error, "notifier 'retries' (plugin 'faulty'): HTTP 503");
  const DeliveryResult mute = registry_.notifier_type("mute")->create({})->send(n);
  EXPECT_EQ(mute.status, DeliveryStatus::kFailed);
  EXPECT_EQ(mute.error, "notifier 'mute' (plugin 'faulty'): failed (status 7) without saying why");
}

TEST_F(LoadedPlugins, ACreateThatFailsOrThrowsIsAClearError) {
  load("faulty");
  try {
    (void)registry_.notifier_type("picky")->create({{"uri", "http://x"}});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "notifier 'picky' (plugin 'faulty'): setting 'url' is required");
  }
  EXPECT_TRUE(registry_.notifier_type("picky")->create({{"url", "http://x"}}));
  try {
    (void)registry_.notifier_type("create_throws")->create({});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "notifier 'create_throws' (plugin 'faulty'): threw an exception: constructor blew up");
  }
}

TEST_F(LoadedPlugins, ARuleThatFailsAnswersGeneralAndIsReported) {
  load("faulty");
  FixedContext context({});
  messages_.clear();
  const SeverityVerdict thrown = registry_.escalation_rule("throwing_rule")->classify(repair_ticket(), context);
  EXPECT_FALSE(thrown.major);
  const SeverityVerdict rude = registry_.escalation_rule("rude_rule")->classify(repair_ticket(), context);
  EXPECT_FALSE(rude.major);
  ASSERT_EQ(messages_.size(), 2u);
  EXPECT_EQ(messages_[0].level, PluginMessage::Level::kError);
  EXPECT_EQ(messages_[0].origin, "faulty");
  EXPECT_EQ(messages_[0].text,
            "escalation rule 'throwing_rule' failed on ticket BX-20261126-0007: threw an exception: rule exploded; "
            "the ticket counts as general");
  // One line, valid UTF-8, whatever the plugin wrote.
  EXPECT_EQ(messages_[1].text,
            "escalation rule 'rude_rule' failed on ticket BX-20261126-0007: line one line two ?? end; the ticket "
            "counts as general");
  EXPECT_EQ(registry_.error_count(), 2u);
}

TEST_F(LoadedPlugins, AStrategyThatMisbehavesChoosesNobodyAndIsReported) {
  load("faulty");
  const std::vector<DispatchCandidate> candidates{{"a", true, 0, {}}, {"b", true, 0, {}}};
  messages_.clear();
  const DispatchChoice wild = registry_.dispatch_strategy("out_of_range")->choose(repair_ticket(), candidates);
  EXPECT_FALSE(wild.chosen);
  EXPECT_EQ(wild.reason, "dispatch strategy 'out_of_range' failed: chose candidate 7 of 2");
  const DispatchChoice thrown = registry_.dispatch_strategy("throwing_strategy")->choose(repair_ticket(), candidates);
  EXPECT_FALSE(thrown.chosen);
  EXPECT_EQ(thrown.reason, "dispatch strategy 'throwing_strategy' failed: threw an exception: unknown exception");
  EXPECT_EQ(messages_.size(), 2u);
}

// The StoreError message of `body`, or "" when it throws none.
template <class Body>
std::string store_error(Body&& body) {
  try {
    body();
  } catch (const StoreError& e) {
    return e.what();
  }
  return {};
}

TEST_F(LoadedPlugins, AStoreTypeThatMisbehavesIsContainedAndEveryFailureAStoreError) {
  load("faulty");
  const auto file = dir_.path("fixture_faulty.so");
  EXPECT_EQ(store_error([&] { (void)registry_.open_kv_store("faulty_store", {{"open", "throw"}}); }),
            "store type 'faulty_store', plugin 'faulty': threw an exception: open blew up");
  EXPECT_EQ(store_error([&] { (void)registry_.open_kv_store("faulty_store", {{"open", "fail"}}); }),
            "store type 'faulty_store', plugin 'faulty': disk on fire");
  EXPECT_THROW((void)registry_.open_kv_store("faulty_store", {{"open", "invalid"}}), std::invalid_argument);

  auto refusing = registry_.open_kv_store("faulty_store", {{"begin", "throw"}});
  EXPECT_EQ(store_error([&] { (void)refusing->begin(false); }),
            "faulty_store (store type 'faulty_store', plugin 'faulty'): begin: threw an exception: begin exploded");

  auto db = registry_.open_kv_store("faulty_store", {});
  EXPECT_EQ(db->describe(), "faulty_store");  // describe threw: the store type's name instead
  const std::string who = "faulty_store (store type 'faulty_store', plugin 'faulty'): ";
  const int aborts = call_exported(file, "fixture_kv_aborts");
  {
    auto txn = db->begin(true);
    EXPECT_EQ(store_error([&] { (void)txn->get("k"); }), who + "get: failed (status 7) without saying why");
    EXPECT_EQ(store_error([&] { txn->put("k", "v"); }), who + "put: threw an exception: unknown exception");
    EXPECT_EQ(store_error([&] { txn->erase("k"); }), who + "erase: locked");
    // The visitor's own exception comes back intact, and the plugin saw a plain stop.
    std::vector<std::string> seen;
    EXPECT_THROW(txn->scan("", "",
                           [&](std::string_view k, std::string_view) -> bool {
                             seen.emplace_back(k);
                             if (k == "b") throw std::out_of_range("visitor's own");
                             return true;
                           }),
                 std::out_of_range);
    EXPECT_EQ(seen, (std::vector<std::string>{"a", "b"}));
    txn->scan("", "", [](std::string_view, std::string_view) { return false; });  // stopped: fine
    EXPECT_EQ(store_error([&] { txn->scan("", "", [](std::string_view, std::string_view) { return true; }); }),
              who + "scan: scan lost its cursor");
  }  // destroyed uncommitted: aborted
  EXPECT_EQ(call_exported(file, "fixture_kv_aborts"), aborts + 1);
  {
    auto txn = db->begin(true);
    EXPECT_EQ(store_error([&] { txn->commit(); }), who + "commit: disk full on commit");
  }  // a failed commit ended it: no abort
  EXPECT_EQ(call_exported(file, "fixture_kv_aborts"), aborts + 1);

  // The database is closed once, after its backend and its last transaction are gone.
  const int closes = call_exported(file, "fixture_kv_closes");
  auto last = db->begin(false);
  db.reset();
  EXPECT_EQ(call_exported(file, "fixture_kv_closes"), closes);
  last.reset();
  EXPECT_EQ(call_exported(file, "fixture_kv_closes"), closes + 1);
}

TEST_F(LoadedPlugins, NotifiersAreSafeToShareBetweenThreads) {
  load("c_plugin");
  const auto out = dir_.path("memo.txt");
  std::shared_ptr<Notifier> notifier = registry_.notifier_type("c_memo")->create({{"path", out.string()}});
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      for (int k = 0; k < 50; ++k) EXPECT_TRUE(notifier->send(sample_notification()).delivered());
    });
  for (auto& t : threads) t.join();
  const std::string text = slurp(out);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 200);
  EXPECT_EQ(text.find("||"), std::string::npos);
}

}  // namespace
}  // namespace propdesk
