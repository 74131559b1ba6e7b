// End to end with a real receiver: Engine::fire -> outbox row (SQLite) -> OutboxDeliverer -> the
// shipped webhook plugin -> webhook_receiver.py on 127.0.0.1. A receiver that fails the first
// requests gets the message after retries with backoff; one that never answers costs the
// deliverer its timeouts, never the engine, and the message ends as a dead letter; a commit made
// while no deliverer runs, and a deliverer killed while sending, lose nothing after a restart, and
// any duplicate carries the same Idempotency-Key.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "plugin_test_support.hpp"
#include "propdesk/engine.hpp"
#include "propdesk/outbox_deliverer.hpp"
#include "propdesk/sqlite_store.hpp"
#include "shipped_config.hpp"
#include "webhook_receiver.hpp"

namespace propdesk {
namespace {

using namespace std::chrono_literals;
using plugin_testing::failures;
using plugin_testing::ScratchDir;
using plugin_testing::shipped;
using plugin_testing::WebhookReceiver;

const TimePoint kStart = *parse_time("2026-11-26T09:00:00+08:00");
constexpr auto kPatience = 30s;

class OutboxWebhookTest : public testing::Test {
 protected:
  void SetUp() override {
    const PluginLoadReport report = load_plugins(registry_, {{shipped("propdesk_notify_webhook")}, {}, true});
    ASSERT_TRUE(report.ok()) << failures(report);
    receiver_ = std::make_unique<WebhookReceiver>(dir_.path("requests.jsonl"));
  }

  // The channel "field_staff": people, trusted, posting to `path` on the receiver.
  NotifierConfig channel(const std::string& path, RetryPolicy retry = {},
                         const std::string& timeout_ms = "5000") const {
    NotifierConfig c;
    c.name = "field_staff";
    c.type = "webhook";
    c.settings = {{"url", receiver_->url(path)}, {"timeout_ms", timeout_ms}, {"connect_timeout_ms", "1000"}};
    c.people = true;
    c.trusted = true;
    c.link_base = "https://desk.example.com/t/";
    c.retry = retry;
    return c;
  }

  // Opens the desk's database with an engine routing as `notifier` says.
  void open(const NotifierConfig& notifier, std::shared_ptr<const Clock> clock) {
    engine_.reset();
    store_ = std::make_shared<SqliteStore>(db_);
    EngineOptions options = shipped_engine_options(std::move(clock));
    options.notifications = notification_routing({notifier});
    engine_ = std::make_unique<Engine>(store_, std::move(options));
    const auto findings = engine_->load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml");
    ASSERT_FALSE(has_errors(findings));
  }

  std::unique_ptr<OutboxDeliverer> deliver(const NotifierConfig& notifier, std::shared_ptr<const Clock> clock) {
    OutboxDelivererOptions options;
    options.clock = std::move(clock);
    options.events = &engine_->events();
    options.jitter = [] { return 0.0; };  // exact backoff times
    return std::make_unique<OutboxDeliverer>(store_, delivery_channels({notifier}, registry_), options);
  }

  // Creates a repair ticket and dispatches it to li: one message for field_staff. Returns its key.
  std::string dispatch() {
    auto created = engine_->create("repair",
                                   {{"location", Value("3-2-1201")}, {"category", Value("plumbing")},
                                    {"description", Value("厨房水管漏水")}, {"phone", Value("13812345678")}},
                                   {"wang", "front_desk"});
    EXPECT_TRUE(created.ok());
    if (!created.ok()) return {};
    auto fired = engine_->fire(created.value().id, "dispatch", {{"assignee", Value("li")}}, {"wang", "front_desk"});
    EXPECT_TRUE(fired.ok());
    return std::to_string(created.value().id) + ":2:0";
  }

  OutboxMessage stored(const std::string& key) {
    for (const OutboxMessage& m : store_->outbox({}))
      if (m.key == key) return m;
    ADD_FAILURE() << "no message " << key;
    return {};
  }

