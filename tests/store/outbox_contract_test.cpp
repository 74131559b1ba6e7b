// The outbox part of the Store contract (propdesk/store.hpp, propdesk/outbox.hpp), run against
// every store: messages committed with their item (all or nothing), completed by the store, found
// when due, claimed once, acknowledged, retried, dead-lettered.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "propdesk/jitter_source.hpp"
#include "propdesk/store.hpp"
#include "store/store_kinds.hpp"
#include "store/store_test_support.hpp"

namespace propdesk {
namespace {

using namespace testing_support;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class OutboxContract : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override { store_ = GetParam().make(dir_.path()); }

  // Creates a repair ticket queueing `messages`; returns it as stored.
  Ticket create(std::vector<OutboxMessage> messages = {}, TimePoint at = t0()) {
    NewTicket item = new_repair({{"location", "3-2-1502"}}, at);
    item.outbox = std::move(messages);
    const CommitOutcome outcome = store_->create(item);
    EXPECT_TRUE(outcome.ok()) << outcome.message;
    return item.ticket;
  }

  // Updates the stored ticket `id`, queueing `messages`; returns the outcome.
  CommitOutcome update(TicketId id, std::vector<OutboxMessage> messages) {
    Update u = change(*store_->get(id), "dispatch", "dispatched");
    u.outbox = std::move(messages);
    return store_->update(u);
  }

  std::vector<std::string> keys(const std::vector<OutboxMessage>& messages) {
    std::vector<std::string> out;
    for (const OutboxMessage& m : messages) out.push_back(m.key);
    return out;
  }

  std::vector<OutboxMessage> everything() { return store_->outbox({}); }
  std::vector<OutboxMessage> all_due() { return store_->due_outbox(TimePoint::max(), 1000, ""); }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(OutboxContract, AnEmptyStoreHasNothingToSend) {
  EXPECT_TRUE(all_due().empty());
  EXPECT_EQ(store_->next_outbox_attempt(""), std::nullopt);
  EXPECT_EQ(store_->outbox_counts(), OutboxCounts{});
  create();  // a change without notifications queues none
  EXPECT_TRUE(everything().empty());
  EXPECT_FALSE(store_->claim_outbox("1:1:0", t0(), t0(Duration{60})));
  EXPECT_FALSE(store_->acknowledge_outbox("1:1:0", t0()));
  EXPECT_FALSE(store_->fail_outbox("1:1:0", 1, t0(), "x", std::nullopt));
}

TEST_P(OutboxContract, TheStoreCompletesEveryMessageOfAnItem) {
  const Ticket t = create({message("staff_group"), message("desk_log", "派工单 2")});
  const std::vector<OutboxMessage> queued = everything();
  ASSERT_EQ(queued.size(), 2u);
  const std::string prefix = std::to_string(t.id) + ":1:";
  for (int i = 0; i < 2; ++i) {
    const OutboxMessage& m = queued[static_cast<std::size_t>(i)];
    EXPECT_EQ(m.key, prefix + std::to_string(i));
    EXPECT_EQ(m.ticket, t.id);
    EXPECT_EQ(m.seq, 1);
    EXPECT_EQ(m.index, i);
    EXPECT_EQ(m.status, OutboxStatus::kPending);
    EXPECT_EQ(m.attempts, 0);
    EXPECT_EQ(m.created_at, t0());
    EXPECT_EQ(m.next_attempt, t0());
    EXPECT_EQ(m.last_error, "");
    // The notification now carries what the creation could not know.
    EXPECT_EQ(m.notification.idempotency_key, m.key);
    EXPECT_EQ(m.notification.ticket_id, t.id);
    EXPECT_EQ(m.notification.ticket_code, "BX-20261126-0001");
  }
  EXPECT_EQ(queued[0].channel, "staff_group");
  EXPECT_EQ(queued[1].channel, "desk_log");

  // Every member of the notification comes back as it went in.
  OutboxMessage expected = message("staff_group");
  expected.key = prefix + "0";
  expected.ticket = t.id;
  expected.seq = 1;
  expected.created_at = t0();
  expected.next_attempt = t0();
  expected.notification.idempotency_key = expected.key;
  expected.notification.ticket_id = t.id;
  expected.notification.ticket_code = "BX-20261126-0001";
  EXPECT_EQ(queued[0], expected);
}

TEST_P(OutboxContract, AnUpdateQueuesUnderItsEntry) {
  const Ticket t = create({message("staff_group")});
  ASSERT_TRUE(update(t.id, {message("staff_group"), message("desk_log")}).ok());
  const std::string id = std::to_string(t.id);
  EXPECT_THAT(keys(everything()), ElementsAre(id + ":1:0", id + ":2:0", id + ":2:1"));
  const std::vector<OutboxMessage> second = store_->outbox(page(of_ticket(t.id), 1000, 1));
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].seq, 2);
  EXPECT_EQ(second[0].created_at, t0(Duration{60}));  // the update's entry time
  EXPECT_EQ(second[0].notification.ticket_code, t.code);
}

