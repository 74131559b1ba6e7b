// KvStore's own promises (propdesk/kv_store.hpp) and the reference backend MemoryKvBackend
// (propdesk/memory_kv_backend.hpp). The Store contract itself runs over KvStore in the contract
// suites (every_store(): "KvMemory").
#include "propdesk/kv_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "model/sha256.hpp"
#include "propdesk/kv_backend.hpp"
#include "propdesk/memory_kv_backend.hpp"
#include "propdesk/store_error.hpp"
#include "store/store_test_support.hpp"

namespace propdesk {
namespace {

using namespace testing_support;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Status = CommitOutcome::Status;

// Every key and value of a backend, in order.
std::map<std::string, std::string> contents(KvBackend& backend) {
  std::map<std::string, std::string> all;
  const auto tx = backend.begin(false);
  tx->scan("", "", [&](std::string_view key, std::string_view value) {
    all.emplace(key, value);
    return true;
  });
  return all;
}

void put(KvBackend& backend, const std::string& key, const std::string& value) {
  const auto tx = backend.begin(true);
  tx->put(key, value);
  tx->commit();
}

// Fault injection: a backend whose write transactions fail at commit while `fail` is set.
class FailingCommitBackend final : public KvBackend {
 public:
  explicit FailingCommitBackend(std::shared_ptr<KvBackend> inner) : inner_(std::move(inner)) {}

  std::unique_ptr<KvTransaction> begin(bool write) override {
    return std::make_unique<Transaction>(inner_->begin(write), write && fail.load());
  }
  std::string describe() const override { return "failing " + inner_->describe(); }

  std::atomic<bool> fail{false};

 private:
  class Transaction final : public KvTransaction {
   public:
    Transaction(std::unique_ptr<KvTransaction> inner, bool fail)
        : inner_(std::move(inner)), fail_(fail) {}
    std::optional<std::string> get(std::string_view key) override { return inner_->get(key); }
    void scan(std::string_view from, std::string_view to,
              const std::function<bool(std::string_view, std::string_view)>& visit) override {
      inner_->scan(from, to, visit);
    }
    void put(std::string_view key, std::string_view value) override { inner_->put(key, value); }
    void erase(std::string_view key) override { inner_->erase(key); }
    void commit() override {
      if (fail_) throw StoreError("injected: the disk is full");
      inner_->commit();
    }

   private:
    std::unique_ptr<KvTransaction> inner_;
    bool fail_;
  };

