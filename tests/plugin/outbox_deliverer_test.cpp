// The OutboxDeliverer with scripted in-process notifiers, on a ManualClock: delivery and
// acknowledgement, retries with exponential backoff, the attempt cap and dead letters, permanent
// failures, the retry jitter, a hanging channel that holds up nobody else, recovery from a
// deliverer that died while sending, waking on the engine's event bus, and making channels from the
// configuration.
#include "propdesk/outbox_deliverer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>

#include "propdesk/delivery_round.hpp"
#include "propdesk/engine.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/workflow_loader.hpp"
#include "shipped_config.hpp"

namespace propdesk {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

const TimePoint kStart = *parse_time("2026-11-26T09:00:00+08:00");
constexpr auto kPatience = 20s;  // real time a test waits for the deliverer at most

// A notifier that answers from a script (then `otherwise`), records what it was sent, and can be
// made to hang until released.
class ScriptedNotifier final : public Notifier {
 public:
  explicit ScriptedNotifier(std::deque<DeliveryResult> script = {},
                            DeliveryResult otherwise = DeliveryResult::ok())
      : script_(std::move(script)), otherwise_(std::move(otherwise)) {}

  DeliveryResult send(const Notification& n) override {
    std::unique_lock lock(mutex_);
    sent_.push_back(n);
    changed_.notify_all();
    changed_.wait(lock, [&] { return !hanging_; });
    if (script_.empty()) return otherwise_;
    DeliveryResult r = script_.front();
    script_.pop_front();
    return r;
  }

  std::vector<Notification> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }
  void hang() {
    std::lock_guard lock(mutex_);
    hanging_ = true;
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      hanging_ = false;
    }
    changed_.notify_all();
  }
  bool wait_for_sends(std::size_t n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kPatience, [&] { return sent_.size() >= n; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<DeliveryResult> script_;
  DeliveryResult otherwise_;
  std::vector<Notification> sent_;
  bool hanging_ = false;
};

OutboxMessage message(std::string channel, std::string subject) {
  OutboxMessage m;
  m.channel = std::move(channel);
  m.notification.workflow = "repair";
  m.notification.recipient = "supervisor";
  m.notification.subject = std::move(subject);
  m.notification.body = "厨房水管漏水";
  m.notification.at = kStart;
  return m;
}

class DelivererTest : public testing::Test {
 protected:
  // Creates a ticket whose creation queues `messages` (due at kStart); returns its id.
  TicketId queue(std::vector<OutboxMessage> messages) {
    NewTicket item;
    item.ticket.workflow = "repair";
    item.ticket.state = "reported";
    item.ticket.created_at = kStart;
    item.ticket.updated_at = kStart;
    item.code_prefix = "BX";
    item.entry.at = kStart;
    item.entry.actor = {"wang", "front_desk"};
    item.entry.event = "create";
    item.entry.to_state = "reported";
    item.outbox = std::move(messages);
    EXPECT_TRUE(store_->create(item).ok());
    return item.ticket.id;
  }

  // The retry jitter draws 0 (the full backoff, exact times) unless a test gives a source.
  std::unique_ptr<OutboxDeliverer> start(std::vector<DeliveryChannel> channels, OutboxDelivererOptions options = {}) {
    options.clock = clock_;
    if (!options.jitter) options.jitter = [] { return 0.0; };
    options.on_problem = [this](const std::string& p) {
      std::lock_guard lock(problems_mutex_);
      problems_.push_back(p);
    };
    return std::make_unique<OutboxDeliverer>(store_, std::move(channels), std::move(options));
  }

  OutboxMessage stored(const std::string& key) {
    for (const OutboxMessage& m : store_->outbox({}))
      if (m.key == key) return m;
    ADD_FAILURE() << "no message " << key;
    return {};
  }

  std::vector<std::string> problems() {
    std::lock_guard lock(problems_mutex_);
    return problems_;
  }

  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>(kStart);
  std::shared_ptr<Store> store_ = std::make_shared<MemoryStore>();
  std::mutex problems_mutex_;
  std::vector<std::string> problems_;
};

TEST_F(DelivererTest, DeliversWhatIsQueuedAndAcknowledgesIt) {
  const TicketId id = queue({message("staff", "一"), message("staff", "二"), message("log", "三")});
  auto staff = std::make_shared<ScriptedNotifier>();
  auto log = std::make_shared<ScriptedNotifier>();
  auto deliverer = start({{"staff", staff, {}}, {"log", log, {}}});
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.delivered == 3; }, kPatience));
  const auto sent = staff->sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].subject, "一");
  EXPECT_EQ(sent[0].idempotency_key, std::to_string(id) + ":1:0");
  EXPECT_EQ(sent[1].idempotency_key, std::to_string(id) + ":1:1");
  EXPECT_EQ(log->sent().at(0).subject, "三");
  EXPECT_EQ(store_->outbox_counts(), (OutboxCounts{0, 3, 0}));
  EXPECT_EQ(stored(std::to_string(id) + ":1:0").attempts, 1);

  // Something queued later is sent on a poke, without waiting for max_sleep (a minute).
  const TicketId later = queue({message("staff", "四")});
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.delivered == 4; }, kPatience));
  EXPECT_EQ(staff->sent().back().idempotency_key, std::to_string(later) + ":1:0");
  EXPECT_TRUE(problems().empty());
}