TEST_P(OutboxContract, AConflictingOrRefusedItemQueuesNothing) {
  const Ticket t = create();
  Update stale = change(t, "dispatch", "dispatched");
  stale.expected_version = 7;
  stale.outbox = {message("staff_group")};
  EXPECT_EQ(store_->update(stale).status, CommitOutcome::Status::kConflict);

  OutboxMessage bad = message("staff_group");
  bad.notification.body = "broken \xff text";
  Update refused = change(t, "dispatch", "dispatched");
  refused.outbox = {message("staff_group"), bad};
  const CommitOutcome outcome = store_->update(refused);
  EXPECT_EQ(outcome.status, CommitOutcome::Status::kRejected);
  EXPECT_EQ(outcome.message, "outbox message 1: body is not valid UTF-8 (bad byte at offset 7)");
  EXPECT_EQ(store_->get(t.id)->version, 1);  // the change itself was refused with its messages
  EXPECT_TRUE(everything().empty());
}

TEST_P(OutboxContract, RefusesMessagesThatCannotBeStored) {
  const auto refusal = [&](OutboxMessage m) {
    NewTicket item = new_repair();
    item.outbox = {std::move(m)};
    const CommitOutcome outcome = store_->create(item);
    EXPECT_EQ(outcome.status, CommitOutcome::Status::kRejected);
    return outcome.message;
  };
  EXPECT_EQ(refusal(message("")), "outbox message 0: channel is empty");
  EXPECT_EQ(refusal(message(std::string(kMaxNameBytes + 1, 'c'))),
            "outbox message 0: channel is 4097 bytes long, more than the limit of 4096");
  OutboxMessage delivered = message("staff_group");
  delivered.status = OutboxStatus::kDelivered;
  EXPECT_EQ(refusal(delivered), "outbox message 0: status is 'delivered'; queue it pending or dead");
  OutboxMessage recipient = message("staff_group");
  recipient.notification.recipient = "\xc3";
  EXPECT_EQ(refusal(recipient), "outbox message 0: recipient is not valid UTF-8 (bad byte at offset 0)");
  OutboxMessage field = message("staff_group");
  field.notification.fields["note"] = "\xfe";
  EXPECT_THAT(refusal(field), HasSubstr("outbox message 0: fields: "));
  OutboxMessage huge = message("staff_group");
  huge.notification.body = std::string(kMaxOutboxMessageBytes, 'x');
  EXPECT_THAT(refusal(huge), HasSubstr("outbox message 0: takes "));
  EXPECT_TRUE(everything().empty());
  EXPECT_TRUE(store_->ticket_ids(0, 10).empty());
}