  std::shared_ptr<KvBackend> inner_;
};

StoredWorkflow stored_workflow(std::string name, int version, std::string text) {
  StoredWorkflow w;
  w.name = std::move(name);
  w.version = version;
  w.source_name = "repair.yaml";
  w.source_text = std::move(text);
  w.source_hash = sha256_hex(w.source_text);
  w.saved_at = t0();
  return w;
}

// --- opening ---------------------------------------------------------------------------------

TEST(KvStore, InitialisesAnEmptyBackendWithTheSchemaKey) {
  auto backend = std::make_shared<MemoryKvBackend>();
  KvStore store(backend);
  EXPECT_EQ(contents(*backend), (std::map<std::string, std::string>{{"propdesk/schema", "1"}}));
  KvStore again(backend);  // opens what it initialised
  EXPECT_EQ(contents(*backend).size(), 1u);
}

TEST(KvStore, RefusesABackendThatIsNotAPropdeskStoreAndWritesNothing) {
  auto backend = std::make_shared<MemoryKvBackend>();
  put(*backend, "customers/1", "Zhang");
  const auto before = contents(*backend);
  try {
    KvStore store(backend);
    FAIL() << "opened a foreign backend";
  } catch (const StoreError& e) {
    EXPECT_THAT(e.what(), HasSubstr("memory"));
    EXPECT_THAT(e.what(), HasSubstr("not a propdesk store"));
  }
  EXPECT_EQ(contents(*backend), before);
}

TEST(KvStore, RefusesANewerSchema) {
  auto backend = std::make_shared<MemoryKvBackend>();
  put(*backend, "propdesk/schema", "2");
  const auto before = contents(*backend);
  try {
    KvStore store(backend);
    FAIL() << "opened a newer schema";
  } catch (const StoreError& e) {
    EXPECT_THAT(e.what(), HasSubstr("memory"));
    EXPECT_THAT(e.what(), HasSubstr("newer"));
  }
  EXPECT_EQ(contents(*backend), before);
}

TEST(KvStore, RefusesAnUnreadableSchemaAndANullBackend) {
  auto backend = std::make_shared<MemoryKvBackend>();
  put(*backend, "propdesk/schema", "one");
  EXPECT_THROW(KvStore{backend}, StoreError);
  EXPECT_THROW(KvStore{nullptr}, std::invalid_argument);
}

// --- failures --------------------------------------------------------------------------------

TEST(KvStore, AFailedBackendCommitThrowsAndCommitsNothing) {
  auto backend = std::make_shared<FailingCommitBackend>(std::make_shared<MemoryKvBackend>());
  KvStore store(backend);
  NewTicket first = new_repair();
  ASSERT_TRUE(store.create(first).ok());

  backend->fail = true;
  std::vector<NewTicket> creates{new_repair(), new_repair()};
  NewTicket& with_timer = creates[0];
  with_timer.timers = schedule({timer("clock:response", 60)});
  with_timer.outbox = {message("wecom")};
  std::vector<Update> updates{change(first.ticket, "dispatch", "dispatched")};
  try {
    store.commit(creates, updates);
    FAIL() << "the failed commit was reported ok";
  } catch (const StoreError& e) {
    EXPECT_THAT(e.what(), HasSubstr("failing memory"));
    EXPECT_THAT(e.what(), HasSubstr("nothing was written"));
    EXPECT_THAT(e.what(), HasSubstr("the disk is full"));
  }
  EXPECT_EQ(creates[0].ticket.id, 0);  // not filled in
  EXPECT_EQ(updates[0].ticket.version, 1);
  EXPECT_THROW((void)store.reschedule(first.ticket.id, 1, schedule({timer("x", 1)})), StoreError);
  EXPECT_THROW((void)store.save_workflow(stored_workflow("repair", 1, "name: repair\n")),
               StoreError);

  EXPECT_EQ(store.ticket_ids(0, 10), std::vector<TicketId>{first.ticket.id});
  EXPECT_EQ(store.get(first.ticket.id)->version, 1);
  EXPECT_FALSE(store.next_timer());
  EXPECT_EQ(store.outbox_counts(), OutboxCounts{});
  EXPECT_TRUE(store.workflows().empty());

  backend->fail = false;  // the store still works, and the code counter has no gap
  NewTicket second = new_repair();
  const CommitOutcome outcome = store.create(second);
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  EXPECT_EQ(outcome.id, 2);
  EXPECT_EQ(outcome.code, "BX-20261126-0002");
  EXPECT_TRUE(store.verify_all().empty());
}

TEST(KvStore, ADamagedTicketRecordIsADamagedRecordErrorAndAProblemInVerify) {
  auto backend = std::make_shared<MemoryKvBackend>();
  KvStore store(backend);
  NewTicket a = new_repair();
  NewTicket b = new_repair();
  ASSERT_TRUE(store.create(a).ok());
  ASSERT_TRUE(store.create(b).ok());
  std::string key = "t/";
  key.append(7, '\0');
  key += '\1';
  ASSERT_TRUE(contents(*backend).contains(key));
  put(*backend, key, "garbage");
  EXPECT_THROW((void)store.get(1), DamagedRecordError);
  const auto problems = store.verify_all();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].ticket, 1);
  EXPECT_EQ(problems[0].seq, 0);
  EXPECT_THAT(problems[0].reason, HasSubstr("memory"));
  // An update of the damaged ticket fails alone.
  Update u = change(b.ticket, "dispatch", "dispatched");
  Update bad = u;
  bad.ticket.id = 1;
  std::vector<Update> updates{bad, u};
  const auto outcomes = store.commit({}, updates);
  EXPECT_EQ(outcomes[0].status, Status::kRejected);
  EXPECT_TRUE(outcomes[1].ok()) << outcomes[1].message;
}

// --- persistence in the backend --------------------------------------------------------------