TEST_F(DelivererTest, RetriesWithExponentialBackoffOnTheClock) {
  const TicketId id = queue({message("staff", "一")});
  const std::string key = std::to_string(id) + ":1:0";
  auto staff = std::make_shared<ScriptedNotifier>(
      std::deque<DeliveryResult>{DeliveryResult::retry("HTTP 503: try later"), DeliveryResult::retry("HTTP 503: again")});
  auto deliverer = start({{"staff", staff, {}}});  // 30 s, then 60 s
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.retried == 1; }, kPatience));
  OutboxMessage m = stored(key);
  EXPECT_EQ(m.status, OutboxStatus::kPending);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.next_attempt, kStart + 30s);
  EXPECT_EQ(m.last_error, "HTTP 503: try later");

  // Not before its time: a poke 29 seconds later sends nothing.
  clock_->set(kStart + 29s);
  const std::uint64_t rounds = deliverer->stats().rounds;
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([&](const DeliveryStats& s) { return s.rounds > rounds; }, kPatience));
  EXPECT_EQ(staff->sent().size(), 1u);

  clock_->set(kStart + 30s);
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.retried == 2; }, kPatience));
  EXPECT_EQ(stored(key).next_attempt, kStart + 90s);  // doubled: 60 s after the second attempt

  clock_->set(kStart + 90s);
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.delivered == 1; }, kPatience));
  m = stored(key);
  EXPECT_EQ(m.status, OutboxStatus::kDelivered);
  EXPECT_EQ(m.attempts, 3);
  EXPECT_EQ(staff->sent().size(), 3u);
  for (const Notification& n : staff->sent()) EXPECT_EQ(n.idempotency_key, key);  // one key for all
}

TEST_F(DelivererTest, RetriesAreJitteredByTheInjectedSourceWithinTheirBound) {
  // A fixed draw: 30 s less floor(30 * 10 % * 0.5) = 29 s.
  {
    const std::string key = std::to_string(queue({message("staff", "一")})) + ":1:0";
    auto staff = std::make_shared<ScriptedNotifier>(std::deque<DeliveryResult>{},
                                                    DeliveryResult::retry("HTTP 503"));
    OutboxDelivererOptions options;
    options.jitter = [] { return 0.5; };
    auto deliverer = start({{"staff", staff, {}}}, options);
    ASSERT_TRUE(
        deliverer->wait_for([](const DeliveryStats& s) { return s.retried == 1; }, kPatience));
    EXPECT_EQ(stored(key).next_attempt, kStart + 29s);
  }
  // Seeded draws over many messages that failed together: each first retry within [27 s, 30 s],
  // and not all at one instant.
  store_ = std::make_shared<MemoryStore>();
  constexpr int kMessages = 40;
  for (int i = 0; i < kMessages; ++i) queue({message("staff", "一")});
  auto staff = std::make_shared<ScriptedNotifier>(std::deque<DeliveryResult>{},
                                                  DeliveryResult::retry("HTTP 503"));
  OutboxDelivererOptions options;
  options.jitter = make_jitter_source(20261127);
  auto deliverer = start({{"staff", staff, {}}}, options);
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.retried == kMessages; },
                                  kPatience));
  std::set<TimePoint> times;
  for (const OutboxMessage& m : store_->outbox({})) {
    EXPECT_GE(m.next_attempt, kStart + 27s) << m.key;
    EXPECT_LE(m.next_attempt, kStart + 30s) << m.key;
    times.insert(m.next_attempt);
  }
  EXPECT_GE(times.size(), 3u);
}