TEST_P(OutboxContract, InABatchOnlyTheItemsThatCommitQueue) {
  const Ticket a = create();
  const Ticket b = create();
  std::vector<Update> updates = {change(a, "dispatch", "dispatched"), change(b, "dispatch", "dispatched")};
  updates[0].outbox = {message("staff_group")};
  updates[1].outbox = {message("staff_group")};
  updates[1].expected_version = 5;  // conflicts
  std::vector<NewTicket> creates = {new_repair()};
  creates[0].outbox = {message("desk_log")};
  const auto outcomes = store_->commit(creates, updates);
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_TRUE(outcomes[0].ok());
  EXPECT_TRUE(outcomes[1].ok());
  EXPECT_FALSE(outcomes[2].ok());
  EXPECT_THAT(keys(everything()), ElementsAre(std::to_string(a.id) + ":2:0",
                                              std::to_string(creates[0].ticket.id) + ":1:0"));
}

TEST_P(OutboxContract, AMessageNoChannelTakesIsKeptAsADeadLetter) {
  OutboxMessage unroutable = message("", "派工单", "resident");
  unroutable.status = OutboxStatus::kDead;
  unroutable.last_error = "no notifier takes role 'resident'";
  const Ticket t = create({unroutable, message("staff_group")});
  EXPECT_THAT(keys(all_due()), ElementsAre(std::to_string(t.id) + ":1:1"));
  const auto dead = store_->outbox(with_status(OutboxStatus::kDead));
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].last_error, "no notifier takes role 'resident'");
  EXPECT_EQ(dead[0].channel, "");
  EXPECT_EQ(store_->outbox_counts(), (OutboxCounts{1, 0, 1}));
}

TEST_P(OutboxContract, DueMessagesAreOrderedAndFilteredByChannel) {
  const Ticket late = create({message("b"), message("a")}, t0(Duration{100}));
  const Ticket early = create({message("a")}, t0());
  const std::string l = std::to_string(late.id);
  const std::string e = std::to_string(early.id);
  // (next_attempt, ticket, seq, index)
  EXPECT_THAT(keys(all_due()), ElementsAre(e + ":1:0", l + ":1:0", l + ":1:1"));
  EXPECT_THAT(keys(store_->due_outbox(t0(Duration{99}), 10, "")), ElementsAre(e + ":1:0"));
  EXPECT_THAT(keys(store_->due_outbox(t0(Duration{100}), 10, "")),  // until is inclusive
              ElementsAre(e + ":1:0", l + ":1:0", l + ":1:1"));
  EXPECT_THAT(keys(store_->due_outbox(t0(Duration{100}), 2, "")), ElementsAre(e + ":1:0", l + ":1:0"));
  EXPECT_TRUE(store_->due_outbox(t0(Duration{100}), 0, "").empty());
  EXPECT_THAT(keys(store_->due_outbox(t0(Duration{100}), 10, "a")), ElementsAre(e + ":1:0", l + ":1:1"));
  EXPECT_THAT(keys(store_->due_outbox(t0(Duration{100}), 10, "b")), ElementsAre(l + ":1:0"));
  EXPECT_TRUE(store_->due_outbox(t0(Duration{100}), 10, "c").empty());
  EXPECT_EQ(store_->next_outbox_attempt(""), t0());
  EXPECT_EQ(store_->next_outbox_attempt("b"), t0(Duration{100}));
  EXPECT_EQ(store_->next_outbox_attempt("c"), std::nullopt);
  EXPECT_THAT(keys(store_->outbox(of_channel("a"))), ElementsAre(l + ":1:1", e + ":1:0"));
}

