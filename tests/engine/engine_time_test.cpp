// The engine acting on time: timed transitions, SLA warnings and breaches, escalation steps,
// severity rules, restarts, concurrent advance() and the TimerRunner. Everything runs on a manual
// clock; nothing sleeps.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "propdesk/engine.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/sqlite_store.hpp"
#include "propdesk/timer_runner.hpp"
#include "propdesk/workflow_loader.hpp"

namespace propdesk {
namespace {

TimePoint at(const char* text) { return *parse_time(text); }

const TimePoint kNine = at("2026-11-26T09:00:00+08:00");

// A 24x7 clock of 10 hours (1 hour when major), paused while waiting; a timed transition out of
// waiting; a ladder at 50% and 100%, and a major-only step at 0%.
constexpr const char* kTimedWorkflow = R"(workflow: timed
version: 1
prefix: TM
fields:
  note: {type: string}
  wants_manager: {type: bool, default: false}
  location: {type: string}
roles: [desk, manager]
states:
  open: {initial: true}
  waiting: {}
  done: {final: true}
transitions:
  - {event: wait, from: open, to: waiting, roles: [desk]}
  - {event: resume, from: waiting, to: open, roles: [desk]}
  - {event: finish, from: [open, waiting], to: done, roles: [desk]}
  - {event: expire, from: waiting, to: done, roles: [system], after: 48h}
  - {event: bump, from: open, roles: [system], actions: [{set: {note: bumped}}]}
  - {event: make_major, from: open, roles: [desk], actions: [{set: {severity: major}}]}
clocks:
  handle:
    starts: open
    stops: done
    pauses_in: waiting
    target: {general: 10h, major: 1h}
escalation:
  severity_rule: @RULE@
  ladder:
    - {clock: handle, at: 50%, notify: manager}
    - {clock: handle, at: 100%, notify: manager, set: {note: late}, fire: bump}
    - {clock: handle, at: 0%, notify: manager, severity: major}
)";

std::string timed_workflow(bool with_rule) {
  std::string text = kTimedWorkflow;
  const std::string placeholder = "@RULE@";
  const auto pos = text.find(placeholder);
  if (with_rule) {
    text.replace(pos, placeholder.size(), "wants_manager_rule");
  } else {
    const auto line = text.rfind('\n', pos);
    text.erase(line, text.find('\n', pos) - line);
  }
  return text;
}

// A severity rule as a plugin would provide one: major when the resident asked for the manager.
class WantsManagerRule final : public EscalationRule {
 public:
  [[nodiscard]] std::string_view name() const override { return "wants_manager_rule"; }
  [[nodiscard]] SeverityVerdict classify(const Ticket& t, const RuleContext&) const override {
    const auto it = t.fields.find("wants_manager");
    if (it != t.fields.end() && it->second == Value(true)) return {true, "the resident asked for the manager"};
    return {};
  }
};

std::vector<std::string> events_of(const std::vector<JournalEntry>& entries) {
  std::vector<std::string> events;
  for (const JournalEntry& e : entries) events.push_back(e.event);
  return events;
}

class EngineTimeTest : public testing::Test {
 protected:
  void SetUp() override { start(std::make_shared<MemoryStore>(), false); }

  void start(std::shared_ptr<Store> store, bool with_rule) {
    engine_.reset();
    store_ = std::move(store);
    EngineOptions options;
    options.clock = clock_;
    options.severity_rules.push_back(std::make_shared<WantsManagerRule>());
    engine_ = std::make_unique<Engine>(store_, std::move(options));
    if (!engine_->workflow("timed")) {
      LoadResult loaded = load_workflow_string(timed_workflow(with_rule), "timed.yaml");
      ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.front().to_string();
      engine_->add_workflow(loaded.workflow);
    }
  }

  Ticket create(Fields fields = {}) {
    auto r = engine_->create("timed", std::move(fields), desk_);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.rejection().message);
    return r.ok() ? r.value() : Ticket{};
  }

  void fire(const Ticket& t, const char* event, TimePoint when) {
    clock_->set(when);
    auto r = engine_->fire(t.id, event, {}, desk_);
    ASSERT_TRUE(r.ok()) << r.rejection().message;
  }

  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>(kNine);
  std::shared_ptr<Store> store_;
  std::unique_ptr<Engine> engine_;
  Actor desk_{"wang", "desk"};
};