TEST_F(DelivererTest, GivesUpAfterTheCapAndReportsTheDeadLetter) {
  const TicketId id = queue({message("staff", "一")});
  const std::string key = std::to_string(id) + ":1:0";
  auto staff = std::make_shared<ScriptedNotifier>(std::deque<DeliveryResult>{},
                                                  DeliveryResult::retry("no answer within 700 ms"));
  auto deliverer = start({{"staff", staff, {3, Duration{10}, Duration{15}}}});
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.retried == 1; }, kPatience));
  EXPECT_EQ(stored(key).next_attempt, kStart + 10s);
  clock_->set(kStart + 10s);
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.retried == 2; }, kPatience));
  EXPECT_EQ(stored(key).next_attempt, kStart + 25s);  // 20 s, capped at 15 s
  clock_->set(kStart + 25s);
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.dead == 1; }, kPatience));
  const OutboxMessage m = stored(key);
  EXPECT_EQ(m.status, OutboxStatus::kDead);
  EXPECT_EQ(m.attempts, 3);
  EXPECT_EQ(m.last_error, "no answer within 700 ms");
  EXPECT_EQ(staff->sent().size(), 3u);
  EXPECT_EQ(problems(), (std::vector<std::string>{"staff: " + key +
                                                  " is a dead letter after 3 attempts: no answer within 700 ms"}));
  // Nothing more happens to it.
  clock_->set(kStart + 24h);
  const std::uint64_t rounds = deliverer->stats().rounds;
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([&](const DeliveryStats& s) { return s.rounds > rounds; }, kPatience));
  EXPECT_EQ(staff->sent().size(), 3u);
}

TEST_F(DelivererTest, APermanentFailureIsADeadLetterAtOnce) {
  const TicketId id = queue({message("staff", "一")});
  auto staff = std::make_shared<ScriptedNotifier>(std::deque<DeliveryResult>{},
                                                  DeliveryResult::failed("HTTP 400: bad request"));
  auto deliverer = start({{"staff", staff, {}}});
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.dead == 1; }, kPatience));
  const OutboxMessage m = stored(std::to_string(id) + ":1:0");
  EXPECT_EQ(m.status, OutboxStatus::kDead);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.last_error, "HTTP 400: bad request");
  EXPECT_THAT(problems().at(0), HasSubstr("is a dead letter after 1 attempt: HTTP 400: bad request"));
}

TEST_F(DelivererTest, AHangingChannelHoldsUpOnlyItself) {
  const TicketId id = queue({message("stuck", "一"), message("staff", "二")});
  auto stuck = std::make_shared<ScriptedNotifier>();
  stuck->hang();
  auto staff = std::make_shared<ScriptedNotifier>();
  auto deliverer = start({{"stuck", stuck, {}}, {"staff", staff, {}}});
  ASSERT_TRUE(stuck->wait_for_sends(1));
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.delivered == 1; }, kPatience));
  EXPECT_EQ(staff->sent().at(0).subject, "二");
  const OutboxMessage claimed = stored(std::to_string(id) + ":1:0");
  EXPECT_EQ(claimed.status, OutboxStatus::kPending);
  EXPECT_EQ(claimed.next_attempt, kStart + Duration{15 * 60});  // held by its claim's lease
  stuck->release();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.delivered == 2; }, kPatience));
}