TEST_P(OutboxContract, AClaimTakesADueMessageOnceUntilItsLeaseRunsOut) {
  const Ticket t = create({message("staff_group")});
  const std::string key = std::to_string(t.id) + ":1:0";
  EXPECT_FALSE(store_->claim_outbox(key, t0(Duration{-1}), t0(Duration{600})));  // not due yet
  const auto claimed = store_->claim_outbox(key, t0(), t0(Duration{600}));
  ASSERT_TRUE(claimed);
  EXPECT_EQ(claimed->attempts, 1);
  EXPECT_EQ(claimed->next_attempt, t0(Duration{600}));
  EXPECT_EQ(claimed->status, OutboxStatus::kPending);
  EXPECT_EQ(claimed->notification.subject, "派工单");
  // Claimed: not due to anybody else until the lease ends.
  EXPECT_TRUE(store_->due_outbox(t0(Duration{599}), 10, "").empty());
  EXPECT_FALSE(store_->claim_outbox(key, t0(Duration{599}), t0(Duration{1200})));
  EXPECT_EQ(store_->next_outbox_attempt(""), t0(Duration{600}));
  // A deliverer that died while sending: the message is claimable again after the lease.
  const auto again = store_->claim_outbox(key, t0(Duration{600}), t0(Duration{1200}));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->attempts, 2);
  EXPECT_EQ(store_->outbox({})[0], *again);
}

TEST_P(OutboxContract, AcknowledgedMessagesAreDelivered) {
  const Ticket t = create({message("staff_group"), message("staff_group")});
  const std::string key = std::to_string(t.id) + ":1:0";
  ASSERT_TRUE(store_->claim_outbox(key, t0(), t0(Duration{600})));
  EXPECT_TRUE(store_->acknowledge_outbox(key, t0(Duration{5})));
  EXPECT_FALSE(store_->acknowledge_outbox(key, t0(Duration{6})));  // once
  const OutboxMessage m = store_->outbox(with_status(OutboxStatus::kDelivered)).at(0);
  EXPECT_EQ(m.key, key);
  EXPECT_EQ(m.next_attempt, t0(Duration{5}));
  EXPECT_EQ(m.attempts, 1);
  EXPECT_THAT(keys(all_due()), ElementsAre(std::to_string(t.id) + ":1:1"));
  EXPECT_FALSE(store_->claim_outbox(key, t0(Duration{9999}), t0(Duration{99999})));
  EXPECT_FALSE(store_->fail_outbox(key, 1, t0(Duration{7}), "late", std::nullopt));
  EXPECT_EQ(store_->outbox_counts(), (OutboxCounts{1, 1, 0}));
}

TEST_P(OutboxContract, AFailedAttemptIsRetriedThenDeadLettered) {
  const Ticket t = create({message("staff_group")});
  const std::string key = std::to_string(t.id) + ":1:0";
  ASSERT_TRUE(store_->claim_outbox(key, t0(), t0(Duration{600})));
  EXPECT_TRUE(store_->fail_outbox(key, 1, t0(Duration{10}), "HTTP 503: try later", t0(Duration{40})));
  OutboxMessage m = everything().at(0);
  EXPECT_EQ(m.status, OutboxStatus::kPending);
  EXPECT_EQ(m.next_attempt, t0(Duration{40}));
  EXPECT_EQ(m.last_error, "HTTP 503: try later");
  EXPECT_TRUE(store_->due_outbox(t0(Duration{39}), 10, "").empty());
  EXPECT_EQ(all_due().size(), 1u);

  // A report about an attempt that is not the current claim changes nothing.
  ASSERT_TRUE(store_->claim_outbox(key, t0(Duration{40}), t0(Duration{640})));
  EXPECT_FALSE(store_->fail_outbox(key, 1, t0(Duration{41}), "stale", std::nullopt));
  EXPECT_TRUE(store_->fail_outbox(key, 2, t0(Duration{50}), "HTTP 400: bad request", std::nullopt));
  m = everything().at(0);
  EXPECT_EQ(m.status, OutboxStatus::kDead);
  EXPECT_EQ(m.next_attempt, t0(Duration{50}));
  EXPECT_EQ(m.last_error, "HTTP 400: bad request");
  EXPECT_TRUE(all_due().empty());
  EXPECT_EQ(store_->next_outbox_attempt(""), std::nullopt);
  EXPECT_EQ(store_->outbox(with_status(OutboxStatus::kDead)), std::vector<OutboxMessage>{m});
  EXPECT_FALSE(store_->claim_outbox(key, t0(Duration{9999}), t0(Duration{99999})));

  // A dead letter that was in fact delivered (a late acknowledgement) is delivered.
  EXPECT_TRUE(store_->acknowledge_outbox(key, t0(Duration{60})));
  EXPECT_EQ(store_->outbox_counts(), (OutboxCounts{0, 1, 0}));
}

