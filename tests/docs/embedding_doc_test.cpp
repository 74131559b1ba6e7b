// docs/embedding.md cannot drift: each of its ```cpp fragments is a region of this file (between
// `// doc-region NAME` and `// doc-region end`, see doc_blocks.hpp), compiled here in the context
// the page implies and run by the tests below; the first test checks that the page shows exactly
// these regions, in order.
// (clang-format is off: the regions keep the layout the page shows.)
// clang-format off
//
// doc-region engine
#include <propdesk/engine.hpp>
#include <propdesk/engine_setup.hpp>
#include <propdesk/sqlite_store.hpp>

// doc-region end
// doc-region deliverer
#include <propdesk/engine_setup.hpp>
#include <propdesk/outbox_deliverer.hpp>

// doc-region end
// doc-region render
#include <propdesk/notification_renderer.hpp>
#include <propdesk/plugin_loader.hpp>

// doc-region end
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "doc_blocks.hpp"
#include "docs/scratch_folder.hpp"
#include "propdesk/clock.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/store_wrapper.hpp"

namespace {

const std::filesystem::path kPage = PROPDESK_SOURCE_DIR "/docs/embedding.md";
const std::filesystem::path kSource = PROPDESK_SOURCE_DIR "/tests/docs/embedding_doc_test.cpp";

using propdesk::doc_fragments::ScratchFolder;

// What the page's event subscribers call: a property system's own functions.
std::vector<std::string> closed_codes;
void notify_crm(const propdesk::Ticket& ticket) { closed_codes.push_back(ticket.code); }
std::vector<std::string> logged;
void log(const std::string& what) { logged.push_back(what); }

propdesk::EngineConfig shipped_config() {
  auto loaded = propdesk::load_engine_config_file(PROPDESK_WORKFLOW_DIR "/propdesk.yaml");
  EXPECT_TRUE(loaded.ok());
  return loaded.ok() ? *loaded.config : propdesk::EngineConfig{};
}

const propdesk::TimePoint kThursdayMorning = *propdesk::parse_time("2026-11-26 09:00");

}  // namespace

// doc-region commit-log
class CommitLog final : public propdesk::StoreWrapper {
 public:
  using StoreWrapper::StoreWrapper;
  std::vector<propdesk::CommitOutcome> commit(std::span<propdesk::NewTicket> creates,
                                              std::span<propdesk::Update> updates) override {
    std::clog << "commit: " << creates.size() << " new, " << updates.size() << " changed\n";
    return StoreWrapper::commit(creates, updates);
  }
};

// doc-region end
// (The page shows this include with the code that uses it.)
// doc-region timer-runner
#include <propdesk/timer_runner.hpp>

// doc-region end