TEST_F(EngineTimeTest, TimedTransitionFiresExactlyAtItsDelay) {
  const Ticket t = create();
  fire(t, "wait", kNine);
  EXPECT_EQ(engine_->next_deadline(), at("2026-11-28T09:00:00+08:00"));
  AdvanceReport early = engine_->advance(at("2026-11-28T08:59:59+08:00"));
  EXPECT_EQ(early.transitions, 0u);
  EXPECT_EQ(engine_->get(t.id)->state, "waiting");

  AdvanceReport due = engine_->advance(at("2026-11-28T09:00:00+08:00"));
  EXPECT_EQ(due.transitions, 1u);
  EXPECT_TRUE(due.problems.empty());
  const auto history = engine_->history(t.id);
  EXPECT_EQ(history.back().event, "expire");
  EXPECT_EQ(history.back().actor.id, "system");
  EXPECT_EQ(history.back().at, at("2026-11-28T09:00:00+08:00"));
  EXPECT_EQ(engine_->get(t.id)->state, "done");
  EXPECT_TRUE(engine_->timers(t.id).empty());  // a closed ticket keeps no timers
  EXPECT_EQ(engine_->next_deadline(), std::nullopt);
}

TEST_F(EngineTimeTest, LeavingTheStateCancelsTheTimedTransition) {
  const Ticket t = create();
  fire(t, "wait", kNine);
  fire(t, "resume", at("2026-11-26T10:00:00+08:00"));
  const AdvanceReport r = engine_->advance(at("2026-11-30T00:00:00+08:00"));
  EXPECT_EQ(r.transitions, 1u);  // only the ladder's `fire: bump`, not `expire`
  for (const std::string& e : events_of(engine_->history(t.id))) EXPECT_NE(e, "expire");
  EXPECT_EQ(engine_->get(t.id)->state, "open");
}

TEST_F(EngineTimeTest, WarningBreachAndStepsAreJournaledOnceInOrder) {
  const Ticket t = create();
  std::vector<TicketEvent> seen;
  auto sub = engine_->events().subscribe_all([&](const TicketEvent& e) { seen.push_back(e); });

  const AdvanceReport r = engine_->advance(at("2026-11-26T20:00:00+08:00"));
  EXPECT_EQ(r.warnings, 1u);
  EXPECT_EQ(r.breaches, 1u);
  EXPECT_EQ(r.escalations, 2u);  // 50% and 100%; the 0% step is for major tickets only
  EXPECT_EQ(r.transitions, 1u);  // fire: bump
  const auto history = engine_->history(t.id);
  // The 100% step comes at the deadline, the breach a second past it.
  EXPECT_EQ(events_of(history), (std::vector<std::string>{"create", "escalation", "sla_warning",
                                                           "escalation", "bump", "sla_breached"}));
  EXPECT_EQ(history[1].at, at("2026-11-26T14:00:00+08:00"));  // 50% of 10h
  EXPECT_EQ(history[2].at, at("2026-11-26T17:00:00+08:00"));  // warn_at 80%
  EXPECT_EQ(history[3].at, at("2026-11-26T19:00:00+08:00"));  // the target
  EXPECT_EQ(history[3].input.at("percent"), Value(100));
  EXPECT_EQ(history[4].at, at("2026-11-26T19:00:00+08:00"));
  EXPECT_EQ(history[5].at, at("2026-11-26T19:00:01+08:00"));  // past the target
  const Ticket after = *engine_->get(t.id);
  EXPECT_EQ(after.fields.at("note"), Value("bumped"));  // the step set "late", then bump ran
  ASSERT_EQ(after.clocks.size(), 1u);
  EXPECT_TRUE(after.clocks[0].warned);
  EXPECT_TRUE(after.clocks[0].breached);

  // The bus saw each crossing once, with the step's notifications.
  int escalated = 0;
  for (const TicketEvent& e : seen) {
    if (e.kind != TicketEvent::Kind::kEscalated) continue;
    ++escalated;
    ASSERT_EQ(e.notifications.size(), 1u);
    EXPECT_EQ(e.notifications[0].to, "manager");
    EXPECT_EQ(e.clock, "handle");
  }
  EXPECT_EQ(escalated, 2);

  // Nothing is left to do: a second advance journals nothing.
  const AdvanceReport again = engine_->advance(at("2026-11-27T20:00:00+08:00"));
  EXPECT_EQ(again.timers, 0u);
  EXPECT_EQ(engine_->history(t.id).size(), history.size());
}