TEST(KvStore, ReopeningFindsEverything) {
  auto backend = std::make_shared<MemoryKvBackend>();
  Ticket first;
  {
    KvStore store(backend);
    NewTicket a = new_repair();
    a.timers = schedule({timer("clock:response", 600)});
    a.outbox = {message("wecom"), message("sms")};
    ASSERT_TRUE(store.create(a).ok());
    NewTicket b = new_repair({{"location", "5-1-0101"}});
    ASSERT_TRUE(store.create(b).ok());
    Update u = change(a.ticket, "dispatch", "dispatched");
    u.ticket.clocks = sample_clocks();
    u.timers = schedule({timer("after:0", 300)});
    ASSERT_TRUE(store.update(u).ok());
    ASSERT_TRUE(store.save_workflow(stored_workflow("repair", 1, "name: repair\n")).ok());
    ASSERT_TRUE(store.claim_outbox("1:1:0", t0(), t0(Duration{30})));
    first = u.ticket;
  }
  KvStore store(backend);
  EXPECT_EQ(store.get(first.id), first);
  EXPECT_EQ(store.find(first.code), first);
  EXPECT_EQ(store.history(first.id).size(), 2u);
  EXPECT_TRUE(store.verify_all().empty());
  EXPECT_THAT(store.timers(first.id),
              ElementsAre(Timer{first.id, "after:0", t0(Duration{300})},
                          Timer{first.id, "clock:response", t0(Duration{600})}));
  EXPECT_EQ(store.next_timer(), (Timer{first.id, "after:0", t0(Duration{300})}));
  EXPECT_EQ(store.outbox_counts().pending, 2);
  EXPECT_EQ(store.outbox(of_ticket(first.id))[0].attempts, 1);
  EXPECT_EQ(store.due_outbox(t0(), 10, "").size(), 1u);  // the other is claimed until t0 + 30 s
  EXPECT_EQ(store.workflows().size(), 1u);
  TicketQuery located;
  located.location = "5-1";
  EXPECT_EQ(store.query(located).size(), 1u);

  NewTicket c = new_repair();
  const CommitOutcome outcome = store.create(c);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.id, 3);
  EXPECT_EQ(outcome.code, "BX-20261126-0003");  // codes continue without a gap
}

// --- long names ------------------------------------------------------------------------------

TEST(KvStore, LongTimerKeysAreStoredAndOrderedBytewise) {
  KvStore store(std::make_shared<MemoryKvBackend>());
  const std::string common(300, 'k');  // longer than the part of a key that goes into the index
  std::vector<std::string> keys = {
      common + std::string(3796, 'z'),
      common + std::string(3796, 'a'),
      common + "m" + std::string(3795, 'b'),
      std::string(256, 'k'),  // exactly the part's length
      std::string(4096, 'k'),
      "k",
      "clock:response",
      std::string(299, 'k') + std::string(1, '\0'),
  };
  NewTicket a = new_repair();
  for (const std::string& key : keys) a.timers.schedule.push_back(timer(key, 60));
  a.timers.schedule.push_back(timer(common + "later", 120));
  ASSERT_TRUE(store.create(a).ok());
  NewTicket b = new_repair();
  for (const std::string& key : keys) b.timers.schedule.push_back(timer(key, 60));
  ASSERT_TRUE(store.create(b).ok());

  std::vector<Timer> expected;
  for (TicketId id : {1, 2})
    for (const std::string& key : keys) expected.push_back({id, key, t0(Duration{60})});
  expected.push_back({1, common + "later", t0(Duration{120})});
  std::sort(expected.begin(), expected.end(), [](const Timer& x, const Timer& y) {
    return std::tie(x.due, x.ticket, x.key) < std::tie(y.due, y.ticket, y.key);
  });
  EXPECT_EQ(store.due_timers(TimePoint::max(), 1000), expected);
  for (std::size_t limit = 1; limit <= expected.size(); ++limit) {
    const auto page = store.due_timers(TimePoint::max(), limit);
    EXPECT_EQ(page, std::vector<Timer>(expected.begin(),
                                       expected.begin() + static_cast<std::ptrdiff_t>(limit)))
        << "limit " << limit;
  }
  EXPECT_EQ(store.next_timer(), expected.front());
  EXPECT_EQ(store.due_timers(t0(Duration{60}), 1000).size(), 2 * keys.size());

  std::vector<Timer> mine;
  for (const Timer& t : expected)
    if (t.ticket == 1) mine.push_back(t);
  std::sort(mine.begin(), mine.end(), [](const Timer& x, const Timer& y) { return x.key < y.key; });
  EXPECT_EQ(store.timers(1), mine);

  // Cancel one long key and move another.
  TimerChanges changes;
  changes.cancel = {keys[0]};
  changes.schedule = {timer(keys[1], 30)};
  ASSERT_TRUE(store.reschedule(1, 1, changes).ok());
  EXPECT_EQ(store.next_timer(), (Timer{1, keys[1], t0(Duration{30})}));
  EXPECT_EQ(store.timers(1).size(), mine.size() - 1);
  EXPECT_EQ(store.due_timers(TimePoint::max(), 1000).size(), expected.size() - 1);
  TimerChanges all;
  all.cancel_all = true;
  ASSERT_TRUE(store.reschedule(1, 1, all).ok());
  EXPECT_TRUE(store.timers(1).empty());
  EXPECT_EQ(store.due_timers(TimePoint::max(), 1000).size(), keys.size());
}