TEST_F(DelivererTest, AMessageClaimedByADeliverThatDiedIsSentAgainAfterTheLease) {
  const TicketId id = queue({message("staff", "一"), message("staff", "二")});
  const std::string first = std::to_string(id) + ":1:0";
  const std::string second = std::to_string(id) + ":1:1";
  // A deliverer claimed both and died: the first on its first attempt, the second on its last.
  ASSERT_TRUE(store_->claim_outbox(first, kStart, kStart + 60s));
  ASSERT_TRUE(store_->claim_outbox(second, kStart, kStart + 60s));
  ASSERT_TRUE(store_->fail_outbox(second, 1, kStart, "HTTP 503", kStart));
  ASSERT_TRUE(store_->claim_outbox(second, kStart, kStart + 60s));  // attempt 2 of 2
  auto staff = std::make_shared<ScriptedNotifier>();
  auto deliverer = start({{"staff", staff, {2, Duration{30}, Duration{60}}}});
  ASSERT_TRUE(deliverer->wait_for([&](const DeliveryStats& s) { return s.rounds >= 1; }, kPatience));
  EXPECT_TRUE(staff->sent().empty());  // both are still leased

  clock_->set(kStart + 60s);
  deliverer->poke();
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.delivered == 1 && s.dead == 1; }, kPatience));
  ASSERT_EQ(staff->sent().size(), 1u);
  EXPECT_EQ(staff->sent()[0].idempotency_key, first);  // sent again, with the same key
  EXPECT_EQ(stored(first).attempts, 2);
  const OutboxMessage gone = stored(second);
  EXPECT_EQ(gone.status, OutboxStatus::kDead);
  EXPECT_EQ(gone.last_error, "gave up after 2 attempts; the last one never finished (HTTP 503)");
}

TEST_F(DelivererTest, StopLeavesUnsentMessagesPending) {
  auto staff = std::make_shared<ScriptedNotifier>();
  staff->hang();
  const TicketId id = queue({message("staff", "一"), message("staff", "二")});
  auto deliverer = start({{"staff", staff, {}}});
  ASSERT_TRUE(staff->wait_for_sends(1));
  std::thread releaser([&] {
    std::this_thread::sleep_for(100ms);
    staff->release();
  });
  deliverer->stop();  // finishes the send in progress, sends nothing more
  releaser.join();
  EXPECT_EQ(stored(std::to_string(id) + ":1:0").status, OutboxStatus::kDelivered);
  EXPECT_EQ(stored(std::to_string(id) + ":1:1").status, OutboxStatus::kPending);
  EXPECT_EQ(stored(std::to_string(id) + ":1:1").attempts, 0);
}

TEST_F(DelivererTest, WakesWhenTheEngineQueuesNotifications) {
  EngineOptions options = shipped_engine_options(clock_);
  NotificationChannel staff_channel;
  staff_channel.name = "staff";
  staff_channel.people = true;
  options.notifications.channels = {staff_channel};
  Engine engine(store_, std::move(options));
  ASSERT_FALSE(has_errors(engine.load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml")));
  auto staff = std::make_shared<ScriptedNotifier>();
  OutboxDelivererOptions deliverer_options;
  deliverer_options.events = &engine.events();
  deliverer_options.max_sleep = std::chrono::hours(1);  // only the bus can wake it in time
  auto deliverer = start({{"staff", staff, {}}}, deliverer_options);
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.rounds >= 1; }, kPatience));

  auto created = engine.create("repair",
                               {{"location", Value("3-2-1201")}, {"category", Value("plumbing")},
                                {"description", Value("厨房水管漏水")}},
                               {"wang", "front_desk"});
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(engine.fire(created.value().id, "dispatch", {{"assignee", Value("li")}}, {"wang", "front_desk"}).ok());
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.delivered == 1; }, kPatience));
  EXPECT_EQ(staff->sent().at(0).recipient, "li");
  EXPECT_EQ(staff->sent().at(0).idempotency_key, std::to_string(created.value().id) + ":2:0");
}

