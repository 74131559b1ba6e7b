// The shipped workflows on the shipped configuration, at their deadlines: a callback made at the
// resident's chosen time is on time, one second later is a breach (and makes a complaint major,
// which the manager hears of at once although `resolution` has stopped); a complaint's callback
// missed is reported to the supervisor right after the breach; a callback chosen for
// the lunch hour is due then, with the front desk reminded then; a rule-raised complaint cannot be
// classified general; an overnight handover is due in office hours; the daily report shows a
// timed transition's deadline. Everything runs on a manual clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "propdesk/daily_report.hpp"
#include "propdesk/engine.hpp"
#include "propdesk/journal.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/workflow_lookup.hpp"
#include "shipped_config.hpp"

namespace propdesk {
namespace {

TimePoint at(const char* text) { return *parse_time(text); }

class ShippedDeadlinesTest : public testing::Test {
 protected:
  void SetUp() override { start(shipped_engine_options(clock_)); }

  void start(EngineOptions options) {
    engine_ = std::make_unique<Engine>(store_, std::move(options));
    for (const char* name : {"repair", "complaint", "handover"}) {
      auto findings =
          engine_->load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/" + name + ".yaml");
      ASSERT_TRUE(engine_->workflow(name)) << name;
    }
  }

  Ticket create(const char* workflow, Fields fields, TimePoint when) {
    clock_->set(when);
    auto r = engine_->create(workflow, std::move(fields), desk_);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.rejection().message);
    return r.ok() ? r.value() : Ticket{};
  }
  Result<Transitioned> fire(const Ticket& t, const char* event, Fields input, const Actor& who,
                            TimePoint when) {
    clock_->set(when);
    (void)engine_->advance(when);
    return engine_->fire(t.id, event, std::move(input), who);
  }
  void ok(const Ticket& t, const char* event, Fields input, const Actor& who, TimePoint when) {
    auto r = fire(t, event, std::move(input), who, when);
    ASSERT_TRUE(r.ok()) << event << ": " << r.rejection().message;
  }

  // A general complaint at 1-1-1103, handled and resolved on Thursday 26 Nov 2026, waiting for the
  // callback the resident chose (`callback_at`).
  Ticket complaint_waiting_for_callback(TimePoint callback_at) {
    Ticket c = create("complaint",
                      {{"location", Value("1-1-1103")},
                       {"category", Value("noise")},
                       {"description", Value("楼上每晚十一点后还在敲打")}},
                      at("2026-11-26T09:00:00+08:00"));
    ok(c, "classify_general", {{"dept", Value("security")}}, desk_,
       at("2026-11-26T09:10:00+08:00"));
    ok(c, "respond", {{"response", Value("今晚巡查")}}, dept_, at("2026-11-26T09:30:00+08:00"));
    ok(c, "schedule_callback", {{"callback_at", Value(callback_at)}}, desk_,
       at("2026-11-26T09:40:00+08:00"));
    ok(c, "resolve", {{"resolution", Value("已提醒楼上住户")}}, dept_,
       at("2026-11-26T10:00:00+08:00"));
    return c;
  }

  std::vector<JournalEntry> entries(const Ticket& t, std::string_view event) const {
    std::vector<JournalEntry> out;
    for (const JournalEntry& e : store_->history(t.id))
      if (e.event == event) out.push_back(e);
    return out;
  }
  // The escalation entries that notified `role`.
  std::vector<JournalEntry> notified(const Ticket& t, const std::string& role) const {
    std::vector<JournalEntry> out;
    for (const JournalEntry& e : entries(t, kEscalationEvent)) {
      const auto it = e.input.find("notify");
      if (it == e.input.end() || it->second.kind() != Value::Kind::kString) continue;
      const std::string roles = "," + it->second.as_string() + ",";
      if (roles.find("," + role + ",") != std::string::npos) out.push_back(e);
    }
    return out;
  }
  // The escalation entries of `clock` that notified `role`.
  std::vector<JournalEntry> notified(const Ticket& t, const std::string& role,
                                     const std::string& clock) const {
    std::vector<JournalEntry> out;
    for (const JournalEntry& e : notified(t, role))
      if (e.input.at("clock") == Value(clock)) out.push_back(e);
    return out;
  }
  Ticket now(const Ticket& t) const { return *store_->get(t.id); }

