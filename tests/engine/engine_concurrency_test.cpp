// Many threads firing at once: no lost update, no torn ticket, every journal intact.
// Run under ThreadSanitizer (-DPROPDESK_SANITIZE=thread) to check the engine's thread-safety claim.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "propdesk/engine.hpp"
#include "propdesk/memory_store.hpp"
#include "shipped_config.hpp"

namespace propdesk {
namespace {

TEST(EngineConcurrency, ThreadsRacingOnOneTicketNeverLoseAnUpdate) {
  auto store = std::make_shared<MemoryStore>();
  Engine engine(store, shipped_engine_options(std::make_shared<ManualClock>(*parse_time("2026-11-26T09:00:00+08:00"))));
  ASSERT_FALSE(has_errors(engine.load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml")));
  Actor desk{"wang", "front_desk"};
  auto t = engine.create("repair", {{"location", Value("1-1-101")}, {"description", Value("x")}}, desk);
  ASSERT_TRUE(t.ok());
  ASSERT_TRUE(engine.fire(t->id, "dispatch", {{"assignee", Value("li")}}, desk).ok());
  ASSERT_TRUE(engine.fire(t->id, "accept", {}, Actor{"li", "repairer"}).ok());

  // Every thread transfers the same ticket back and forth; each success is one journal entry.
  constexpr int kThreads = 4;
  constexpr int kRounds = 50;
  std::atomic<int> successes{0};
  std::atomic<int> events_seen{0};
  auto sub = engine.events().subscribe(TicketEvent::Kind::kTransitioned, [&](const TicketEvent&) { ++events_seen; });
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < kRounds; ++k) {
        auto r = engine.fire(t->id, "transfer", {{"assignee", Value("worker" + std::to_string(i))}}, desk);
        if (r.ok()) ++successes;
      }
    });
  }
  for (auto& th : threads) th.join();
  const auto final_ticket = engine.get(t->id);
  EXPECT_EQ(final_ticket->version, 3 + successes.load());
  EXPECT_EQ(static_cast<int>(engine.history(t->id).size()), final_ticket->version);
  EXPECT_EQ(events_seen.load(), successes.load());
  EXPECT_GT(successes.load(), 0);
  EXPECT_TRUE(engine.verify().empty());
}

TEST(EngineConcurrency, ThreadsOnDifferentTicketsAndWorkflowLoading) {
  auto store = std::make_shared<MemoryStore>();
  Engine engine(store, shipped_engine_options());
  ASSERT_FALSE(has_errors(engine.load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml")));
  Actor desk{"wang", "front_desk"};
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 25; ++k) {
        auto t = engine.create("repair", {{"location", Value("2-1-101")}, {"description", Value("y")}}, desk);
        if (t.ok() && engine.fire(t->id, "dispatch", {{"assignee", Value("li")}}, desk).ok()) ++created;
      }
    });
  }
  // Meanwhile another workflow arrives.
  threads.emplace_back([&] {
    EXPECT_FALSE(has_errors(engine.load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/inquiry.yaml")));
  });
  for (auto& th : threads) th.join();
  EXPECT_EQ(created.load(), 100);
  TicketQuery q;
  q.state = "dispatched";
  EXPECT_EQ(engine.query(q).size(), 100u);
  EXPECT_NE(engine.workflow("inquiry"), nullptr);
  EXPECT_TRUE(engine.verify().empty());
}

// Subscriptions come and go while threads fire: the engine asks the bus whether anybody listens
// before it builds an event, so that question races with subscribe() and disconnect(). Every event
// a subscriber hears is a real, committed transition, heard once.
TEST(EngineConcurrency, SubscribersComingAndGoingWhileThreadsFire) {
  auto store = std::make_shared<MemoryStore>();
  Engine engine(store, shipped_engine_options());
  ASSERT_FALSE(has_errors(engine.load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml")));
  const Actor desk{"wang", "front_desk"};
  constexpr int kThreads = 3;
  constexpr int kTickets = 20;
  std::atomic<int> fired{0};
  std::atomic<int> heard{0};
  std::atomic<bool> done{false};
  std::atomic<bool> bad_event{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < kTickets; ++k) {
        auto t = engine.create("repair", {{"location", Value("2-1-101")}, {"description", Value("y")}}, desk);
        if (!t.ok()) continue;
        if (engine.fire(t->id, "dispatch", {{"assignee", Value("li")}}, desk).ok()) ++fired;
        if (engine.fire(t->id, "accept", {}, Actor{"li", "repairer"}).ok()) ++fired;
      }
    });
  }
  std::thread subscriber([&] {
    while (!done) {
      Subscription sub = engine.events().subscribe(TicketEvent::Kind::kTransitioned, [&](const TicketEvent& e) {
        if (e.from_state.empty() || e.ticket.version < 2 || (e.event != "dispatch" && e.event != "accept")) bad_event = true;
        ++heard;
      });
      std::this_thread::yield();
      sub.disconnect();
    }
  });
  for (auto& th : threads) th.join();
  done = true;
  subscriber.join();
  EXPECT_EQ(fired.load(), 2 * kThreads * kTickets);
  EXPECT_LE(heard.load(), fired.load());
  EXPECT_FALSE(bad_event.load());
  EXPECT_TRUE(engine.verify().empty());
}

}  // namespace
}  // namespace propdesk