TEST(KvStore, LongWorkflowNamesAndLocations) {
  KvStore store(std::make_shared<MemoryKvBackend>());
  const std::string long_name(4096, 'w');
  const std::string other = std::string(4095, 'w') + "a";
  ASSERT_EQ(store.save_workflow(stored_workflow(long_name, 2, "a")).status,
            WorkflowSaveOutcome::Status::kSaved);
  ASSERT_EQ(store.save_workflow(stored_workflow(other, 1, "b")).status,
            WorkflowSaveOutcome::Status::kSaved);
  ASSERT_EQ(store.save_workflow(stored_workflow(long_name, 1, "c")).status,
            WorkflowSaveOutcome::Status::kSaved);
  EXPECT_EQ(store.save_workflow(stored_workflow(long_name, 1, "c")).status,
            WorkflowSaveOutcome::Status::kAlreadyStored);
  EXPECT_EQ(store.save_workflow(stored_workflow(long_name, 1, "d")).status,
            WorkflowSaveOutcome::Status::kDifferentContent);
  const auto all = store.workflows();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].name, other);
  EXPECT_EQ(std::tie(all[1].name, all[1].version), std::make_tuple(long_name, 1));
  EXPECT_EQ(std::tie(all[2].name, all[2].version, all[2].source_text),
            std::make_tuple(long_name, 2, std::string("a")));

  // Locations that share far more than the indexed part.
  const std::string building(1000, 'B');
  const std::string near = building + "-1-" + std::string(3000, 'x');
  const std::string far = building + "-2-" + std::string(3000, 'x');
  for (const std::string& location : {far, near, building, std::string("3-2-1502")}) {
    NewTicket item = new_repair({{"location", location}});
    ASSERT_TRUE(store.create(item).ok());
  }
  TicketQuery q;
  q.location = building + "-1";
  auto found = store.query(q);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, 2);
  q.location = building;
  found = store.query(q);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].id, 1);
  EXPECT_EQ(found[2].id, 3);
  q.location = near;
  EXPECT_EQ(store.query(q).size(), 1u);
  q.location = near + "x";
  EXPECT_TRUE(store.query(q).empty());
  // A ticket that moves leaves the index.
  Update u = change(*store.get(2), "move", "reported", "location", "3-2-0101");
  ASSERT_TRUE(store.update(u).ok());
  q.location = building + "-1";
  EXPECT_TRUE(store.query(q).empty());
  q.location = "3-2-";
  EXPECT_EQ(store.query(q).size(), 2u);
  EXPECT_TRUE(store.verify_all().empty());
}

TEST(KvStore, UnknownOrMalformedOutboxKeysAndCodes) {
  KvStore store(std::make_shared<MemoryKvBackend>());
  NewTicket a = new_repair();
  a.outbox = {message("wecom")};
  ASSERT_TRUE(store.create(a).ok());
  EXPECT_FALSE(store.claim_outbox("01:1:0", t0(), t0(Duration{30})));
  EXPECT_FALSE(store.claim_outbox("1:1", t0(), t0(Duration{30})));
  EXPECT_FALSE(store.claim_outbox(std::string(5000, '1'), t0(), t0(Duration{30})));
  EXPECT_FALSE(store.find(std::string(5000, 'B')));
  EXPECT_TRUE(store.claim_outbox("1:1:0", t0(), t0(Duration{30})));
}

// --- concurrency -----------------------------------------------------------------------------