  std::shared_ptr<ManualClock> clock_ =
      std::make_shared<ManualClock>(at("2026-11-26T08:00:00+08:00"));
  std::shared_ptr<MemoryStore> store_ = std::make_shared<MemoryStore>();
  std::unique_ptr<Engine> engine_;
  Actor desk_{"chenjing", "front_desk"};
  Actor dept_{"security", "department"};
  Actor manager_{"boss", "manager"};
};

TEST_F(ShippedDeadlinesTest, ACallbackAtTheChosenInstantIsOnTime) {
  const TimePoint chosen = at("2026-11-26T15:00:00+08:00");
  const Ticket c = complaint_waiting_for_callback(chosen);
  ok(c, "call_back", {{"satisfaction", Value(4)}}, desk_, chosen);
  const Ticket done = now(c);
  EXPECT_EQ(done.state, "pending_close");
  EXPECT_TRUE(entries(c, kSlaBreachedEvent).empty());
  EXPECT_EQ(done.severity, "general");  // no earlier_breach
  EXPECT_TRUE(entries(c, kSeverityRaisedEvent).empty());
  // The reminder at the chosen time went to the front desk, before the call.
  const auto reminders = notified(c, "front_desk");
  ASSERT_EQ(reminders.size(), 1u);
  EXPECT_EQ(reminders[0].at, chosen);
  EXPECT_TRUE(entries(c, kSlaWarningEvent).empty());  // no 80% warning on the callback clock
  EXPECT_TRUE(notified(c, "supervisor", "callback_due").empty());  // not missed
  ok(c, "close", {}, desk_,
     chosen + std::chrono::minutes(1));  // a general complaint: the desk closes it
}

TEST_F(ShippedDeadlinesTest, ASecondLateBreachesAndTheManagerHearsOfTheMajorComplaintAtOnce) {
  const TimePoint chosen = at("2026-11-26T15:00:00+08:00");
  const Ticket c = complaint_waiting_for_callback(chosen);
  const TimePoint late = chosen + std::chrono::seconds(1);
  ok(c, "call_back", {{"satisfaction", Value(4)}}, desk_, late);
  const auto breaches = entries(c, kSlaBreachedEvent);
  ASSERT_EQ(breaches.size(), 1u);
  EXPECT_EQ(breaches[0].input.at("clock"), Value("callback_due"));
  EXPECT_EQ(breaches[0].input.at("reached_at"), Value(late));
  // earlier_breach made it major, once; `resolution` stopped at 10:00, yet the manager heard of it
  // at the raise, once.
  const Ticket done = now(c);
  EXPECT_EQ(done.severity, "major");
  const auto raised = entries(c, kSeverityRaisedEvent);
  ASSERT_EQ(raised.size(), 1u);
  const auto to_manager = notified(c, "manager");
  ASSERT_EQ(to_manager.size(), 1u);
  EXPECT_EQ(to_manager[0].input.at("clock"), Value("resolution"));
  EXPECT_EQ(to_manager[0].at, raised[0].at);
  // Later changes do not tell the manager again.
  (void)engine_->advance(at("2026-11-30T18:00:00+08:00"));
  EXPECT_EQ(notified(c, "manager").size(), 1u);
}

TEST_F(ShippedDeadlinesTest, AdvanceCountsTheManagerStepOwedByTheRaiseABreachCaused) {
  const TimePoint chosen = at("2026-11-26T15:00:00+08:00");
  const Ticket c = complaint_waiting_for_callback(chosen);
  const TimePoint late = chosen + std::chrono::seconds(1);
  clock_->set(late);
  const AdvanceReport r = engine_->advance(late);  // nobody called: the timer breaches the clock
  EXPECT_EQ(r.breaches, 1u);
  // The front desk's reminder at 15:00, the supervisor at the breach (the callback was missed),
  // the manager at the raise.
  EXPECT_EQ(r.escalations, 3u);
  EXPECT_EQ(now(c).severity, "major");
  const auto to_manager = notified(c, "manager");
  ASSERT_EQ(to_manager.size(), 1u);
  EXPECT_EQ(to_manager[0].at, late);
  EXPECT_EQ(engine_->advance(at("2026-11-27T18:00:00+08:00")).escalations, 0u);
}

TEST_F(ShippedDeadlinesTest, AMissedCallbackIsReportedToTheSupervisorRightAfterTheBreach) {
  NotificationChannel log;
  log.name = "desk_log";
  log.roles = {std::string(kEveryRole)};
  EngineOptions options = shipped_engine_options(clock_);
  options.notifications.channels = {log};
  start(std::move(options));
  const TimePoint chosen = at("2026-11-26T15:00:00+08:00");
  const Ticket c = complaint_waiting_for_callback(chosen);
  clock_->set(chosen);
  (void)engine_->advance(chosen);  // the reminder to call now; not missed yet
  EXPECT_EQ(notified(c, "front_desk", "callback_due").size(), 1u);
  EXPECT_EQ(notified(c, "front_desk", "callback_due")[0].input.count("at"), 0u);  // at 100%
  EXPECT_TRUE(notified(c, "supervisor", "callback_due").empty());

  // Nobody calls: a second past the chosen time the clock breaches, and the supervisor hears.
  const TimePoint missed = chosen + std::chrono::seconds(1);
  EXPECT_EQ(engine_->next_deadline(), missed);
  clock_->set(missed);
  (void)engine_->advance(missed);
  const auto told = notified(c, "supervisor", "callback_due");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].at, missed);
  EXPECT_EQ(told[0].input.at("reached_at"), Value(missed));
  EXPECT_EQ(told[0].input.at("at"), Value("breach"));  // not a step at 100%
  const std::vector<JournalEntry> history = store_->history(c.id);
  const auto breach = std::find_if(history.begin(), history.end(), [](const JournalEntry& e) {
    return e.event == kSlaBreachedEvent;
  });
  ASSERT_NE(breach, history.end());
  ASSERT_NE(breach + 1, history.end());
  EXPECT_EQ(breach->input.at("clock"), Value("callback_due"));
  EXPECT_EQ((breach + 1)->seq, told[0].seq);  // the step is the entry right after the breach
  // Queued for the supervisor with that entry.
  OutboxQuery q;
  q.ticket = c.id;
  std::size_t to_supervisor = 0;
  for (const OutboxMessage& m : store_->outbox(q)) {
    if (m.notification.recipient == "supervisor" && m.notification.recipient_is_role) {
      ++to_supervisor;
      EXPECT_EQ(m.seq, told[0].seq);
    }
  }
  EXPECT_EQ(to_supervisor, 1u);
  // Once: later rounds and a late callback do not tell the supervisor again.
  (void)engine_->advance(at("2026-11-27T18:00:00+08:00"));
  ok(c, "call_back", {{"satisfaction", Value(4)}}, desk_, at("2026-11-27T18:30:00+08:00"));
  EXPECT_EQ(notified(c, "supervisor", "callback_due").size(), 1u);
}

