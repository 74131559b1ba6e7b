// The engine's ticket cache: the tickets it committed last are not read back from the store, the
// cache stays within its capacity, and a stale cached ticket (another engine changed the ticket)
// changes no outcome: two engines on one SQLite file alternating on a ticket lose no update and
// get no wrong rejection.
#include "engine/ticket_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "propdesk/engine.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/sqlite_store.hpp"
#include "propdesk/store_wrapper.hpp"
#include "shipped_config.hpp"
#include "store/store_test_support.hpp"

namespace propdesk {
namespace {

using testing_support::TempDir;

const Actor kDesk{"wang", "front_desk"};
const Actor kRepairer{"li", "repairer"};

Ticket ticket(TicketId id, std::int64_t version, std::string state = "reported") {
  Ticket t;
  t.id = id;
  t.version = version;
  t.state = std::move(state);
  return t;
}

TEST(TicketCache, KeepsAtMostItsCapacityDroppingTheLeastRecentlyUsed) {
  TicketCache cache(2);
  cache.remember(ticket(1, 1));
  cache.remember(ticket(2, 1));
  ASSERT_NE(cache.find(1), nullptr);  // 1 is now the most recently used
  cache.remember(ticket(3, 1));       // drops 2
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_NE(cache.find(1), nullptr);
  EXPECT_EQ(cache.find(2), nullptr);
  EXPECT_NE(cache.find(3), nullptr);
}

TEST(TicketCache, KeepsTheLaterVersionAndForgets) {
  TicketCache cache(4);
  cache.remember(ticket(1, 3, "dispatched"));
  cache.remember(ticket(1, 2, "reported"));  // an older commit remembered late
  ASSERT_NE(cache.find(1), nullptr);
  EXPECT_EQ(cache.find(1)->version, 3);
  EXPECT_EQ(cache.find(1)->state, "dispatched");
  cache.remember(ticket(1, 4, "in_progress"));
  EXPECT_EQ(cache.find(1)->version, 4);
  cache.forget(1);
  EXPECT_EQ(cache.find(1), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(TicketCache, CapacityZeroKeepsNothing) {
  TicketCache cache(0);
  cache.remember(ticket(1, 1));
  EXPECT_EQ(cache.find(1), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

// A Store that passes everything on to another and counts get() calls.
class ReadCountingStore final : public StoreWrapper {
 public:
  using StoreWrapper::StoreWrapper;

  std::optional<Ticket> get(TicketId id) const override {
    ++gets_;
    return StoreWrapper::get(id);
  }

  [[nodiscard]] int gets() const { return gets_; }

 private:
  mutable std::atomic<int> gets_{0};
};

EngineOptions options_with_cache(std::size_t capacity) {
  EngineOptions options = shipped_engine_options(
      std::make_shared<ManualClock>(*parse_time("2026-11-26T09:00:00+08:00")));
  options.ticket_cache_capacity = capacity;
  return options;
}

std::unique_ptr<Engine> repair_engine(std::shared_ptr<Store> store, std::size_t capacity) {
  auto engine = std::make_unique<Engine>(std::move(store), options_with_cache(capacity));
  EXPECT_FALSE(
      has_errors(engine->load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml")));
  return engine;
}

Fields new_repair() {
  return {{"location", Value("3-2-1201")}, {"description", Value("厨房漏水")}};
}

// Create, dispatch, accept, hold, resume: the ticket returned by each step.
std::vector<Ticket> drive(Engine& engine, TicketId& id) {
  std::vector<Ticket> seen;
  auto created = engine.create("repair", new_repair(), kDesk);
  EXPECT_TRUE(created.ok());
  if (!created.ok()) return seen;
  id = created->id;
  seen.push_back(created.value());
  for (const auto& [event, input, actor] :
       {std::tuple{"dispatch", Fields{{"assignee", Value("li")}}, kDesk},
        std::tuple{"accept", Fields{}, kRepairer},
        std::tuple{"hold", Fields{{"reason", Value("等配件")}}, kRepairer},
        std::tuple{"resume", Fields{}, kRepairer}}) {
    auto done = engine.fire(id, event, input, actor);
    EXPECT_TRUE(done.ok()) << event << ": " << (done.ok() ? "" : done.rejection().message);
    if (!done.ok()) return seen;
    seen.push_back(done.value().ticket);
  }
  return seen;
}

TEST(EngineTicketCache, EventsOnTicketsTheEngineCommittedDoNotReadThemBack) {
  auto counting = std::make_shared<ReadCountingStore>(std::make_shared<MemoryStore>());
  auto engine = repair_engine(counting, 16);
  TicketId id = 0;
  EXPECT_EQ(drive(*engine, id).size(), 5u);
  EXPECT_EQ(counting->gets(), 0);

  auto uncounted = std::make_shared<ReadCountingStore>(std::make_shared<MemoryStore>());
  auto without = repair_engine(uncounted, 0);
  EXPECT_EQ(drive(*without, id).size(), 5u);
  EXPECT_GE(uncounted->gets(), 4);  // at least one read per event without the cache
}

TEST(EngineTicketCache, TicketsBeyondTheCapacityAreReadFromTheStore) {
  auto counting = std::make_shared<ReadCountingStore>(std::make_shared<MemoryStore>());
  auto engine = repair_engine(counting, 1);
  auto a = engine->create("repair", new_repair(), kDesk);
  auto b = engine->create("repair", new_repair(), kDesk);  // pushes a out
  ASSERT_TRUE(a.ok() && b.ok());
  const int before = counting->gets();
  ASSERT_TRUE(engine->fire(b->id, "dispatch", {{"assignee", Value("li")}}, kDesk).ok());
  EXPECT_EQ(counting->gets(), before);
  ASSERT_TRUE(engine->fire(a->id, "dispatch", {{"assignee", Value("li")}}, kDesk).ok());
  EXPECT_GT(counting->gets(), before);
}

TEST(EngineTicketCache, ReturnedTicketsAreExactlyWhatTheStoreReadsBack) {
  // The cache hands the next event the ticket a commit returned: it must equal the stored one,
  // clocks and fields included, for SqliteStore's encodings too.
  TempDir dir;
  auto store = std::make_shared<SqliteStore>(dir.file("desk.db"));
  auto engine = repair_engine(store, 16);
  auto created = engine->create("repair", new_repair(), kDesk);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(store->get(created->id), created.value());
  const TicketId id = created->id;
  for (const auto& [event, input, actor] :
       {std::tuple{"dispatch",
                   Fields{{"assignee", Value("li")}, {"dispatch_mode", Value("printed")}}, kDesk},
        std::tuple{"accept", Fields{}, kRepairer},
        std::tuple{"hold", Fields{{"reason", Value("等配件 \"阀门\"")}}, kRepairer},
        std::tuple{"resume", Fields{}, kRepairer}, std::tuple{"complete", Fields{}, kRepairer},
        std::tuple{"rate", Fields{{"satisfaction", Value(std::int64_t{2})}},
                   Actor{"zhang", "resident"}}}) {
    auto done = engine->fire(id, event, input, actor);
    ASSERT_TRUE(done.ok()) << event << ": " << done.rejection().message;
    EXPECT_EQ(store->get(id), done.value().ticket) << event;
  }
  const auto last = store->get(id);
  ASSERT_TRUE(last.has_value());
  EXPECT_FALSE(last->clocks.empty());
  EXPECT_EQ(last->state, "dispatched");  // reopened: satisfaction below 3
}

TEST(EngineTicketCache, TwoEnginesOnOneFileAlternatingOnATicketLoseNoUpdate) {
  TempDir dir;
  auto store_a = std::make_shared<SqliteStore>(dir.file("desk.db"));
  auto store_b = std::make_shared<SqliteStore>(dir.file("desk.db"));
  auto a = repair_engine(store_a, 16);
  auto b = repair_engine(store_b, 16);
  auto created = a->create("repair", new_repair(), kDesk);
  ASSERT_TRUE(created.ok());
  const TicketId id = created->id;
  ASSERT_TRUE(b->fire(id, "dispatch", {{"assignee", Value("li")}}, kDesk).ok());
  // a's cached ticket is still `reported`, at version 1: accept is only allowed from
  // `dispatched`, so a stale read would reject it, and a commit from it would conflict.
  auto accepted = a->fire(id, "accept", {}, kRepairer);
  ASSERT_TRUE(accepted.ok()) << accepted.rejection().message;
  EXPECT_EQ(accepted->from_state, "dispatched");

  // Then the two take turns: each fire meets a ticket the other engine changed last.
  constexpr int kRounds = 20;
  for (int i = 0; i < kRounds; ++i) {
    Engine& first = i % 2 == 0 ? *b : *a;
    Engine& second = i % 2 == 0 ? *a : *b;
    auto held =
        first.fire(id, "hold", {{"reason", Value("等配件 " + std::to_string(i))}}, kRepairer);
    ASSERT_TRUE(held.ok()) << i << ": " << held.rejection().message;
    EXPECT_EQ(held->from_state, "in_progress");
    auto resumed = second.fire(id, "resume", {}, kRepairer);
    ASSERT_TRUE(resumed.ok()) << i << ": " << resumed.rejection().message;
    EXPECT_EQ(resumed->from_state, "on_hold");
  }
  // A rejection that is true of the stored ticket still comes back (after a read).
  auto wrong = a->fire(id, "resume", {}, kRepairer);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.rejection().reason, Rejection::Reason::kWrongState);

  const auto final_ticket = store_a->get(id);
  ASSERT_TRUE(final_ticket.has_value());
  const auto history = store_b->history(id);
  EXPECT_EQ(final_ticket->version, 3 + 2 * kRounds);
  EXPECT_EQ(static_cast<std::int64_t>(history.size()), final_ticket->version);
  for (int i = 0; i < kRounds; ++i) {
    EXPECT_EQ(history[3 + 2 * i].event, "hold");
    EXPECT_EQ(history[4 + 2 * i].event, "resume");
  }
  EXPECT_TRUE(a->verify().empty());
}

TEST(EngineTicketCache, TwoEnginesOnOneFileRacingOnATicketLoseNoUpdate) {
  TempDir dir;
  auto a = repair_engine(std::make_shared<SqliteStore>(dir.file("desk.db")), 16);
  auto b = repair_engine(std::make_shared<SqliteStore>(dir.file("desk.db")), 16);
  auto created = a->create("repair", new_repair(), kDesk);
  ASSERT_TRUE(created.ok());
  const TicketId id = created->id;
  ASSERT_TRUE(a->fire(id, "dispatch", {{"assignee", Value("li")}}, kDesk).ok());
  // Two threads per engine transfer the ticket back and forth; each success is one entry.
  constexpr int kRounds = 15;
  std::atomic<int> successes{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    Engine& engine = i % 2 == 0 ? *a : *b;
    threads.emplace_back([&, i] {
      for (int k = 0; k < kRounds; ++k) {
        const Fields input{{"assignee", Value("worker" + std::to_string(i))}};
        if (engine.fire(id, "transfer", input, kDesk).ok()) ++successes;
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto final_ticket = b->get(id);
  ASSERT_TRUE(final_ticket.has_value());
  EXPECT_GT(successes.load(), 0);
  EXPECT_EQ(final_ticket->version, 2 + successes.load());
  EXPECT_EQ(static_cast<std::int64_t>(a->history(id).size()), final_ticket->version);
  EXPECT_TRUE(b->verify().empty());
}

}  // namespace
}  // namespace propdesk