TEST_F(EngineTimeTest, PausedTimeDoesNotCount) {
  const Ticket t = create();
  fire(t, "wait", at("2026-11-26T10:00:00+08:00"));    // 1h counted
  fire(t, "resume", at("2026-11-26T15:00:00+08:00"));  // 5h paused
  const Ticket resumed = *engine_->get(t.id);
  ASSERT_EQ(resumed.clocks.size(), 1u);
  EXPECT_EQ(resumed.clocks[0].due, at("2026-11-27T00:00:00+08:00"));  // 9h still to go
  EXPECT_EQ(engine_->advance(at("2026-11-27T00:00:00+08:00")).breaches, 0u);  // the deadline: on time
  EXPECT_EQ(engine_->advance(at("2026-11-27T00:00:01+08:00")).breaches, 1u);
}

TEST_F(EngineTimeTest, SeverityRisingToMajorShrinksTheTargetAndActsAtOnce) {
  const Ticket t = create();
  // Three hours in, the ticket becomes major: the 1h target is already past, so the breach (and
  // the owed major-only step) happen at once, inside fire().
  fire(t, "make_major", at("2026-11-26T12:00:00+08:00"));
  const auto history = engine_->history(t.id);
  const auto events = events_of(history);
  EXPECT_NE(std::find(events.begin(), events.end(), "sla_breached"), events.end());
  const Ticket after = *engine_->get(t.id);
  EXPECT_EQ(after.severity, "major");
  EXPECT_EQ(after.clocks[0].target, std::chrono::hours(1));
  EXPECT_TRUE(after.clocks[0].breached);
  for (const JournalEntry& e : history) {
    if (e.event == "sla_breached") {
      EXPECT_EQ(e.at, at("2026-11-26T12:00:00+08:00"));
    }
  }
}

TEST_F(EngineTimeTest, SeverityRuleRaisesAndTheManagerHearsAtOnce) {
  start(std::make_shared<MemoryStore>(), true);
  std::vector<TicketEvent> seen;
  auto sub = engine_->events().subscribe_all([&](const TicketEvent& e) { seen.push_back(e); });
  const Ticket t = create({{"wants_manager", Value(true)}});
  EXPECT_EQ(t.severity, "major");  // create() returns the settled ticket

  const auto history = engine_->history(t.id);
  ASSERT_GE(history.size(), 3u);
  EXPECT_EQ(history[1].event, "severity_raised");
  EXPECT_EQ(history[1].input.at("reason"), Value("the resident asked for the manager"));
  EXPECT_EQ(history[2].event, "escalation");  // the major-only step at 0%
  EXPECT_EQ(history[2].input.at("percent"), Value(0));
  bool manager_told = false;
  for (const TicketEvent& e : seen) {
    if (e.kind != TicketEvent::Kind::kEscalated) continue;
    for (const NotificationRequest& n : e.notifications) manager_told |= n.to == "manager";
  }
  EXPECT_TRUE(manager_told);
  EXPECT_EQ(engine_->get(t.id)->clocks[0].due, at("2026-11-26T10:00:00+08:00"));  // major: 1h

  // A general ticket stays general and nobody is told.
  const Ticket plain = create();
  EXPECT_EQ(plain.severity, "general");
  EXPECT_EQ(engine_->history(plain.id).size(), 1u);
}

TEST_F(EngineTimeTest, ARestartNeitherLosesNorRepeatsATimer) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("propdesk-engine-time-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                    "-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto db = dir / "desk.db";
  start(std::make_shared<SqliteStore>(db), false);
  const Ticket t = create();
  fire(t, "wait", kNine);
  engine_.reset();
  store_.reset();

  // A new process: the timer set before the restart is there and fires once.
  start(std::make_shared<SqliteStore>(db), false);
  EXPECT_EQ(engine_->next_deadline(), at("2026-11-28T09:00:00+08:00"));
  EXPECT_EQ(engine_->advance(at("2026-11-29T00:00:00+08:00")).transitions, 1u);
  engine_.reset();
  store_.reset();

  start(std::make_shared<SqliteStore>(db), false);
  EXPECT_EQ(engine_->advance(at("2026-11-30T00:00:00+08:00")).timers, 0u);
  const auto events = events_of(engine_->history(t.id));
  EXPECT_EQ(std::count(events.begin(), events.end(), "expire"), 1);

  // An SLA clock across restarts: the warning at 80% (17:00) is journaled once, by whichever
  // process gets there first, and the breach after the next restart, also once.
  clock_->set(kNine);
  const Ticket running = create();
  EXPECT_EQ(engine_->advance(at("2026-11-26T17:30:00+08:00")).warnings, 1u);
  engine_.reset();
  store_.reset();
  start(std::make_shared<SqliteStore>(db), false);
  const AdvanceReport after_restart = engine_->advance(at("2026-11-26T20:00:00+08:00"));
  EXPECT_EQ(after_restart.warnings, 0u);
  EXPECT_EQ(after_restart.breaches, 1u);
  const auto clock_events = events_of(engine_->history(running.id));
  EXPECT_EQ(std::count(clock_events.begin(), clock_events.end(), "sla_warning"), 1);
  EXPECT_EQ(std::count(clock_events.begin(), clock_events.end(), "sla_breached"), 1);
  EXPECT_TRUE(engine_->verify().empty());
  engine_.reset();
  store_.reset();
  std::filesystem::remove_all(dir);
}