// Threads commit through two KvStores on one backend (as two processes would: each store has its
// own mutex, only the backend serialises their writers and the version check does the rest).
TEST(KvStore, ConcurrentCommitsNeverLoseAnUpdate) {
  auto backend = std::make_shared<MemoryKvBackend>();
  KvStore one(backend);
  KvStore two(backend);
  NewTicket item = new_repair({{"count", 0}});
  ASSERT_TRUE(one.create(item).ok());
  const TicketId id = item.ticket.id;
  constexpr int kThreads = 4;
  constexpr int kIncrements = 50;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      KvStore& store = i % 2 == 0 ? one : two;
      for (int done = 0; done < kIncrements;) {
        const Ticket current = *store.get(id);
        Update u =
            change(current, "count", "reported", "count", current.fields.at("count").as_int() + 1);
        const CommitOutcome outcome = store.update(u);
        if (outcome.ok())
          ++done;
        else
          ASSERT_EQ(outcome.status, Status::kConflict) << outcome.message;
      }
    });
  }
  for (auto& t : threads) t.join();
  const Ticket final = *two.get(id);
  EXPECT_EQ(final.fields.at("count").as_int(), kThreads * kIncrements);
  EXPECT_EQ(final.version, 1 + kThreads * kIncrements);
  EXPECT_TRUE(one.verify_all().empty());
}

// --- MemoryKvBackend -------------------------------------------------------------------------

TEST(MemoryKvBackend, ReadTransactionsAreSnapshots) {
  MemoryKvBackend backend;
  EXPECT_EQ(backend.describe(), "memory");
  put(backend, "a", "1");
  const auto before = backend.begin(false);
  {
    const auto tx = backend.begin(true);
    tx->put("a", "2");
    tx->put("b", "3");
    EXPECT_EQ(tx->get("a"), "2");  // its own writes
    EXPECT_EQ(before->get("a"), "1");
    tx->commit();
  }
  EXPECT_EQ(before->get("a"), "1");
  EXPECT_FALSE(before->get("b"));
  const auto after = backend.begin(false);
  EXPECT_EQ(after->get("a"), "2");
  EXPECT_EQ(after->get("b"), "3");
  before->commit();
  EXPECT_THROW((void)before->get("a"), StoreError);  // finished
}

TEST(MemoryKvBackend, AnAbandonedWriteAppliesNothing) {
  MemoryKvBackend backend;
  put(backend, "a", "1");
  {
    const auto tx = backend.begin(true);
    tx->put("a", "2");
    tx->erase("a");
    tx->put("c", "3");
  }
  EXPECT_EQ(contents(backend), (std::map<std::string, std::string>{{"a", "1"}}));
  put(backend, "d", "4");  // the next writer is not blocked
  EXPECT_EQ(contents(backend).size(), 2u);
}

TEST(MemoryKvBackend, ScansBytewiseWithinBounds) {
  MemoryKvBackend backend;
  const std::string nul("a\0b", 3);
  {
    const auto tx = backend.begin(true);
    for (const std::string key : {"b", "a", "ab", "a\xff", "c"}) tx->put(key, key);
    tx->put(nul, "nul");
    tx->commit();
  }
  std::vector<std::string> keys;
  const auto tx = backend.begin(false);
  tx->scan("a", "b", [&](std::string_view key, std::string_view) {
    keys.emplace_back(key);
    return true;
  });
  EXPECT_THAT(keys, ElementsAre("a", nul, "ab", "a\xff"));
  keys.clear();
  tx->scan("ab", "", [&](std::string_view key, std::string_view) {
    keys.emplace_back(key);
    return keys.size() < 3;
  });
  EXPECT_THAT(keys, ElementsAre("ab", "a\xff", "b"));
}

TEST(MemoryKvBackend, RefusesWritesItCannotTake) {
  MemoryKvBackend backend;
  const auto read = backend.begin(false);
  EXPECT_THROW(read->put("a", "1"), StoreError);
  read->commit();
  const auto tx = backend.begin(true);
  EXPECT_THROW(tx->put(std::string(kMaxKvKeyBytes + 1, 'k'), "1"), StoreError);
  tx->put(std::string(kMaxKvKeyBytes, 'k'), "1");
  tx->commit();
  EXPECT_EQ(contents(backend).size(), 1u);
}

TEST(MemoryKvBackend, WritersWaitForEachOther) {
  MemoryKvBackend backend;
  put(backend, "n", "0");
  constexpr int kThreads = 4;
  constexpr int kRounds = 50;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int r = 0; r < kRounds; ++r) {
        const auto tx = backend.begin(true);
        const int n = std::stoi(*tx->get("n"));
        tx->put("n", std::to_string(n + 1));
        tx->commit();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(contents(backend).at("n"), std::to_string(kThreads * kRounds));
}

}  // namespace
}  // namespace propdesk