// A notifier that breaks its contract by throwing.
class ThrowingNotifier final : public Notifier {
 public:
  DeliveryResult send(const Notification&) override { throw std::runtime_error("out of paper"); }
};

TEST_F(DelivererTest, ANotifierThatThrowsIsRetriedAndTheDelivererCarriesOn) {
  const TicketId id = queue({message("broken", "一"), message("staff", "二")});
  auto staff = std::make_shared<ScriptedNotifier>();
  auto deliverer = start({{"broken", std::make_shared<ThrowingNotifier>(), {}}, {"staff", staff, {}}});
  ASSERT_TRUE(deliverer->wait_for([](const DeliveryStats& s) { return s.retried == 1 && s.delivered == 1; },
                                  kPatience));
  const OutboxMessage m = stored(std::to_string(id) + ":1:0");
  EXPECT_EQ(m.status, OutboxStatus::kPending);
  EXPECT_EQ(m.last_error, "notifier threw: out of paper");
  EXPECT_EQ(m.next_attempt, kStart + 30s);
}

TEST_F(DelivererTest, RefusesBadChannels) {
  const auto error = [&](std::vector<DeliveryChannel> channels) {
    try {
      OutboxDeliverer d(store_, std::move(channels));
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  auto n = std::make_shared<ScriptedNotifier>();
  EXPECT_EQ(error({{"a", nullptr, {}}}), "channel 'a' has no notifier");
  EXPECT_EQ(error({{"a", n, {}}, {"a", n, {}}}), "two channels are named 'a'");
  EXPECT_EQ(error({{"a", n, {0, Duration{1}, Duration{1}}}}), "channel 'a': retry: max_attempts must be at least 1, not 0");
  EXPECT_THROW(OutboxDeliverer(nullptr, {}), std::invalid_argument);
}

// A built-in notifier type for delivery_channels(): refuses settings without `to`.
class MemoType final : public NotifierType {
 public:
  [[nodiscard]] std::string_view name() const override { return "memo"; }
  [[nodiscard]] std::unique_ptr<Notifier> create(const Settings& settings) const override {
    if (!settings.contains("to")) throw std::invalid_argument("notifier 'memo': setting 'to' is required");
    return std::make_unique<ScriptedNotifier>();
  }
};

TEST(DeliveryChannelsTest, MakesEachConfiguredChannelOrSaysWhyNot) {
  PluginRegistry registry;
  PluginRegistry::Additions additions;
  additions.notifiers.push_back(std::make_shared<MemoType>());
  registry.add(std::move(additions));

  NotifierConfig good;
  good.name = "desk_log";
  good.type = "memo";
  good.settings = {{"to", "x"}};
  good.roles = {"*"};
  good.retry = {4, Duration{5}, Duration{50}};
  const std::vector<DeliveryChannel> channels = delivery_channels({good}, registry);
  ASSERT_EQ(channels.size(), 1u);
  EXPECT_EQ(channels[0].name, "desk_log");
  EXPECT_TRUE(channels[0].notifier);
  EXPECT_EQ(channels[0].retry, (RetryPolicy{4, Duration{5}, Duration{50}}));

  NotifierConfig typo = good;
  typo.name = "staff";
  typo.type = "mem";
  typo.where = {"propdesk.yaml", 12, 3};
  NotifierConfig unset = good;
  unset.name = "other";
  unset.settings.clear();
  try {
    (void)delivery_channels({good, typo, unset}, registry);
    ADD_FAILURE() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "notifier 'staff' (propdesk.yaml:12:3): no notifier type 'mem' is loaded (did you mean "
              "'memo'?) (types: memo; load the plugin that provides it under plugins: in propdesk.yaml)\n"
              "notifier 'other': notifier 'memo': setting 'to' is required");
  }
}

// --- deliver_due(): one round, in the caller's thread ---------------------------------------

TEST_F(DelivererTest, ARoundSendsWhatIsDueOnceAndLeavesRetriesForLater) {
  const TicketId id = queue({message("staff", "一"), message("staff", "二"), message("log", "三"),
                             message("elsewhere", "四")});
  auto staff = std::make_shared<ScriptedNotifier>(
      std::deque<DeliveryResult>{DeliveryResult::retry("HTTP 503")});
  auto log = std::make_shared<ScriptedNotifier>();
  const std::vector<DeliveryChannel> channels{{"staff", staff, {}}, {"log", log, {}}};
  DeliveryRoundOptions options;
  options.clock = clock_;
  options.jitter = [] { return 0.0; };
  options.batch = 1;  // several reads per channel

  const std::vector<DeliveryAttempt> first = deliver_due(*store_, channels, options);
  ASSERT_EQ(first.size(), 3u);
  const std::string k = std::to_string(id) + ":1:";
  // Channel by channel in the order given; each channel's messages oldest first.
  EXPECT_EQ(first[0].key, k + "0");
  EXPECT_EQ(first[0].outcome, DeliveryAttempt::Outcome::kRetry);
  EXPECT_EQ(first[0].retry_at, kStart + 30s);
  EXPECT_EQ(first[0].error, "HTTP 503");
  EXPECT_EQ(first[1].key, k + "1");
  EXPECT_EQ(first[1].outcome, DeliveryAttempt::Outcome::kDelivered);
  EXPECT_EQ(first[2].channel, "log");
  EXPECT_EQ(first[2].outcome, DeliveryAttempt::Outcome::kDelivered);
  EXPECT_EQ(first[2].attempt, 1);
  EXPECT_EQ(staff->sent().size(), 2u);
  // The message of a channel not in the round is left pending.
  EXPECT_EQ(stored(k + "3").status, OutboxStatus::kPending);
  EXPECT_EQ(stored(k + "3").attempts, 0);

  // At once again: nothing is due, nothing is sent.
  EXPECT_TRUE(deliver_due(*store_, channels, options).empty());
  EXPECT_EQ(staff->sent().size(), 2u);
  // When the retry is due it is sent, as attempt 2.
  clock_->set(kStart + 30s);
  const std::vector<DeliveryAttempt> later = deliver_due(*store_, channels, options);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].key, k + "0");
  EXPECT_EQ(later[0].attempt, 2);
  EXPECT_EQ(later[0].outcome, DeliveryAttempt::Outcome::kDelivered);
  EXPECT_EQ(store_->outbox_counts(), (OutboxCounts{1, 3, 0}));
}