TEST_F(EngineTimeTest, ConcurrentAdvanceJournalsEachCrossingOnce) {
  std::vector<TicketId> ids;
  for (int i = 0; i < 40; ++i) ids.push_back(create().id);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] { (void)engine_->advance(at("2026-11-26T20:00:00+08:00")); });
  for (auto& th : threads) th.join();
  for (TicketId id : ids) {
    const auto events = events_of(engine_->history(id));
    EXPECT_EQ(std::count(events.begin(), events.end(), "sla_warning"), 1) << id;
    EXPECT_EQ(std::count(events.begin(), events.end(), "sla_breached"), 1) << id;
    EXPECT_EQ(std::count(events.begin(), events.end(), "escalation"), 2) << id;
    EXPECT_EQ(std::count(events.begin(), events.end(), "bump"), 1) << id;
  }
  EXPECT_TRUE(engine_->verify().empty());
}

TEST_F(EngineTimeTest, AWorkflowNeedsItsCalendarsAndRules) {
  Engine bare(std::make_shared<MemoryStore>(), clock_);
  std::string text = timed_workflow(false);
  text.replace(text.find("    target: {general"), 0, "    calendar: office\n");
  LoadResult with_calendar = load_workflow_string(text, "timed.yaml");
  ASSERT_TRUE(with_calendar.ok());
  try {
    bare.add_workflow(with_calendar.workflow);
    FAIL() << "a clock on an unknown calendar was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("office"), std::string::npos) << e.what();
  }
  LoadResult with_rule = load_workflow_string(timed_workflow(true), "timed.yaml");
  ASSERT_TRUE(with_rule.ok());
  try {
    bare.add_workflow(with_rule.workflow);
    FAIL() << "an unknown severity rule was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("wants_manager_rule"), std::string::npos) << e.what();
  }
  EXPECT_EQ(bare.workflow("timed"), nullptr);
  EXPECT_TRUE(bare.store().workflows().empty());  // refused before anything was saved
}

TEST_F(EngineTimeTest, ATimerOfAWorkflowThisEngineCannotRunIsLeftForLater) {
  start(std::make_shared<MemoryStore>(), true);
  const Ticket t = create();
  const std::size_t timers = engine_->timers(t.id).size();
  ASSERT_GT(timers, 0u);
  // Another engine on the same store without the severity rule cannot run the workflow: it says
  // so, leaves the timers as they are and returns.
  Engine other(store_, clock_);
  EXPECT_FALSE(other.stored_workflow_diagnostics().empty());
  const AdvanceReport r = other.advance(at("2026-12-31T00:00:00+08:00"));
  EXPECT_EQ(r.timers, 0u);
  ASSERT_FALSE(r.problems.empty());
  EXPECT_NE(r.problems.front().find("left for later"), std::string::npos) << r.problems.front();
  EXPECT_EQ(engine_->timers(t.id).size(), timers);
  // The engine that can run it still does.
  EXPECT_EQ(engine_->advance(at("2026-12-31T00:00:00+08:00")).breaches, 1u);
}

TEST_F(EngineTimeTest, TimerRunnerActsWhenPokedWithoutPolling) {
  const Ticket t = create();
  fire(t, "wait", kNine);
  std::mutex m;
  std::condition_variable cv;
  bool expired = false;
  auto sub = engine_->events().subscribe(TicketEvent::Kind::kClosed, [&](const TicketEvent& e) {
    if (e.event != "expire") return;
    std::lock_guard lock(m);
    expired = true;
    cv.notify_all();
  });
  TimerRunner runner(*engine_, std::chrono::hours(1));  // would sleep an hour without a poke
  clock_->set(at("2026-11-28T09:00:00+08:00"));
  runner.poke();
  std::unique_lock lock(m);
  EXPECT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return expired; }));
  lock.unlock();
  runner.stop();
  EXPECT_EQ(engine_->get(t.id)->state, "done");
  EXPECT_GE(runner.totals().transitions, 1u);
}

}  // namespace
}  // namespace propdesk