TEST_P(OutboxContract, ErrorsAreKeptShortAndUtf8) {
  const Ticket t = create({message("staff_group")});
  const std::string key = std::to_string(t.id) + ":1:0";
  ASSERT_TRUE(store_->claim_outbox(key, t0(), t0(Duration{600})));
  std::string error = "bad \xff byte ";
  while (error.size() < 3 * kMaxOutboxErrorBytes) error += "错误";
  ASSERT_TRUE(store_->fail_outbox(key, 1, t0(), error, t0(Duration{30})));
  const std::string kept = everything().at(0).last_error;
  EXPECT_LE(kept.size(), kMaxOutboxErrorBytes);
  EXPECT_GT(kept.size(), kMaxOutboxErrorBytes - 3);  // cut at a character boundary
  EXPECT_EQ(kept.rfind("bad ? byte 错误", 0), 0u);
  const std::string last = kept.substr(kept.size() - 3);
  EXPECT_TRUE(last == "错" || last == "误") << last;
}

TEST_P(OutboxContract, ListingsPage) {
  for (int i = 0; i < 5; ++i) create({message("a"), message("b")});
  EXPECT_EQ(everything().size(), 10u);
  const auto second_page = store_->outbox(page(of_channel("b"), 2, 1));
  ASSERT_EQ(second_page.size(), 2u);
  EXPECT_EQ(second_page[0].key, "2:1:1");
  EXPECT_EQ(second_page[1].key, "3:1:1");
  EXPECT_EQ(store_->outbox(of_ticket(4)).size(), 2u);
  EXPECT_EQ(store_->outbox_counts(), (OutboxCounts{10, 0, 0}));
}