TEST_F(DelivererTest, ARoundLeavesAMessageAnotherDelivererHoldsAndReportsDeadLetters) {
  const TicketId id = queue({message("staff", "一"), message("staff", "二")});
  const std::string held = std::to_string(id) + ":1:0";
  ASSERT_TRUE(store_->claim_outbox(held, kStart, kStart + 15min));  // another process is sending it
  auto staff = std::make_shared<ScriptedNotifier>(std::deque<DeliveryResult>{},
                                                  DeliveryResult::failed("HTTP 400: bad request"));
  DeliveryRoundOptions options;
  options.clock = clock_;
  const std::vector<DeliveryAttempt> done = deliver_due(*store_, {{"staff", staff, {}}}, options);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].key, std::to_string(id) + ":1:1");
  EXPECT_EQ(done[0].outcome, DeliveryAttempt::Outcome::kDead);
  EXPECT_EQ(done[0].error, "HTTP 400: bad request");
  EXPECT_FALSE(done[0].retry_at);
  EXPECT_EQ(staff->sent().size(), 1u);
  EXPECT_EQ(stored(held).attempts, 1);  // untouched by the round
  EXPECT_THROW(deliver_due(*store_, {{"staff", staff, {}}, {"staff", staff, {}}}, options),
               std::invalid_argument);
  EXPECT_THROW(deliver_due(*store_, {{"staff", nullptr, {}}}, options), std::invalid_argument);
}

}  // namespace
}  // namespace propdesk