TEST_F(ShippedDeadlinesTest, ATimerAtTheChosenInstantDoesNotBreach) {
  const TimePoint chosen = at("2026-11-26T15:00:00+08:00");
  const Ticket c = complaint_waiting_for_callback(chosen);
  (void)engine_->advance(chosen);  // the engine wakes at the deadline first
  EXPECT_TRUE(entries(c, kSlaBreachedEvent).empty());
  EXPECT_EQ(notified(c, "front_desk").size(), 1u);
  EXPECT_EQ(engine_->next_deadline(), chosen + std::chrono::seconds(1));
  ok(c, "call_back", {{"satisfaction", Value(4)}}, desk_, chosen);
  EXPECT_TRUE(entries(c, kSlaBreachedEvent).empty());
  EXPECT_EQ(now(c).severity, "general");
}

TEST_F(ShippedDeadlinesTest, ACallbackChosenForTheLunchHourIsDueThen) {
  Ticket r =
      create("repair", {{"location", Value("3-2-1502")}, {"description", Value("水龙头滴水")}},
             at("2026-11-26T09:00:00+08:00"));
  ok(r, "grab", {}, Actor{"lishifu", "repairer"}, at("2026-11-26T09:05:00+08:00"));
  ok(r, "complete", {}, Actor{"lishifu", "repairer"}, at("2026-11-26T10:00:00+08:00"));
  ok(r, "rate", {{"satisfaction", Value(5)}}, Actor{"owner", "resident"},
     at("2026-11-26T10:30:00+08:00"));
  const TimePoint lunch = at("2026-11-26T12:30:00+08:00");
  ok(r, "schedule_callback", {{"callback_at", Value(lunch)}}, desk_,
     at("2026-11-26T11:00:00+08:00"));
  const SlaClockState* clock = nullptr;
  const Ticket waiting = now(r);
  for (const SlaClockState& s : waiting.clocks)
    if (s.name == "callback_due") clock = &s;
  ASSERT_NE(clock, nullptr);
  EXPECT_EQ(clock->due, lunch);  // not 12:00, when the office's morning ends
  (void)engine_->advance(lunch);
  const auto reminders = notified(r, "front_desk");
  ASSERT_EQ(reminders.size(), 1u);
  EXPECT_EQ(reminders[0].at, lunch);
  EXPECT_TRUE(entries(r, kSlaBreachedEvent).empty());
  (void)engine_->advance(lunch + std::chrono::seconds(1));
  const auto breaches = entries(r, kSlaBreachedEvent);
  ASSERT_EQ(breaches.size(), 1u);
  EXPECT_EQ(breaches[0].input.at("reached_at"), Value(lunch + std::chrono::seconds(1)));
}