  // Waits (real time) until the receiver has logged `n` requests.
  bool receiver_has(std::size_t n) {
    const auto until = std::chrono::steady_clock::now() + kPatience;
    while (receiver_->requests().size() < n) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::sleep_for(20ms);
    }
    return true;
  }

  ScratchDir dir_;
  std::filesystem::path db_ = dir_.path("desk.db");
  PluginRegistry registry_;
  std::unique_ptr<WebhookReceiver> receiver_;
  std::shared_ptr<SqliteStore> store_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(OutboxWebhookTest, AFiredEventReachesTheReceiverWithItsIdempotencyKey) {
  const auto clock = std::make_shared<ManualClock>(kStart);
  const NotifierConfig notifier = channel("/ok");
  open(notifier, clock);
  auto deliverer = deliver(notifier, clock);
  const std::string key = dispatch();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.delivered == 1; }, kPatience));

  const auto requests = receiver_->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["path"], "/ok");
  EXPECT_EQ(requests[0]["headers"]["Idempotency-Key"], key);
  const auto body = nlohmann::json::parse(requests[0]["body"].get<std::string>());
  EXPECT_EQ(body["key"], key);
  EXPECT_EQ(body["ticket"], "BX-20261126-0001");
  EXPECT_EQ(body["to"], "li");
  EXPECT_EQ(body["subject"], "派工单 BX-20261126-0001");
  EXPECT_EQ(body["state_label"], "已派工");
  EXPECT_EQ(body["link"], "https://desk.example.com/t/BX-20261126-0001");
  EXPECT_EQ(body["fields"]["phone"], "13812345678");  // a trusted channel
  const OutboxMessage m = stored(key);
  EXPECT_EQ(m.status, OutboxStatus::kDelivered);
  EXPECT_EQ(m.attempts, 1);
}

TEST_F(OutboxWebhookTest, AReceiverThatFailsTheFirstRequestsGetsItAfterBackoff) {
  const auto clock = std::make_shared<ManualClock>(kStart);
  const NotifierConfig notifier = channel("/fail-first/2/outbox", {5, Duration{30}, Duration{3600}});
  open(notifier, clock);
  auto deliverer = deliver(notifier, clock);
  const std::string key = dispatch();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.retried == 1; }, kPatience));
  OutboxMessage m = stored(key);
  EXPECT_EQ(m.next_attempt, kStart + 30s);
  EXPECT_EQ(m.last_error, "notifier 'webhook' (plugin 'notify_webhook'): HTTP 503: try later");

  clock->set(kStart + 30s);
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.retried == 2; }, kPatience));
  EXPECT_EQ(stored(key).next_attempt, kStart + 90s);

  clock->set(kStart + 90s);
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.delivered == 1; }, kPatience));
  m = stored(key);
  EXPECT_EQ(m.status, OutboxStatus::kDelivered);
  EXPECT_EQ(m.attempts, 3);
  const auto requests = receiver_->requests();
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& r : requests) EXPECT_EQ(r["headers"]["Idempotency-Key"], key);
}

TEST_F(OutboxWebhookTest, AReceiverThatNeverAnswersNeverBlocksFireAndEndsAsADeadLetter) {
  const auto clock = std::make_shared<ManualClock>(kStart);
  const NotifierConfig notifier = channel("/hang", {2, Duration{10}, Duration{10}}, "1500");
  open(notifier, clock);
  std::vector<std::string> problems;
  std::mutex problems_mutex;
  OutboxDelivererOptions options;
  options.clock = clock;
  options.events = &engine_->events();
  options.jitter = [] { return 0.0; };  // exact backoff times
  options.on_problem = [&](const std::string& p) {
    std::lock_guard lock(problems_mutex);
    problems.push_back(p);
  };
  auto deliverer = std::make_unique<OutboxDeliverer>(store_, delivery_channels({notifier}, registry_), options);
  const std::string key = dispatch();
  ASSERT_TRUE(receiver_has(1));  // the deliverer is now waiting for an answer that never comes

  // Meanwhile the engine goes on as fast as ever.
  const auto start = std::chrono::steady_clock::now();
  const std::string other = dispatch();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, 1000ms) << "fire waited for the hanging receiver";
  EXPECT_EQ(stored(other).status, OutboxStatus::kPending);

  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.retried == 2; }, kPatience));
  EXPECT_EQ(stored(key).next_attempt - kStart, 10s);  // clock time, whatever the timeout took
  clock->set(kStart + 10s);
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.dead == 2; }, kPatience));
  for (const std::string& k : {key, other}) {
    const OutboxMessage m = stored(k);
    EXPECT_EQ(m.status, OutboxStatus::kDead);
    EXPECT_EQ(m.attempts, 2);
    EXPECT_NE(m.last_error.find("no answer within 1500 ms"), std::string::npos) << m.last_error;
  }
  EXPECT_EQ(receiver_->requests().size(), 4u);
  std::lock_guard lock(problems_mutex);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("field_staff: " + key + " is a dead letter after 2 attempts: "), std::string::npos)
      << problems[0];
}