TEST_P(OutboxContract, ConcurrentClaimsTakeEachMessageOnce) {
  constexpr int kMessages = 40;
  constexpr int kThreads = 6;
  for (int i = 0; i < kMessages / 2; ++i) create({message("a"), message("a")});
  std::atomic<int> claims{0};
  std::vector<std::thread> threads;
  for (int n = 0; n < kThreads; ++n) {
    threads.emplace_back([&] {
      for (const OutboxMessage& m : store_->due_outbox(t0(), 1000, "a")) {
        if (auto claimed = store_->claim_outbox(m.key, t0(), t0(Duration{600}))) {
          ++claims;
          EXPECT_EQ(claimed->attempts, 1);
          EXPECT_TRUE(store_->acknowledge_outbox(m.key, t0()));
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(claims.load(), kMessages);
  EXPECT_EQ(store_->outbox_counts(), (OutboxCounts{0, kMessages, 0}));
}

TEST_P(OutboxContract, PurgeDeletesEndedMessagesBeforeATimeAndNeverPendingOnes) {
  // Four messages: delivered at +10 s, delivered at +100 s, dead at +20 s, pending (due long ago).
  const Ticket t = create({message("a"), message("a"), message("a"), message("a")});
  const auto key = [&](int i) { return std::to_string(t.id) + ":1:" + std::to_string(i); };
  const auto end = [&](int i, Duration at, bool delivered) {
    ASSERT_TRUE(store_->claim_outbox(key(i), t0(), t0(Duration{600})));
    if (delivered)
      ASSERT_TRUE(store_->acknowledge_outbox(key(i), t0(at)));
    else
      ASSERT_TRUE(store_->fail_outbox(key(i), 1, t0(at), "HTTP 400", std::nullopt));
  };
  end(0, Duration{10}, true);
  end(1, Duration{100}, true);
  end(2, Duration{20}, false);
  ASSERT_EQ(store_->outbox_counts(), (OutboxCounts{1, 2, 1}));

  const std::vector<OutboxStatus> delivered{OutboxStatus::kDelivered};
  const std::vector<OutboxStatus> dead{OutboxStatus::kDead};
  const std::vector<OutboxStatus> both{OutboxStatus::kDelivered, OutboxStatus::kDead};
  // Strictly before: the message delivered at +10 s stays at a cut-off of +10 s.
  EXPECT_EQ(store_->purge_outbox(t0(Duration{10}), delivered), 0);
  EXPECT_EQ(store_->purge_outbox(t0(Duration{11}), delivered), 1);
  EXPECT_THAT(keys(everything()), ElementsAre(key(1), key(2), key(3)));
  EXPECT_EQ(store_->purge_outbox(t0(Duration{11}), delivered), 0);  // nothing left to do
  // Only the statuses asked for.
  EXPECT_EQ(store_->purge_outbox(TimePoint::max(), dead), 1);
  EXPECT_THAT(keys(everything()), ElementsAre(key(1), key(3)));
  EXPECT_EQ(store_->purge_outbox(TimePoint::max(), both), 1);
  // The pending message stays, due as before, whatever the cut-off.
  EXPECT_THAT(keys(everything()), ElementsAre(key(3)));
  EXPECT_THAT(keys(all_due()), ElementsAre(key(3)));
  EXPECT_EQ(store_->outbox_counts(), (OutboxCounts{1, 0, 0}));
  EXPECT_TRUE(store_->claim_outbox(key(1), t0(Duration{9999}), t0(Duration{99999})) ==
              std::nullopt);
}

TEST_P(OutboxContract, PurgeRefusesPendingAndNothing) {
  create({message("a")});
  const std::vector<OutboxStatus> with_pending{OutboxStatus::kDelivered, OutboxStatus::kPending};
  EXPECT_THROW((void)store_->purge_outbox(TimePoint::max(), with_pending), std::invalid_argument);
  EXPECT_THROW((void)store_->purge_outbox(TimePoint::max(), {}), std::invalid_argument);
  EXPECT_EQ(store_->outbox_counts(), (OutboxCounts{1, 0, 0}));
}

TEST_P(OutboxContract, APurgedMessageKeyIsNotReusedByLaterChanges) {
  const Ticket t = create({message("a")});
  const std::string first = std::to_string(t.id) + ":1:0";
  ASSERT_TRUE(store_->claim_outbox(first, t0(), t0(Duration{600})));
  ASSERT_TRUE(store_->acknowledge_outbox(first, t0()));
  ASSERT_EQ(store_->purge_outbox(TimePoint::max(), std::vector{OutboxStatus::kDelivered}), 1);
  ASSERT_TRUE(update(t.id, {message("a")}).ok());
  EXPECT_THAT(keys(everything()), ElementsAre(std::to_string(t.id) + ":2:0"));
}

INSTANTIATE_TEST_SUITE_P(Stores, OutboxContract, ::testing::ValuesIn(every_store()), store_name);

// The retry policy's arithmetic, which every deliverer uses.
TEST(RetryPolicyTest, DoublesUpToTheCapThenGivesUp) {
  const RetryPolicy policy;  // 10 attempts, 30 s doubling to 1 h
  std::vector<std::int64_t> delays;
  for (int attempts = 1; attempts < policy.max_attempts; ++attempts)
    delays.push_back((*next_attempt_after(policy, attempts, t0()) - t0()).count());
  EXPECT_THAT(delays, ElementsAre(30, 60, 120, 240, 480, 960, 1920, 3600, 3600));
  EXPECT_EQ(next_attempt_after(policy, 10, t0()), std::nullopt);
  EXPECT_EQ(next_attempt_after({1, Duration{5}, Duration{5}}, 1, t0()), std::nullopt);
  // A huge attempt count never overflows.
  const RetryPolicy patient{1000000, Duration{1}, Duration{7200}};
  EXPECT_EQ(next_attempt_after(patient, 999999, t0()), t0(Duration{7200}));
}

TEST(RetryPolicyTest, JitterOnlyShortensADelayAndStaysWithinItsBound) {
  RetryPolicy policy;  // 30 s doubling to 1 h, jitter 0.1
  ASSERT_DOUBLE_EQ(policy.jitter, 0.1);
  // The extremes of the draw: nothing taken off, and (almost) the whole tenth.
  EXPECT_EQ(next_attempt_after(policy, 1, t0(), 0.0), t0(Duration{30}));
  EXPECT_EQ(next_attempt_after(policy, 1, t0(), 0.9999), t0(Duration{28}));  // 30 - floor(2.9997)
  EXPECT_EQ(next_attempt_after(policy, 8, t0(), 0.5), t0(Duration{3600 - 180}));
  EXPECT_EQ(next_attempt_after(policy, 8, t0(), 0.9999), t0(Duration{3600 - 359}));
  // Draws outside [0, 1) are clamped; the cap holds for every draw.
  EXPECT_EQ(next_attempt_after(policy, 1, t0(), -3.0), t0(Duration{30}));
  EXPECT_EQ(next_attempt_after(policy, 8, t0(), 7.0), t0(Duration{3600 - 359}));
  // Many draws of a seeded source: every delay within (d * 0.9 - 1 s, d], and spread out.
  const JitterSource draws = make_jitter_source(42);
  std::set<std::int64_t> seen;
  for (int i = 0; i < 500; ++i) {
    const auto delay = (*next_attempt_after(policy, 5, t0(), draws()) - t0()).count();  // d = 480 s
    EXPECT_LE(delay, 480);
    EXPECT_GT(delay, 480 * 9 / 10 - 1);
    seen.insert(delay);
  }
  EXPECT_GT(seen.size(), 30u);
  // Seeded sources repeat; no jitter means the nominal delay whatever the draw.
  const JitterSource a = make_jitter_source(7);
  const JitterSource b = make_jitter_source(7);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(a(), b());
  policy.jitter = 0.0;
  EXPECT_EQ(next_attempt_after(policy, 1, t0(), 0.9999), t0(Duration{30}));
}

TEST(RetryPolicyTest, BadPoliciesAreExplained) {
  EXPECT_EQ(check_retry_policy({3, Duration{30}, Duration{60}, 1.5}),
            "jitter must be between 0 and 1, not 1.500000");
  EXPECT_EQ(check_retry_policy({3, Duration{30}, Duration{60}, -0.1}),
            "jitter must be between 0 and 1, not -0.100000");
  EXPECT_EQ(check_retry_policy({}), "");
  EXPECT_EQ(check_retry_policy({0, Duration{30}, Duration{60}}), "max_attempts must be at least 1, not 0");
  EXPECT_EQ(check_retry_policy({3, Duration{0}, Duration{60}}), "first_delay must be longer than zero, not 0s");
  EXPECT_EQ(check_retry_policy({3, Duration{60}, Duration{30}}),
            "max_delay (30s) must be at least first_delay (60s)");
}

TEST(OutboxStatusTest, NamesRoundTrip) {
  for (const OutboxStatus s : {OutboxStatus::kPending, OutboxStatus::kDelivered, OutboxStatus::kDead})
    EXPECT_EQ(parse_outbox_status(to_string(s)), s);
  EXPECT_EQ(parse_outbox_status("Pending"), std::nullopt);
}

}  // namespace
}  // namespace propdesk