TEST_F(ShippedDeadlinesTest, ACallbackChosenForMondayMorningIsDueThen) {
  Ticket r =
      create("repair", {{"location", Value("3-2-1502")}, {"description", Value("水龙头滴水")}},
             at("2026-11-27T15:00:00+08:00"));
  ok(r, "grab", {}, Actor{"lishifu", "repairer"}, at("2026-11-27T15:05:00+08:00"));
  ok(r, "complete", {}, Actor{"lishifu", "repairer"}, at("2026-11-27T16:00:00+08:00"));
  const TimePoint monday = at("2026-11-30T09:00:00+08:00");
  ok(r, "schedule_callback", {{"callback_at", Value(monday)}}, Actor{"owner", "resident"},
     at("2026-11-27T16:10:00+08:00"));
  ok(r, "rate", {{"satisfaction", Value(5)}}, Actor{"owner", "resident"},
     at("2026-11-27T16:30:00+08:00"));
  ok(r, "call_back", {{"satisfaction", Value(5)}}, desk_, monday);
  EXPECT_EQ(now(r).state, "closed");
  EXPECT_TRUE(entries(r, kSlaBreachedEvent).empty());  // Friday 18:00 was not its deadline
}

TEST_F(ShippedDeadlinesTest, AComplaintTheRuleMadeMajorCannotBeClassifiedGeneral) {
  Ticket c = create("complaint",
                    {{"location", Value("2-1-0801")}, {"description", Value("楼上漏水到我家")}},
                    at("2026-11-26T09:00:00+08:00"));
  ASSERT_EQ(now(c).severity, "major");
  ASSERT_EQ(entries(c, kSeverityRaisedEvent).size(), 1u);
  auto refused = fire(c, "classify_general", {{"dept", Value("engineering")}}, desk_,
                      at("2026-11-26T09:05:00+08:00"));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.rejection().message.find("severity"), std::string::npos)
      << refused.rejection().message;
  EXPECT_EQ(now(c).state, "registered");
  ok(c, "classify_major", {{"dept", Value("engineering")}}, desk_, at("2026-11-26T09:06:00+08:00"));
  EXPECT_EQ(now(c).severity, "major");
  EXPECT_EQ(entries(c, kSeverityRaisedEvent).size(), 1u);  // raised once
  EXPECT_EQ(notified(c, "manager").size(), 1u);
}

TEST_F(ShippedDeadlinesTest, AnOvernightHandoverIsDueInOfficeHours) {
  // Recorded at 00:05 on Friday 27 Nov: due 09:30, not 00:35.
  Ticket h = create("handover",
                    {{"shift_from", Value(at("2026-11-26T18:00:00+08:00"))},
                     {"shift_to", Value(at("2026-11-27T00:00:00+08:00"))},
                     {"outgoing", Value("wangli")},
                     {"incoming", Value("chenjing")},
                     {"summary", Value("未关闭 0 项")},
                     {"open_count", Value(std::int64_t{0})},
                     {"breach_count", Value(std::int64_t{0})}},
                    at("2026-11-27T00:05:00+08:00"));
  const Ticket recorded = now(h);
  ASSERT_EQ(recorded.clocks.size(), 1u);
  EXPECT_EQ(recorded.clocks[0].due, at("2026-11-27T09:30:00+08:00"));
  ok(h, "acknowledge", {}, desk_, at("2026-11-27T09:10:00+08:00"));
  EXPECT_TRUE(entries(h, kSlaBreachedEvent).empty());
  EXPECT_TRUE(notified(h, "supervisor").empty());
}

TEST_F(ShippedDeadlinesTest, TheDailyReportShowsWhenARatingIsNoLongerAwaited) {
  Ticket r =
      create("repair", {{"location", Value("3-2-1502")}, {"description", Value("水龙头滴水")}},
             at("2026-11-26T09:00:00+08:00"));
  ok(r, "grab", {}, Actor{"lishifu", "repairer"}, at("2026-11-26T09:05:00+08:00"));
  ok(r, "complete", {}, Actor{"lishifu", "repairer"}, at("2026-11-26T10:00:00+08:00"));
  const WorkflowLookup lookup = [this](std::string_view name, int version) {
    return engine_->workflow(name, version);
  };
  const DailyReport report = daily_report(*store_, lookup, at("2026-11-26T18:00:00+08:00"));
  ASSERT_EQ(report.items.size(), 1u);
  EXPECT_EQ(report.items[0].state, "awaiting_rating");
  EXPECT_EQ(report.items[0].next_due, at("2026-11-28T10:00:00+08:00"));  // 48h after completion
  EXPECT_EQ(report.items[0].next_clock, "rate");                         // the event it fires
  // Once rated, the timed transition is gone: the callback clock's deadline takes its place.
  ok(r, "rate", {{"satisfaction", Value(5)}}, Actor{"owner", "resident"},
     at("2026-11-26T11:00:00+08:00"));
  const DailyReport later = daily_report(*store_, lookup, at("2026-11-26T18:00:00+08:00"));
  ASSERT_EQ(later.items.size(), 1u);
  EXPECT_EQ(later.items[0].next_clock, "callback_due");
}

}  // namespace
}  // namespace propdesk