namespace {

TEST(EmbeddingDoc, ThePageShowsTheCodeTheseTestsCompile) {
  propdesk::doc_blocks::expect_blocks_are_regions(kPage, "cpp", kSource);
}

TEST(EmbeddingDoc, TheCmakeLinesAreTheExamplesFindPackage) {
  const auto cmake = propdesk::doc_blocks::blocks(kPage, "cmake");
  ASSERT_EQ(cmake.size(), 1u);
  std::ifstream in(PROPDESK_SOURCE_DIR "/examples/embed/CMakeLists.txt");
  const std::string example{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const std::string find_package = cmake[0].text.substr(0, cmake[0].text.find('\n') + 1);
  EXPECT_NE(example.find("\n" + find_package), std::string::npos) << find_package;
}

// The engine, creating a ticket, firing an event, events and reading, one after the other as the
// page tells them.
TEST(EmbeddingDoc, TheEngineFragmentsRunInTheirOrder) {
  const ScratchFolder folder;
  // doc-region engine
  // The engine configuration (docs/configuration.md) names the business calendars SLA clocks count
  // on and the severity rules; a workflow whose clock names a calendar the engine does not have,
  // or a rule it does not have, is refused.
  auto config = propdesk::load_engine_config_file("workflows/propdesk.yaml");
  if (!config.ok()) { /* print config.diagnostics: file:line:column: error: ... */ }
  auto store = std::make_shared<propdesk::SqliteStore>("tickets.db");
  propdesk::Engine engine(store, propdesk::engine_options(*config.config));  // a SystemClock
  for (const auto& d : engine.load_workflow_file("workflows/repair.yaml"))
    std::cerr << d.to_string() << '\n';                  // repair.yaml:42:7: error: ... [code]
  // doc-region end
  ASSERT_TRUE(config.ok());
  ASSERT_NE(engine.workflow("repair"), nullptr);

  // doc-region create
  const propdesk::Actor desk{"wang", "front_desk"};      // user id and role
  auto ticket = engine.create("repair",
                              {{"location", "3-2-1201"}, {"category", "plumbing"},
                               {"description", "厨房水管漏水"}, {"phone", "13812345678"}},
                              desk);
  if (!ticket) std::cerr << ticket.rejection().message << '\n';
  else std::cout << ticket->code << '\n';                // BX-20261126-0001
  // doc-region end
  ASSERT_TRUE(ticket);
  EXPECT_EQ(ticket->code.substr(0, 3), "BX-");

  // doc-region fire
  auto r = engine.fire(ticket->id, "dispatch", {{"assignee", "li"}}, desk);
  if (!r) {
    // A value, not an exception: reason code, message, and the field or condition concerned.
    std::cerr << propdesk::to_string(r.rejection().reason) << ": " << r.rejection().message << '\n';
  } else {
    std::cout << r->from_state << " -> " << r->to_state << '\n';
  }
  // doc-region end
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_state, "dispatched");

  // doc-region events
  auto sub = engine.events().subscribe(propdesk::TicketEvent::Kind::kClosed,
                                       [](const propdesk::TicketEvent& e) { notify_crm(e.ticket); });
  engine.events().on_subscriber_error([](const std::string& what) { log(what); });
  // doc-region end

  // doc-region reading
  propdesk::TicketQuery q;
  q.workflow = "repair";
  q.state = "dispatched";
  q.location = "3-2-";                                   // building 3, unit 2
  for (const auto& t : engine.query(q)) std::cout << t.code << ' ' << t.state << '\n';
  for (const auto& e : engine.history(ticket->id))       // who, when, event, from, to, input, hashes
    std::cout << e.seq << ' ' << e.actor.id << ' ' << e.event << '\n';
  auto problems = engine.verify();                       // empty: every journal intact
  // doc-region end
  EXPECT_EQ(engine.query(q).size(), 1u);
  EXPECT_EQ(engine.history(ticket->id).size(), 2u);
  EXPECT_TRUE(problems.empty());

  // The subscriber hears of the close.
  const propdesk::Actor li{"li", "repairer"};
  ASSERT_TRUE(engine.fire(ticket->id, "accept", {}, li));
  ASSERT_TRUE(engine.fire(ticket->id, "complete", {}, li));
  ASSERT_TRUE(engine.fire(ticket->id, "rate", {{"satisfaction", 5}}, {"owner", "resident"}));
  ASSERT_TRUE(engine.fire(ticket->id, "call_back", {{"satisfaction", 5}}, desk));
  EXPECT_EQ(closed_codes, std::vector<std::string>{ticket->code});
  EXPECT_TRUE(logged.empty());
}

TEST(EmbeddingDoc, TheDelivererFragmentRuns) {
  const ScratchFolder folder;
  const propdesk::EngineConfig config = shipped_config();
  auto clock = std::make_shared<propdesk::ManualClock>(kThursdayMorning);
  auto store = std::make_shared<propdesk::MemoryStore>();
  propdesk::PluginRegistry registry;
  // doc-region deliverer
  propdesk::Engine engine(store, propdesk::engine_options(config, clock));
  propdesk::OutboxDelivererOptions delivery;
  delivery.events = &engine.events();
  propdesk::OutboxDeliverer deliverer(store, propdesk::delivery_channels(config.notifiers, registry),
                                      delivery);
  // doc-region end
  EXPECT_TRUE(propdesk::load_workflows(engine, config).empty());
}

TEST(EmbeddingDoc, TheRenderFragmentSendsTheTransitionsNotifications) {
  const ScratchFolder folder;
  const propdesk::EngineConfig config = shipped_config();
  propdesk::Engine engine(std::make_shared<propdesk::MemoryStore>(),
                          propdesk::engine_options(config, std::make_shared<propdesk::ManualClock>(kThursdayMorning)));
  ASSERT_TRUE(propdesk::load_workflows(engine, config).empty());
  const propdesk::Actor desk{"wang", "front_desk"};
  const auto ticket = engine.create("repair", {{"location", "3-2-1201"}, {"description", "厨房水管漏水"}}, desk);
  ASSERT_TRUE(ticket);
  const auto r = engine.fire(ticket->id, "dispatch", {{"assignee", "li"}}, desk);
  ASSERT_TRUE(r);
  ASSERT_FALSE(r->notifications.empty());
  const std::filesystem::path plugin_folder = PROPDESK_PLUGIN_BUILD_DIR;
  // doc-region render
  propdesk::PluginRegistry registry;
  propdesk::load_plugins(registry, {.paths = {plugin_folder},  // the installed lib/propdesk/plugins
                                    .load = {{"notify_log", {}}}});
  auto channel = registry.notifier_type("log")->create({{"path", "notify.jsonl"}});
  for (const auto& request : r->notifications) {
    auto n = propdesk::render_notification(*engine.workflow("repair"), r->ticket, request,
                                           {r->event, desk, engine.clock().now()}, {});
    if (auto sent = channel->send(n); !sent.delivered()) std::cerr << sent.error << '\n';
  }
  // doc-region end
  std::ifstream sent("notify.jsonl");
  std::size_t lines = 0;
  for (std::string line; std::getline(sent, line);) ++lines;
  EXPECT_EQ(lines, r->notifications.size());
}

TEST(EmbeddingDoc, TheCommitLogWrapperSeesEveryCommit) {
  const ScratchFolder folder;
  const propdesk::EngineConfig config = shipped_config();
  const propdesk::EngineOptions options =
      propdesk::engine_options(config, std::make_shared<propdesk::ManualClock>(kThursdayMorning));
  ::testing::internal::CaptureStderr();
  // doc-region commit-log
  auto store = std::make_shared<CommitLog>(std::make_shared<propdesk::SqliteStore>("desk.db"));
  propdesk::Engine engine(store, options);
  // doc-region end
  ASSERT_TRUE(propdesk::load_workflows(engine, config).empty());
  ASSERT_TRUE(engine.create("repair", {{"location", "3-2-1201"}, {"description", "漏水"}}, {"wang", "front_desk"}));
  EXPECT_NE(::testing::internal::GetCapturedStderr().find("commit: 1 new, 0 changed\n"), std::string::npos);
}

TEST(EmbeddingDoc, TheTimerRunnerAndAdvanceActOnDeadlines) {
  const propdesk::EngineConfig config = shipped_config();
  auto clock = std::make_shared<propdesk::ManualClock>(kThursdayMorning);
  propdesk::Engine engine(std::make_shared<propdesk::MemoryStore>(), propdesk::engine_options(config, clock));
  ASSERT_TRUE(propdesk::load_workflows(engine, config).empty());
  const auto ticket = engine.create("repair", {{"location", "3-2-1201"}, {"description", "漏水"}}, {"wang", "front_desk"});
  ASSERT_TRUE(ticket);
  clock->advance(std::chrono::hours(26));  // nobody dispatched it by Friday
  {
    // doc-region timer-runner
    // A service: a thread sleeps until engine.next_deadline() and wakes early when a change in this
    // process sets an earlier one (it listens on the event bus). Timers set by other processes on the
    // same database are seen after at most `max_sleep`, or at once after runner.poke().
    propdesk::TimerRunner runner(engine, std::chrono::minutes(1),
                                 [](const std::string& problem) { std::cerr << problem << '\n'; });

    // A batch job, a catch-up after downtime, or a simulation on a ManualClock:
    propdesk::AdvanceReport r = engine.advance(clock->now());   // everything due by then, in order
    std::cout << r.warnings << " warnings, " << r.breaches << " breaches\n";
    // doc-region end
  }
  // Between them, the runner and advance() journaled the response clock's warning and breach.
  std::vector<std::string> events;
  for (const auto& e : engine.history(ticket->id)) events.push_back(e.event);
  EXPECT_NE(std::find(events.begin(), events.end(), "sla_warning"), events.end());
  EXPECT_NE(std::find(events.begin(), events.end(), "sla_breached"), events.end());
}

TEST(EmbeddingDoc, RescheduleChangesATicketsTimersAlone) {
  const propdesk::EngineConfig config = shipped_config();
  auto clock = std::make_shared<propdesk::ManualClock>(kThursdayMorning);
  auto memory = std::make_shared<propdesk::MemoryStore>();
  propdesk::Engine engine(memory, propdesk::engine_options(config, clock));
  ASSERT_TRUE(propdesk::load_workflows(engine, config).empty());
  const auto ticket = engine.create("repair", {{"location", "3-2-1201"}, {"description", "漏水"}}, {"wang", "front_desk"});
  ASSERT_TRUE(ticket);
  std::shared_ptr<propdesk::Store> store = memory;
  const propdesk::TimePoint now = clock->now() + std::chrono::hours(24);
  const propdesk::TimePoint due = now + std::chrono::hours(1);
  // doc-region timers
  propdesk::TimerChanges later;
  later.schedule = {{0, "clock:response", due}};         // the ticket is the item's
  if (auto next = store->next_timer(); next && next->due <= now)
    store->reschedule(next->ticket, store->get(next->ticket)->version, later);
  // doc-region end
  bool found = false;
  for (const auto& t : store->timers(ticket->id)) found = found || (t.key == "clock:response" && t.due == due);
  EXPECT_TRUE(found);
}

}  // namespace