TEST_F(OutboxWebhookTest, ACommitMadeWhileNoDelivererRanIsDeliveredOnceAfterARestart) {
  const NotifierConfig notifier = channel("/ok");
  const auto clock = std::make_shared<ManualClock>(kStart);
  open(notifier, clock);
  const std::string key = dispatch();  // committed; nobody delivers
  engine_.reset();
  store_.reset();
  ASSERT_TRUE(receiver_->requests().empty());

  // A new process: a new store on the file, a new engine and a deliverer.
  open(notifier, clock);
  auto deliverer = deliver(notifier, clock);
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.delivered == 1; }, kPatience));
  // Look again later: nothing is sent twice.
  clock->set(kStart + 1h);
  const std::uint64_t rounds = deliverer->stats().rounds;
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([&](const DeliveryStats& s) { return s.rounds > rounds; }, kPatience));
  deliverer.reset();
  const auto requests = receiver_->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["headers"]["Idempotency-Key"], key);
  EXPECT_EQ(stored(key).status, OutboxStatus::kDelivered);
}

TEST_F(OutboxWebhookTest, ADelivererKilledWhileSendingLeavesTheMessageToTheNextWithTheSameKey) {
  const auto clock = std::make_shared<ManualClock>(kStart);
  open(channel("/ok"), clock);
  const std::string key = dispatch();
  engine_.reset();
  store_.reset();

  // A deliverer process sending to a receiver that never answers, killed with SIGKILL while it
  // waits. (Forked while this process runs no other thread.)
  const pid_t child = ::fork();
  if (child == 0) {
    try {
      auto store = std::make_shared<SqliteStore>(db_);
      OutboxDelivererOptions options;
      options.clock = clock;
      OutboxDeliverer deliverer(store, delivery_channels({channel("/hang", {}, "60000")}, registry_),
                                options);
      std::this_thread::sleep_for(60s);
    } catch (...) {
      ::_exit(2);
    }
    ::_exit(3);
  }
  ASSERT_GT(child, 0);
  const bool sent = receiver_has(1);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(sent) << "the killed deliverer never sent";
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;

  // The next process: the message is claimed (by the dead one) until its lease ends, then sent.
  const auto later = std::make_shared<ManualClock>(kStart);
  open(channel("/ok"), later);
  EXPECT_EQ(stored(key).attempts, 1);
  auto deliverer = deliver(channel("/ok"), later);
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.rounds >= 1; }, kPatience));
  EXPECT_EQ(receiver_->requests().size(), 1u);  // still leased
  later->advance(Duration{15 * 60});
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.delivered == 1; }, kPatience));
  const auto requests = receiver_->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0]["path"], "/hang");
  EXPECT_EQ(requests[1]["path"], "/ok");
  for (const auto& r : requests) EXPECT_EQ(r["headers"]["Idempotency-Key"], key);  // a duplicate, recognisable
  const OutboxMessage m = stored(key);
  EXPECT_EQ(m.status, OutboxStatus::kDelivered);
  EXPECT_EQ(m.attempts, 2);
}

}  // namespace
}  // namespace propdesk
