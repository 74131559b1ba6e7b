// advance() commits the SLA entries of due timers on different tickets together: one
// Store::commit() per round of due timers, not one per timer; an item of such a commit that meets
// a conflict is redone alone, and the others stay committed.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "propdesk/engine.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/sqlite_store.hpp"
#include "propdesk/store_wrapper.hpp"
#include "propdesk/workflow_loader.hpp"

namespace propdesk {
namespace {

TimePoint at(const char* text) { return *parse_time(text); }

const TimePoint kNine = at("2026-11-26T09:00:00+08:00");
// Past every ticket's `handle` warning point (80% of 10 hours after nine: 17:00), before its
// breach and before the `reply` warning (80% of 12 hours: 18:36).
const TimePoint kSix = at("2026-11-26T18:00:00+08:00");
const TimePoint kWarning = at("2026-11-26T17:00:00+08:00");
const TimePoint kReplyWarning = at("2026-11-26T18:36:00+08:00");

// Two 24x7 clocks, of 10 and 12 hours: a timer each per ticket, due at its warning point.
constexpr const char* kWorkflow = R"(workflow: batched
version: 1
prefix: BT
fields:
  note: {type: string}
roles: [desk]
states:
  open: {initial: true}
  done: {final: true}
transitions:
  - {event: touch, from: open, roles: [desk], actions: [{set: {note: touched}}]}
  - {event: finish, from: open, to: done, roles: [desk]}
clocks:
  handle:
    starts: open
    stops: done
    target: {general: 10h, major: 1h}
  reply:
    starts: open
    stops: done
    target: {general: 12h, major: 1h}
)";

// Counts the commit() calls that carry updates; before passing on the first one with more than
// one update, runs `meddle` with the ticket of its second update (once).
class CommitCountingStore final : public StoreWrapper {
 public:
  using StoreWrapper::StoreWrapper;

  std::vector<CommitOutcome> commit(std::span<NewTicket> creates, std::span<Update> updates) override {
    if (!updates.empty()) ++update_commits;
    if (updates.size() > 1 && meddle && !meddled.exchange(true)) meddle(updates[1].ticket.id);
    return StoreWrapper::commit(creates, updates);
  }

  std::atomic<int> update_commits{0};
  std::function<void(TicketId)> meddle;
  std::atomic<bool> meddled{false};
};

std::unique_ptr<Engine> batched_engine(std::shared_ptr<Store> store, TimePoint now) {
  EngineOptions options;
  options.clock = std::make_shared<ManualClock>(now);
  auto engine = std::make_unique<Engine>(std::move(store), std::move(options));
  LoadResult loaded = load_workflow_string(kWorkflow, "batched.yaml");
  EXPECT_TRUE(loaded.ok());
  if (!engine->workflow("batched")) engine->add_workflow(loaded.workflow);
  return engine;
}

std::vector<TicketId> create_tickets(Engine& engine, int n) {
  std::vector<TicketId> ids;
  for (int i = 0; i < n; ++i) {
    auto r = engine.create("batched", {}, Actor{"wang", "desk"});
    EXPECT_TRUE(r.ok());
    if (r.ok()) ids.push_back(r.value().id);
  }
  return ids;
}

// The instants of a ticket's entries of `event`.
std::vector<TimePoint> entries_of(Engine& engine, TicketId id, const std::string& event) {
  std::vector<TimePoint> found;
  for (const JournalEntry& e : engine.history(id))
    if (e.event == event) found.push_back(e.at);
  return found;
}

TEST(AdvanceBatch, DueTimersOfManyTicketsShareCommits) {
  auto store = std::make_shared<CommitCountingStore>(std::make_shared<MemoryStore>());
  auto engine = batched_engine(store, kNine);
  const std::vector<TicketId> ids = create_tickets(*engine, 300);
  store->update_commits = 0;

  const AdvanceReport r = engine->advance(kSix);
  EXPECT_EQ(r.timers, 300u);
  EXPECT_EQ(r.warnings, 300u);
  EXPECT_TRUE(r.problems.empty());
  // Rounds of 128 timers: 3 commits, where one per timer would be 300.
  EXPECT_LE(store->update_commits.load(), 3);
  for (TicketId id : ids) EXPECT_EQ(entries_of(*engine, id, "sla_warning"), std::vector<TimePoint>{kWarning}) << id;
  EXPECT_TRUE(engine->verify().empty());
}

TEST(AdvanceBatch, AConflictedItemIsRedoneAloneAndTheOthersStayCommitted) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("propdesk-advance-batch-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto sqlite = std::make_shared<SqliteStore>(dir / "desk.db");
  auto store = std::make_shared<CommitCountingStore>(sqlite);
  auto engine = batched_engine(store, kNine);
  // Another engine on the same database, whose change at ten comes between the advancing
  // engine's read and its commit.
  auto other = batched_engine(sqlite, at("2026-11-26T10:00:00+08:00"));
  TicketId touched = 0;
  store->meddle = [&](TicketId id) {
    touched = id;
    auto done = other->fire(id, "touch", {}, Actor{"li", "desk"});
    EXPECT_TRUE(done.ok());
  };
  const std::vector<TicketId> ids = create_tickets(*engine, 5);
  store->update_commits = 0;

  const AdvanceReport r = engine->advance(kSix);
  ASSERT_TRUE(store->meddled);
  EXPECT_EQ(r.timers, 5u);
  EXPECT_EQ(r.warnings, 5u);
  EXPECT_TRUE(r.problems.empty());
  // The batch, then the conflicted timer alone.
  EXPECT_EQ(store->update_commits.load(), 2);
  for (TicketId id : ids) EXPECT_EQ(entries_of(*engine, id, "sla_warning"), std::vector<TimePoint>{kWarning}) << id;
  // The redone warning comes after the change that made it conflict.
  const auto history = engine->history(touched);
  ASSERT_GE(history.size(), 2u);
  EXPECT_EQ(history[history.size() - 2].event, "touch");
  EXPECT_EQ(history.back().event, "sla_warning");
  EXPECT_EQ(engine->get(touched)->fields.at("note"), Value("touched"));
  EXPECT_TRUE(engine->verify().empty());
  engine.reset();
  other.reset();
  store.reset();
  sqlite.reset();
  std::filesystem::remove_all(dir);
}

TEST(AdvanceBatch, ATicketsTimersGoIntoSuccessiveCommitsInDueOrder) {
  auto store = std::make_shared<CommitCountingStore>(std::make_shared<MemoryStore>());
  auto engine = batched_engine(store, kNine);
  const std::vector<TicketId> ids = create_tickets(*engine, 10);
  store->update_commits = 0;

  const AdvanceReport r = engine->advance(at("2026-11-26T19:00:00+08:00"));
  EXPECT_EQ(r.timers, 20u);
  EXPECT_EQ(r.warnings, 20u);
  EXPECT_TRUE(r.problems.empty());
  // Both timers of a ticket are due, and both came in one round of due timers: the first of each
  // ticket goes into one commit, the second into the next, built from the version the first
  // committed (in one commit together, every second item would conflict and be redone alone).
  EXPECT_EQ(store->update_commits.load(), 2);
  for (TicketId id : ids)
    EXPECT_EQ(entries_of(*engine, id, "sla_warning"), (std::vector<TimePoint>{kWarning, kReplyWarning})) << id;
  EXPECT_TRUE(engine->verify().empty());
}

}  // namespace
}  // namespace propdesk
