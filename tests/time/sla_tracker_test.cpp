// SlaTracker: clock runs, business-time targets and thresholds, on the shipped office calendar
// (Mon-Fri 09:00-12:00 and 13:00-18:00, +08:00, the 2026 holidays and make-up days), at fixed
// instants. Every expected instant is worked out by hand in the comment next to it.
#include "propdesk/sla_tracker.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "calendar_test_support.hpp"
#include "propdesk/calendar_loader.hpp"
#include "propdesk/workflow_loader.hpp"

namespace propdesk {

inline void PrintTo(const SlaThreshold& t, std::ostream* os) {
  *os << t.clock_name << " " << to_string(t.kind) << " #" << t.step << " " << t.percent << "% at "
      << format_time(t.reached_at);
}

namespace {

using namespace calendar_test;
using Kind = SlaThreshold::Kind;
using Phase = SlaClockState::Phase;

Calendar shipped_office() {
  CalendarLoadResult r = load_calendar_file(PROPDESK_SOURCE_DIR "/workflows/calendars/office.yaml");
  EXPECT_TRUE(r.ok()) << dump(r.diagnostics);
  return r.calendar.value_or(Calendar());
}

CalendarSet office_set() {
  CalendarSet set;
  set.add(shipped_office());
  return set;
}

std::shared_ptr<const Workflow> load(const std::string& text) {
  LoadResult r = load_workflow_string(text, "sla.yaml");
  EXPECT_TRUE(r.ok()) << dump(r.diagnostics);
  return r.workflow;
}

// A repair-like workflow: `resolution` runs from `open` until `done`, paused in `on_hold`;
// `callback_due` runs from `done` until `closed`, due at the resident's chosen time.
const std::string kWorkflow = R"(workflow: sla
fields:
  callback_at: {type: time}
roles: [supervisor, manager]
states:
  open: {initial: true}
  working: {}
  on_hold: {}
  done: {}
  closed: {final: true}
transitions:
  - {event: work, from: open, to: working}
  - {event: hold, from: working, to: on_hold}
  - {event: resume, from: on_hold, to: working}
  - {event: finish, from: [open, working, on_hold], to: done}
  - {event: restart, from: done, to: open}
  - {event: close, from: done, to: closed}
  - {event: note, from: any}
clocks:
  resolution:
    starts: open
    stops: [done, closed]
    pauses_in: on_hold
    target: {general: 2h, major: 30m}
    calendar: office
  callback_due:
    starts: done
    stops: closed
    due_at: callback_at
    target: 4h
    calendar: office
escalation:
  ladder:
    - {clock: resolution, at: 50%, notify: supervisor}
    - {clock: resolution, at: 0%, notify: manager, severity: major}
    - {clock: resolution, at: 150%, notify: manager}
    - {clock: callback_due, at: 100%, notify: supervisor}
)";

// Step indexes in kWorkflow's ladder.
constexpr std::size_t kHalf = 0;
constexpr std::size_t kMajorAtOnce = 1;
constexpr std::size_t kOverdue = 2;
constexpr std::size_t kCallbackStep = 3;

SlaThreshold step(const std::string& clock, ClockId id, std::size_t index, int percent, TimePoint when) {
  return SlaThreshold{id, clock, Kind::kStep, index, percent, when};
}
SlaThreshold warning(const std::string& clock, ClockId id, int percent, TimePoint when) {
  return SlaThreshold{id, clock, Kind::kWarning, 0, percent, when};
}
SlaThreshold breach(const std::string& clock, ClockId id, TimePoint when) {
  return SlaThreshold{id, clock, Kind::kBreach, 0, 100, when};
}
SlaThreshold res_step(std::size_t index, int percent, TimePoint when) { return step("resolution", 0, index, percent, when); }
SlaThreshold res_warning(TimePoint when) { return warning("resolution", 0, 80, when); }
SlaThreshold res_breach(TimePoint when) { return breach("resolution", 0, when); }

// One ticket driven through a workflow the way the engine will: update() on every change,
// take_due() until nothing is left. Keeps the timers the store would hold.
class Desk {
 public:
  Desk(std::shared_ptr<const Workflow> workflow, const CalendarSet& calendars)
      : workflow_(std::move(workflow)), tracker_(workflow_, calendars) {}

  // Creates the ticket in the initial state.
  SlaTracker::Update create(TimePoint at, const std::string& severity = "general") {
    ticket_.workflow = workflow_->name();
    ticket_.workflow_version = workflow_->version();
    ticket_.code = "T-1";
    ticket_.state = workflow_->state(workflow_->initial_state()).name;
    ticket_.severity = severity;
    ticket_.created_at = at;
    return apply(nullptr, ticket_, at);
  }

  // Commits a change: a new state, severity or field values.
  SlaTracker::Update change(TimePoint at, const std::string& state, const std::string& severity = "",
                            const Fields& set = {}, const std::vector<std::string>& unset = {}) {
    const Ticket before = ticket_;
    Ticket after = ticket_;
    after.state = state;
    if (!severity.empty()) after.severity = severity;
    for (const auto& [name, value] : set) after.fields[name] = value;
    for (const std::string& name : unset) after.fields.erase(name);
    after.updated_at = at;
    return apply(&before, after, at);
  }
  // The same state: an internal transition that only changes fields or severity.
  SlaTracker::Update note(TimePoint at, const std::string& severity, const Fields& set = {},
                          const std::vector<std::string>& unset = {}) {
    return change(at, ticket_.state, severity, set, unset);
  }

  // Every threshold reached by `at`, as the engine journals them.
  std::vector<SlaThreshold> take(TimePoint at) {
    std::vector<SlaThreshold> out;
    TimerChanges timers;
    while (auto th = tracker_.take_due(ticket_, at, timers)) {
      out.push_back(*th);
      if (out.size() > 100) break;  // a bug, not a hang
    }
    store(timers);
    return out;
  }

  // The clock's timer as the store holds it; nullopt when it has none.
  [[nodiscard]] std::optional<TimePoint> timer(const std::string& clock) const {
    const auto it = std::find_if(timers_.begin(), timers_.end(),
                                 [&](const Timer& t) { return t.key == SlaTracker::timer_key(clock); });
    return it == timers_.end() ? std::nullopt : std::optional<TimePoint>(it->due);
  }
  [[nodiscard]] const SlaClockState& clock(const std::string& name) const {
    for (const SlaClockState& s : ticket_.clocks)
      if (s.name == name) return s;
    ADD_FAILURE() << "clock " << name << " has no state";
    static const SlaClockState none;
    return none;
  }
  [[nodiscard]] bool has_clock(const std::string& name) const {
    return std::any_of(ticket_.clocks.begin(), ticket_.clocks.end(), [&](const SlaClockState& s) { return s.name == name; });
  }
  [[nodiscard]] SlaTracker::Reading read(const std::string& clock, TimePoint at) const {
    auto r = tracker_.read(ticket_, clock, at);
    EXPECT_TRUE(r.has_value()) << clock;
    return r.value_or(SlaTracker::Reading{});
  }

  Ticket& ticket() { return ticket_; }
  const SlaTracker& tracker() const { return tracker_; }

 private:
  SlaTracker::Update apply(const Ticket* before, Ticket& after, TimePoint at) {
    SlaTracker::Update u = tracker_.update(before, after, at);
    ticket_ = after;
    store(u.timers);
    return u;
  }
  // Applies timer changes the way Store does: cancel_all, cancel, schedule (upsert).
  void store(const TimerChanges& changes) {
    if (changes.cancel_all) timers_.clear();
    for (const std::string& key : changes.cancel)
      std::erase_if(timers_, [&](const Timer& t) { return t.key == key; });
    for (const Timer& t : changes.schedule) {
      std::erase_if(timers_, [&](const Timer& old) { return old.key == t.key; });
      timers_.push_back(t);
    }
  }

  std::shared_ptr<const Workflow> workflow_;
  SlaTracker tracker_;
  Ticket ticket_;
  std::vector<Timer> timers_;
};

class SlaTrackerTest : public testing::Test {
 protected:
  std::shared_ptr<const Workflow> workflow_ = load(kWorkflow);
  CalendarSet calendars_ = office_set();
  Desk desk_{workflow_, calendars_};
};

// ---------------------------------------------------------------------------------------------
// Business time on the office calendar

TEST_F(SlaTrackerTest, StartedBeforeLunchCrossesLunch) {
  // Thursday 26 November 2026, 11:00; 2h: 11:00-12:00, then 13:00-14:00.
  auto u = desk_.create(at("2026-11-26 11:00"));
  EXPECT_TRUE(u.overdue.empty());
  const SlaClockState& s = desk_.clock("resolution");
  EXPECT_EQ(s.phase, Phase::kRunning);
  EXPECT_EQ(s.started_at, at("2026-11-26 11:00"));
  EXPECT_EQ(s.target, 2h);
  EXPECT_EQ(s.due, at("2026-11-26 14:00"));
  EXPECT_FALSE(desk_.has_clock("callback_due"));  // not started: no state
  // The first threshold is the 50% step: 60 minutes, used up at 12:00 sharp (not 13:00).
  ASSERT_EQ(u.timers.schedule.size(), 1u);
  EXPECT_EQ(u.timers.schedule[0].key, "clock:resolution");
  EXPECT_EQ(u.timers.schedule[0].due, at("2026-11-26 12:00"));
  EXPECT_TRUE(u.timers.cancel.empty());

  EXPECT_TRUE(desk_.take(at("2026-11-26 11:59:59")).empty());
  EXPECT_EQ(desk_.take(at("2026-11-26 12:00")), std::vector{res_step(kHalf, 50, at("2026-11-26 12:00"))});
  // Warning at 80% = 96 minutes: 60 before lunch, 36 after.
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-26 13:36"));
  EXPECT_TRUE(desk_.take(at("2026-11-26 12:59")).empty());  // lunch counts nothing
  EXPECT_EQ(desk_.take(at("2026-11-26 13:36")), std::vector{res_warning(at("2026-11-26 13:36"))});
  // Due at 14:00, still on time then; breached at the first second past it.
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-26 14:00:01"));
  EXPECT_TRUE(desk_.take(at("2026-11-26 14:00")).empty());
  EXPECT_EQ(desk_.take(at("2026-11-26 14:00:01")), std::vector{res_breach(at("2026-11-26 14:00:01"))});
  // 150% = 3h: 14:00 + 1h.
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-26 15:00"));
  EXPECT_EQ(desk_.take(at("2026-11-26 15:00")), std::vector{res_step(kOverdue, 150, at("2026-11-26 15:00"))});
  // Nothing left: the timer is cancelled, the clock still runs.
  EXPECT_EQ(desk_.timer("resolution"), std::nullopt);
  EXPECT_EQ(desk_.clock("resolution").phase, Phase::kRunning);
  EXPECT_TRUE(desk_.take(at("2026-12-31 00:00")).empty());
}

TEST_F(SlaTrackerTest, Overnight) {
  // Thursday 17:00: one hour today, one tomorrow morning.
  desk_.create(at("2026-11-26 17:00"));
  EXPECT_EQ(desk_.clock("resolution").due, at("2026-11-27 10:00"));
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-26 18:00"));  // 50% = 1h, at the day's end
  EXPECT_EQ(desk_.take(at("2026-11-27 09:40")),
            (std::vector{res_step(kHalf, 50, at("2026-11-26 18:00")), res_warning(at("2026-11-27 09:36"))}));
  const auto r = desk_.read("resolution", at("2026-11-27 09:00"));
  EXPECT_EQ(r.elapsed, 1h);  // the night counts nothing
  EXPECT_DOUBLE_EQ(*r.percent, 50.0);
}

TEST_F(SlaTrackerTest, OverAWeekend) {
  // Friday 27 November 17:30: 30 minutes on Friday, 1h30m on Monday 30 November.
  desk_.create(at("2026-11-27 17:30"));
  EXPECT_EQ(desk_.clock("resolution").due, at("2026-11-30 10:30"));
  EXPECT_EQ(desk_.take(at("2026-11-30 10:30:01")),
            (std::vector{res_step(kHalf, 50, at("2026-11-30 09:30")), res_warning(at("2026-11-30 10:06")),
                         res_breach(at("2026-11-30 10:30:01"))}));
  EXPECT_EQ(desk_.read("resolution", at("2026-11-29 12:00")).elapsed, 30min);
}

TEST_F(SlaTrackerTest, OverAPublicHoliday) {
  // Wednesday 30 September 17:00: one hour, then the National Day week (1-7 October) and the
  // weekend stand still; Thursday 8 October 09:00-10:00 is the second hour.
  desk_.create(at("2026-09-30 17:00"));
  EXPECT_EQ(desk_.clock("resolution").due, at("2026-10-08 10:00"));
  EXPECT_EQ(desk_.read("resolution", at("2026-10-05 10:00")).elapsed, 1h);
  // Mid-Autumn: Thursday 24 September 17:00; Friday 25 (中秋节) and the weekend are off.
  Desk other(workflow_, calendars_);
  other.create(at("2026-09-24 17:00"));
  EXPECT_EQ(other.clock("resolution").due, at("2026-09-28 10:00"));
}

TEST_F(SlaTrackerTest, OnAMakeUpWorkingDay) {
  // Friday 9 October 17:00; Saturday 10 October is a make-up working day (国庆节补班) with Monday's
  // hours, so the second hour is Saturday 09:00-10:00.
  desk_.create(at("2026-10-09 17:00"));
  EXPECT_EQ(desk_.clock("resolution").due, at("2026-10-10 10:00"));
  // Sunday 20 September, a make-up day too: a ticket created at 11:30 is due at 14:30 that day.
  Desk other(workflow_, calendars_);
  other.create(at("2026-09-20 11:30"));
  EXPECT_EQ(other.clock("resolution").due, at("2026-09-20 14:30"));
  // An ordinary Saturday is off: created 10:00 on 17 October, due Monday 19 October 11:00.
  Desk weekend(workflow_, calendars_);
  weekend.create(at("2026-10-17 10:00"));
  EXPECT_EQ(weekend.clock("resolution").due, at("2026-10-19 11:00"));
}

TEST_F(SlaTrackerTest, ADayIsTwentyFourHoursOfBusinessTime) {
  // `1d` on the office calendar is three 8-hour office days, not one working day.
  const auto w = load(R"(workflow: days
states:
  open: {initial: true}
  closed: {final: true}
transitions:
  - {event: close, from: open, to: closed}
clocks:
  answer: {starts: open, stops: closed, target: 1d, calendar: office}
)");
  Desk desk(w, calendars_);
  desk.create(at("2026-11-23 09:00"));  // Monday
  EXPECT_EQ(desk.clock("answer").due, at("2026-11-25 18:00"));
}

TEST_F(SlaTrackerTest, AClockWithoutCalendarRunsAroundTheClock) {
  const auto w = load(R"(workflow: nonstop
states:
  open: {initial: true}
  closed: {final: true}
transitions:
  - {event: close, from: open, to: closed}
clocks:
  resolution: {starts: open, stops: closed, target: 2d, warn_at: 75%}
)");
  Desk desk(w, CalendarSet{});  // no calendars needed
  desk.create(at("2026-11-27 17:00"));  // Friday
  EXPECT_EQ(desk.clock("resolution").due, at("2026-11-29 17:00"));  // Sunday
  EXPECT_EQ(desk.timer("resolution"), at("2026-11-29 05:00"));      // 75% of 48h = 36h
  EXPECT_EQ(desk.take(at("2026-11-29 17:00:01")),
            (std::vector{warning("resolution", 0, 75, at("2026-11-29 05:00")),
                         breach("resolution", 0, at("2026-11-29 17:00:01"))}));
  EXPECT_EQ(desk.read("resolution", at("2026-11-28 17:00")).elapsed, 24h);
}

TEST_F(SlaTrackerTest, PercentagesRoundUpToTheSecond) {
  // 33% of 1m is 19.8s: reached once 20s have passed (at 19s the clock reads 31.7%); 1% is 0.6s,
  // reached after 1s; 150% is exactly 90s; the breach is the first second past 1m.
  const auto w = load(R"(workflow: seconds
roles: [supervisor]
states:
  open: {initial: true}
  closed: {final: true}
transitions:
  - {event: close, from: open, to: closed}
clocks:
  quick: {starts: open, stops: closed, target: 1m, warn_at: 33%}
escalation:
  ladder:
    - {clock: quick, at: 1%, notify: supervisor}
    - {clock: quick, at: 150%, notify: supervisor}
)");
  Desk desk(w, CalendarSet{});
  desk.create(at("2026-11-26 09:00:00"));
  EXPECT_EQ(desk.timer("quick"), at("2026-11-26 09:00:01"));
  EXPECT_EQ(desk.take(at("2026-11-26 09:00:19")), std::vector{step("quick", 0, 0, 1, at("2026-11-26 09:00:01"))});
  EXPECT_EQ(desk.timer("quick"), at("2026-11-26 09:00:20"));
  EXPECT_EQ(desk.take(at("2026-11-26 09:02:00")),
            (std::vector{warning("quick", 0, 33, at("2026-11-26 09:00:20")), breach("quick", 0, at("2026-11-26 09:01:01")),
                         step("quick", 0, 1, 150, at("2026-11-26 09:01:30"))}));
}

TEST_F(SlaTrackerTest, ACalendarWithoutWorkingTimeGivesNoDeadline) {
  CalendarSpec spec;
  spec.name = "office";  // every weekday closed, no special days
  CalendarSet closed;
  closed.add(Calendar::create(spec));
  Desk desk(workflow_, closed);
  auto u = desk.create(at("2026-11-26 09:00"));
  EXPECT_EQ(desk.clock("resolution").target, 2h);
  EXPECT_EQ(desk.clock("resolution").due, std::nullopt);
  EXPECT_EQ(desk.tracker().next_deadline(desk.ticket()), std::nullopt);
  // No threshold ever comes, so no timer.
  EXPECT_TRUE(u.timers.schedule.empty());
  EXPECT_EQ(u.timers.cancel, std::vector<std::string>{"clock:resolution"});
  EXPECT_TRUE(desk.take(at("9999-12-31 00:00")).empty());
  // A 0% step needs no time to pass: a major ticket's manager is told at once, even here.
  desk.note(at("2026-11-26 10:00"), "major");
  EXPECT_EQ(desk.take(at("2026-11-26 10:00")), std::vector{res_step(kMajorAtOnce, 0, at("2026-11-26 10:00"))});
  EXPECT_EQ(desk.timer("resolution"), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// The deadline instant: on time at it, breached past it

TEST_F(SlaTrackerTest, AStopAtTheDeadlineInstantIsOnTime) {
  // Thursday 09:00, 2h: due 11:00. The timer waits for the first second past it.
  desk_.create(at("2026-11-26 09:00"));
  EXPECT_EQ(desk_.clock("resolution").due, at("2026-11-26 11:00"));
  EXPECT_EQ(desk_.take(at("2026-11-26 11:00")),
            (std::vector{res_step(kHalf, 50, at("2026-11-26 10:00")), res_warning(at("2026-11-26 10:36"))}));
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-26 11:00:01"));
  // Done at 11:00:00 sharp: 2h counted, not more than the target.
  auto u = desk_.change(at("2026-11-26 11:00"), "done");
  EXPECT_TRUE(u.overdue.empty());
  EXPECT_FALSE(desk_.clock("resolution").breached);
  EXPECT_EQ(desk_.clock("resolution").elapsed, 2h);
}

TEST_F(SlaTrackerTest, OneSecondPastTheDeadlineIsABreach) {
  desk_.create(at("2026-11-26 09:00"));
  auto u = desk_.change(at("2026-11-26 11:00:01"), "done");
  EXPECT_EQ(u.overdue, (std::vector{res_step(kHalf, 50, at("2026-11-26 10:00")), res_warning(at("2026-11-26 10:36")),
                                    res_breach(at("2026-11-26 11:00:01"))}));
  EXPECT_TRUE(desk_.clock("resolution").breached);
}

TEST_F(SlaTrackerTest, ADeadlineAtAPeriodsEndIsBreachedInTheNextPeriod) {
  // Thursday 10:00, 2h: used up at 12:00; the lunch hour adds nothing, so the breach is 13:00:01.
  desk_.create(at("2026-11-26 10:00"));
  EXPECT_EQ(desk_.clock("resolution").due, at("2026-11-26 12:00"));
  EXPECT_EQ(desk_.take(at("2026-11-26 12:59:59")),
            (std::vector{res_step(kHalf, 50, at("2026-11-26 11:00")), res_warning(at("2026-11-26 11:36"))}));
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-26 13:00:01"));
  auto u = desk_.change(at("2026-11-26 12:30"), "done");  // in the lunch hour: on time
  EXPECT_TRUE(u.overdue.empty());
  EXPECT_FALSE(desk_.clock("resolution").breached);
}

TEST_F(SlaTrackerTest, DueAtInTheLunchHourIsDueThen) {
  // Done Thursday 10:00; the resident chose 13:00, in the lunch hour: due 13:00, not 12:00. No
  // warning (a due_at clock has none by default): the 100% step at 13:00 is the first threshold.
  desk_.create(at("2026-11-26 09:00"));
  desk_.change(at("2026-11-26 10:00"), "done", "", {{"callback_at", at("2026-11-26 13:00")}});
  EXPECT_EQ(desk_.clock("callback_due").due, at("2026-11-26 13:00"));
  EXPECT_EQ(desk_.clock("callback_due").target, 3h);  // around the clock
  EXPECT_EQ(desk_.timer("callback_due"), at("2026-11-26 13:00"));
  EXPECT_TRUE(desk_.take(at("2026-11-26 12:59:59")).empty());
  EXPECT_EQ(desk_.take(at("2026-11-26 13:00")),
            std::vector{step("callback_due", 1, kCallbackStep, 100, at("2026-11-26 13:00"))});
  EXPECT_EQ(desk_.timer("callback_due"), at("2026-11-26 13:00:01"));
  EXPECT_EQ(desk_.take(at("2026-11-26 13:00:01")), std::vector{breach("callback_due", 1, at("2026-11-26 13:00:01"))});
  EXPECT_FALSE(desk_.clock("callback_due").warned);
}

TEST_F(SlaTrackerTest, DueAtOnMondayMorningIsDueThenNotOnFridayEvening) {
  desk_.create(at("2026-11-27 16:00"));
  desk_.change(at("2026-11-27 17:00"), "done", "", {{"callback_at", at("2026-11-30 09:00")}});
  EXPECT_EQ(desk_.clock("callback_due").due, at("2026-11-30 09:00"));
  EXPECT_TRUE(desk_.take(at("2026-11-29 23:00")).empty());
  // The call at Monday 09:00 sharp: the reminder is due at that instant, the breach is not.
  auto u = desk_.change(at("2026-11-30 09:00"), "closed");
  EXPECT_EQ(u.overdue, std::vector{step("callback_due", 1, kCallbackStep, 100, at("2026-11-30 09:00"))});
  EXPECT_FALSE(desk_.clock("callback_due").breached);
}

TEST_F(SlaTrackerTest, APausedDueAtRunIsStillDueAtTheChosenTime) {
  // A clock with due_at that pauses: the chosen time does not move.
  const auto w = load(R"(workflow: visit
fields:
  visit_at: {type: time}
roles: [desk]
states:
  waiting: {initial: true}
  held: {}
  visited: {final: true}
transitions:
  - {event: hold, from: waiting, to: held}
  - {event: go_on, from: held, to: waiting}
  - {event: visit, from: [waiting, held], to: visited}
clocks:
  visit: {starts: waiting, stops: visited, pauses_in: held, due_at: visit_at, calendar: office}
)");
  Desk desk(w, calendars_);
  desk.create(at("2026-11-26 09:00"));
  desk.note(at("2026-11-26 09:00"), "", {{"visit_at", at("2026-11-26 15:00")}});
  desk.change(at("2026-11-26 10:00"), "held");
  desk.change(at("2026-11-26 11:00"), "waiting");
  EXPECT_EQ(desk.clock("visit").due, at("2026-11-26 15:00"));
  EXPECT_EQ(desk.timer("visit"), at("2026-11-26 15:00:01"));  // the breach; no warning
  EXPECT_EQ(desk.take(at("2026-11-26 15:00:01")), std::vector{breach("visit", 0, at("2026-11-26 15:00:01"))});
}

TEST_F(SlaTrackerTest, AStoppedRunOwesItsMajorOnlyStepsWhenTheTicketBecomesMajor) {
  // resolution stops at 09:20 (done); the ticket becomes major at 10:00, after the stop: its
  // major-only 0% step is owed at once, with a timer at the change, and taken once.
  desk_.create(at("2026-11-26 09:00"));
  desk_.change(at("2026-11-26 09:20"), "done");
  EXPECT_EQ(desk_.timer("resolution"), std::nullopt);
  auto u = desk_.note(at("2026-11-26 10:00"), "major");
  EXPECT_TRUE(u.overdue.empty());
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-26 10:00"));
  EXPECT_EQ(desk_.take(at("2026-11-26 10:00")), std::vector{res_step(kMajorAtOnce, 0, at("2026-11-26 10:00"))});
  EXPECT_EQ(desk_.timer("resolution"), std::nullopt);
  EXPECT_EQ(desk_.clock("resolution").phase, Phase::kStopped);
  EXPECT_FALSE(desk_.clock("resolution").breached);  // nothing else: the run is over
  for (const SlaThreshold& th : desk_.take(at("2026-11-27 12:00"))) EXPECT_EQ(th.clock_name, "callback_due");
  // A general ticket owes nothing.
  Desk general(workflow_, calendars_);
  general.create(at("2026-11-26 09:00"));
  general.change(at("2026-11-26 09:20"), "done");
  EXPECT_TRUE(general.take(at("2026-11-26 10:00")).empty());
}

TEST_F(SlaTrackerTest, APausedRunOwesItsMajorOnlyStepsAtOnce) {
  desk_.create(at("2026-11-26 09:00"));
  desk_.change(at("2026-11-26 09:10"), "working");
  desk_.change(at("2026-11-26 09:20"), "on_hold");
  desk_.note(at("2026-11-26 09:30"), "major");
  EXPECT_EQ(desk_.take(at("2026-11-26 09:30")), std::vector{res_step(kMajorAtOnce, 0, at("2026-11-26 09:30"))});
  EXPECT_EQ(desk_.clock("resolution").phase, Phase::kPaused);
  EXPECT_EQ(desk_.timer("resolution"), std::nullopt);  // paused: nothing else until it resumes
}

// ---------------------------------------------------------------------------------------------
// Pauses, severity, due_at

TEST_F(SlaTrackerTest, PauseAndResume) {
  // Thursday 09:00; on hold at 09:45 (45 minutes counted) until Friday 09:00.
  desk_.create(at("2026-11-26 09:00"));
  desk_.change(at("2026-11-26 09:30"), "working");
  auto u = desk_.change(at("2026-11-26 09:45"), "on_hold");
  const SlaClockState& paused = desk_.clock("resolution");
  EXPECT_EQ(paused.phase, Phase::kPaused);
  EXPECT_EQ(paused.since, at("2026-11-26 09:45"));
  EXPECT_EQ(paused.elapsed, 45min);
  EXPECT_EQ(paused.due, std::nullopt);
  EXPECT_EQ(u.timers.cancel, std::vector<std::string>{"clock:resolution"});
  EXPECT_EQ(desk_.timer("resolution"), std::nullopt);
  // Nothing is reached while paused, however long.
  EXPECT_TRUE(desk_.take(at("2026-11-26 17:00")).empty());
  const auto reading = desk_.read("resolution", at("2026-11-26 17:00"));
  EXPECT_EQ(reading.phase, Phase::kPaused);
  EXPECT_EQ(reading.elapsed, 45min);
  EXPECT_DOUBLE_EQ(*reading.percent, 37.5);
  EXPECT_EQ(reading.due, std::nullopt);

  desk_.change(at("2026-11-27 09:00"), "working");
  const SlaClockState& resumed = desk_.clock("resolution");
  EXPECT_EQ(resumed.phase, Phase::kRunning);
  EXPECT_EQ(resumed.since, at("2026-11-27 09:00"));
  EXPECT_EQ(resumed.elapsed, 45min);
  EXPECT_EQ(resumed.started_at, at("2026-11-26 09:00"));  // the same run
  EXPECT_EQ(resumed.due, at("2026-11-27 10:15"));          // 75 minutes left
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-27 09:15"));
  EXPECT_EQ(desk_.take(at("2026-11-27 10:15:01")),
            (std::vector{res_step(kHalf, 50, at("2026-11-27 09:15")), res_warning(at("2026-11-27 09:51")),
                         res_breach(at("2026-11-27 10:15:01"))}));
}

TEST_F(SlaTrackerTest, TargetShrinksWhenTheTicketBecomesMajor) {
  // General from Thursday 09:00 (2h); major at 09:40, already past the major 30 minutes: every
  // threshold up to 100% is due at the change, the owed 0% major step included; 150% (45 minutes)
  // comes at 09:45.
  desk_.create(at("2026-11-26 09:00"));
  EXPECT_EQ(desk_.clock("resolution").due, at("2026-11-26 11:00"));
  auto u = desk_.note(at("2026-11-26 09:40"), "major");
  EXPECT_TRUE(u.overdue.empty());
  const SlaClockState& s = desk_.clock("resolution");
  EXPECT_EQ(s.target, 30min);
  EXPECT_EQ(s.due, at("2026-11-26 09:40"));  // due now
  EXPECT_EQ(s.elapsed, 40min);
  EXPECT_EQ(s.since, at("2026-11-26 09:40"));
  ASSERT_EQ(u.timers.schedule.size(), 1u);
  EXPECT_EQ(u.timers.schedule[0].due, at("2026-11-26 09:40"));
  EXPECT_EQ(desk_.tracker().next_deadline(desk_.ticket()),
            (SlaTracker::Deadline{0, "resolution", at("2026-11-26 09:40")}));

  const TimePoint change = at("2026-11-26 09:40");
  EXPECT_EQ(desk_.take(at("2026-11-26 09:41")),
            (std::vector{res_step(kMajorAtOnce, 0, change), res_step(kHalf, 50, change), res_warning(change),
                         res_breach(change)}));
  EXPECT_TRUE(desk_.take(at("2026-11-26 09:41")).empty());  // once each
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-26 09:45"));
  EXPECT_EQ(desk_.take(at("2026-11-26 09:45")), std::vector{res_step(kOverdue, 150, at("2026-11-26 09:45"))});

  // Back to general and major again: nothing is owed twice in the same run.
  desk_.note(at("2026-11-26 10:00"), "general");
  EXPECT_EQ(desk_.clock("resolution").target, 2h);
  desk_.note(at("2026-11-26 10:10"), "major");
  EXPECT_TRUE(desk_.take(at("2026-11-26 12:00")).empty());
  EXPECT_EQ(desk_.timer("resolution"), std::nullopt);
}

TEST_F(SlaTrackerTest, MajorBeforeTheNewTargetKeepsCounting) {
  // Major at 09:10 (10 minutes counted): the 0% step is owed at once; 50% of 30m at 09:15,
  // the warning at 09:24, the deadline at 09:30, the breach a second later.
  desk_.create(at("2026-11-26 09:00"));
  desk_.note(at("2026-11-26 09:10"), "major");
  EXPECT_EQ(desk_.clock("resolution").due, at("2026-11-26 09:30"));
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-26 09:10"));
  EXPECT_EQ(desk_.take(at("2026-11-26 09:30:01")),
            (std::vector{res_step(kMajorAtOnce, 0, at("2026-11-26 09:10")), res_step(kHalf, 50, at("2026-11-26 09:15")),
                         res_warning(at("2026-11-26 09:24")), res_breach(at("2026-11-26 09:30:01"))}));
}

TEST_F(SlaTrackerTest, CreatedMajorNotifiesAtOnce) {
  auto u = desk_.create(at("2026-11-28 10:00"), "major");  // a Saturday: not working time
  EXPECT_EQ(u.timers.schedule.at(0).due, at("2026-11-28 10:00"));
  // 0% is "as soon as the clock runs", not "at the next working minute".
  EXPECT_EQ(desk_.take(at("2026-11-28 10:00")), std::vector{res_step(kMajorAtOnce, 0, at("2026-11-28 10:00"))});
  // 50% of 30 minutes: Monday 09:15.
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-30 09:15"));
  EXPECT_EQ(desk_.clock("resolution").due, at("2026-11-30 09:30"));
}

TEST_F(SlaTrackerTest, DueAtSetChangedAndUnset) {
  // The ticket is done at Thursday 10:00: callback_due starts with its declared 4h on the office
  // calendar (due 15:00). A due_at clock has no warning by default: its first threshold is the
  // 100% step.
  desk_.create(at("2026-11-26 09:00"));
  desk_.change(at("2026-11-26 10:00"), "done");
  EXPECT_EQ(desk_.clock("resolution").phase, Phase::kStopped);
  EXPECT_EQ(desk_.clock("callback_due").target, 4h);
  EXPECT_EQ(desk_.clock("callback_due").due, at("2026-11-26 15:00"));
  EXPECT_EQ(desk_.timer("callback_due"), at("2026-11-26 15:00"));
  EXPECT_EQ(desk_.timer("resolution"), std::nullopt);

  // At 10:30 the resident chooses Friday 11:00: 30 office minutes counted so far, then around the
  // clock to the chosen time (24h30m): a target of 25h, due at exactly Friday 11:00.
  desk_.note(at("2026-11-26 10:30"), "", {{"callback_at", at("2026-11-27 11:00")}});
  EXPECT_EQ(desk_.clock("callback_due").target, 25h);
  EXPECT_EQ(desk_.clock("callback_due").due, at("2026-11-27 11:00"));
  EXPECT_EQ(desk_.timer("callback_due"), at("2026-11-27 11:00"));
  const auto r = desk_.read("callback_due", at("2026-11-26 13:00"));
  EXPECT_EQ(r.elapsed, 3h);  // the lunch hour counts: the chosen time is a wall-clock time
  EXPECT_EQ(*r.target, 25h);

  // Moved to Thursday 11:00 (30 minutes counted, 30 to go).
  desk_.note(at("2026-11-26 10:30"), "", {{"callback_at", at("2026-11-26 11:00")}});
  EXPECT_EQ(desk_.clock("callback_due").target, 1h);
  EXPECT_EQ(desk_.clock("callback_due").due, at("2026-11-26 11:00"));
  EXPECT_EQ(desk_.timer("callback_due"), at("2026-11-26 11:00"));

  // Moved to 10:15 at 10:30: already past, so due now; the breach and the ladder step at 100% are
  // both reached at the change, once.
  desk_.note(at("2026-11-26 10:30"), "", {{"callback_at", at("2026-11-26 10:15")}});
  EXPECT_EQ(desk_.clock("callback_due").due, at("2026-11-26 10:30"));
  const TimePoint now = at("2026-11-26 10:30");
  EXPECT_EQ(desk_.take(now),
            (std::vector{breach("callback_due", 1, now), step("callback_due", 1, kCallbackStep, 100, now)}));

  // Unset at 10:40: the declared 4h on the office calendar applies again (40 minutes counted: due
  // 15:00 as at first); nothing repeats.
  desk_.note(at("2026-11-26 10:40"), "", {}, {"callback_at"});
  EXPECT_EQ(desk_.clock("callback_due").target, 4h);
  EXPECT_EQ(desk_.clock("callback_due").elapsed, 40min);
  EXPECT_EQ(desk_.clock("callback_due").due, at("2026-11-26 15:00"));
  EXPECT_EQ(desk_.timer("callback_due"), std::nullopt);
  EXPECT_TRUE(desk_.take(at("2026-11-27 18:00")).empty());
}

TEST_F(SlaTrackerTest, DueAtOutsideWorkingTimeIsDueAtThatTime) {
  // Done Thursday 16:00, the resident chose 18:30, after the office closes: due at 18:30.
  desk_.create(at("2026-11-26 09:00"));
  desk_.change(at("2026-11-26 16:00"), "done", "", {{"callback_at", at("2026-11-26 18:30")}});
  EXPECT_EQ(desk_.clock("callback_due").target, 2h + 30min);
  EXPECT_EQ(desk_.clock("callback_due").due, at("2026-11-26 18:30"));
  EXPECT_EQ(desk_.tracker().next_deadline(desk_.ticket()),
            (SlaTracker::Deadline{1, "callback_due", at("2026-11-26 18:30")}));
}

TEST_F(SlaTrackerTest, DueAtBeforeTheStartIsAZeroTarget) {
  // A chosen time already past when the run starts: due at the start, the 100% step reached
  // then, the breach a second later.
  desk_.create(at("2026-11-26 09:00"));
  desk_.change(at("2026-11-26 16:00"), "done", "", {{"callback_at", at("2026-11-26 15:00")}});
  EXPECT_EQ(desk_.clock("callback_due").target, 0s);
  EXPECT_EQ(desk_.clock("callback_due").due, at("2026-11-26 16:00"));
  const auto r = desk_.read("callback_due", at("2026-11-26 17:00"));
  EXPECT_EQ(*r.target, 0s);
  EXPECT_EQ(r.percent, std::nullopt);
  const TimePoint start = at("2026-11-26 16:00");
  EXPECT_EQ(desk_.take(start), std::vector{step("callback_due", 1, kCallbackStep, 100, start)});
  EXPECT_EQ(desk_.take(at("2026-11-26 16:00:01")), std::vector{breach("callback_due", 1, at("2026-11-26 16:00:01"))});
}

TEST(SlaTrackerNoTarget, OnlyZeroPercentStepsWithoutATarget) {
  // due_at without a declared target: until the time is chosen the clock runs without a target.
  const auto w = load(R"(workflow: visit
fields:
  scheduled_at: {type: time}
roles: [dispatcher]
states:
  scheduled: {initial: true}
  arrived: {final: true}
transitions:
  - {event: arrive, from: scheduled, to: arrived}
  - {event: plan, from: scheduled}
clocks:
  arrival: {starts: scheduled, stops: arrived, due_at: scheduled_at}
escalation:
  ladder:
    - {clock: arrival, at: 100%, notify: dispatcher}
    - {clock: arrival, at: 0%, notify: dispatcher}
)");
  Desk desk(w, CalendarSet{});
  auto u = desk.create(at("2026-11-26 09:00"));
  EXPECT_EQ(desk.clock("arrival").target, 0s);
  EXPECT_EQ(desk.clock("arrival").due, std::nullopt);
  EXPECT_EQ(desk.take(at("2026-11-26 09:00")), std::vector{step("arrival", 0, 1, 0, at("2026-11-26 09:00"))});
  EXPECT_EQ(desk.timer("arrival"), std::nullopt);
  EXPECT_EQ(desk.read("arrival", at("2026-11-26 10:00")).target, std::nullopt);
  desk.note(at("2026-11-26 10:00"), "", {{"scheduled_at", at("2026-11-26 14:00")}});  // 24x7: 5h from 09:00
  EXPECT_EQ(desk.clock("arrival").target, 5h);
  EXPECT_EQ(desk.clock("arrival").due, at("2026-11-26 14:00"));
  EXPECT_EQ(desk.timer("arrival"), at("2026-11-26 14:00"));  // no warning: the 100% step
  EXPECT_EQ(desk.take(at("2026-11-26 14:00:01")),
            (std::vector{step("arrival", 0, 0, 100, at("2026-11-26 14:00")), breach("arrival", 0, at("2026-11-26 14:00:01"))}));
}

// ---------------------------------------------------------------------------------------------
// Order, once only, late processing, fresh runs

TEST_F(SlaTrackerTest, ThresholdsComeInOrderEachOnceEvenWhenProcessedLate) {
  // Thursday 11:00; the engine was down until Friday: each threshold keeps its exact instant.
  desk_.create(at("2026-11-26 11:00"));
  const auto late = at("2026-11-27 12:00");
  EXPECT_EQ(desk_.take(late),
            (std::vector{res_step(kHalf, 50, at("2026-11-26 12:00")), res_warning(at("2026-11-26 13:36")),
                         res_breach(at("2026-11-26 14:00:01")), res_step(kOverdue, 150, at("2026-11-26 15:00"))}));
  EXPECT_TRUE(desk_.take(late).empty());
  const SlaClockState& s = desk_.clock("resolution");
  EXPECT_TRUE(s.warned);
  EXPECT_TRUE(s.breached);
  EXPECT_EQ(s.steps_done, (1U << kHalf) | (1U << kOverdue));
  // One at a time, take_due keeps the clock's timer on the next threshold.
  Desk other(workflow_, calendars_);
  other.create(at("2026-11-26 11:00"));
  TimerChanges timers;
  auto first = other.tracker().take_due(other.ticket(), late, timers);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->kind, Kind::kStep);
  ASSERT_EQ(timers.schedule.size(), 1u);
  EXPECT_EQ(timers.schedule[0].due, late);  // the warning is overdue too: wake at once
  auto second = other.tracker().take_due(other.ticket(), late, timers);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->kind, Kind::kWarning);
  ASSERT_EQ(timers.schedule.size(), 1u);  // replaced, not added
  for (int i = 0; i < 10 && other.tracker().take_due(other.ticket(), late, timers); ++i) {
  }
  EXPECT_TRUE(timers.schedule.empty());
  EXPECT_EQ(timers.cancel, std::vector<std::string>{"clock:resolution"});
}

TEST_F(SlaTrackerTest, AChangeAfterAMissedTimerReportsTheOverdueThresholds) {
  // Nobody took the breach at 11:00:01; the ticket is finished at 11:30. update() marks and returns
  // what was reached before the change, with its instants, then stops the clock.
  desk_.create(at("2026-11-26 09:00"));
  auto u = desk_.change(at("2026-11-26 11:30"), "done");
  EXPECT_EQ(u.overdue, (std::vector{res_step(kHalf, 50, at("2026-11-26 10:00")), res_warning(at("2026-11-26 10:36")),
                                    res_breach(at("2026-11-26 11:00:01"))}));
  const SlaClockState& s = desk_.clock("resolution");
  EXPECT_EQ(s.phase, Phase::kStopped);
  EXPECT_EQ(s.elapsed, 2h + 30min);
  EXPECT_TRUE(s.breached);
  EXPECT_TRUE(desk_.take(at("2026-11-26 11:30")).empty());
}

TEST_F(SlaTrackerTest, WarningBeforeAStepAtTheSamePercent) {
  const auto w = load(R"(workflow: ties
roles: [supervisor]
states:
  open: {initial: true}
  closed: {final: true}
transitions:
  - {event: close, from: open, to: closed}
clocks:
  a: {starts: open, stops: closed, target: 1h}
  b: {starts: open, stops: closed, target: 1h, warn_at: 50%}
escalation:
  ladder:
    - {clock: a, at: 100%, notify: supervisor}
    - {clock: b, at: 50%, notify: supervisor}
    - {clock: a, at: 50%, notify: supervisor}
)");
  Desk desk(w, CalendarSet{});
  desk.create(at("2026-11-26 09:00"));
  const auto half = at("2026-11-26 09:30");
  const auto full = at("2026-11-26 10:00");
  const auto past = at("2026-11-26 10:00:01");
  // 09:30: b's warning, then the 50% steps in ladder order (b's, a's); 09:48: a's warning;
  // 10:00: a's 100% step; 10:00:01: a's breach, then b's.
  EXPECT_EQ(desk.take(past), (std::vector{warning("b", 1, 50, half), step("b", 1, 1, 50, half), step("a", 0, 2, 50, half),
                                          warning("a", 0, 80, at("2026-11-26 09:48")), step("a", 0, 0, 100, full),
                                          breach("a", 0, past), breach("b", 1, past)}));
}

TEST_F(SlaTrackerTest, AFreshRunAfterStopAndStartAgain) {
  desk_.create(at("2026-11-26 09:00"));
  EXPECT_EQ(desk_.take(at("2026-11-26 12:00")).size(), 4u);  // everything, up to 150%
  desk_.change(at("2026-11-26 14:00"), "done");
  EXPECT_EQ(desk_.clock("resolution").phase, Phase::kStopped);
  EXPECT_EQ(desk_.clock("resolution").elapsed, 4h);  // 09-12 and 13-14
  // Back to `open` on Friday: a fresh run, flags and steps reset.
  desk_.change(at("2026-11-27 09:00"), "open");
  const SlaClockState& s = desk_.clock("resolution");
  EXPECT_EQ(s.phase, Phase::kRunning);
  EXPECT_EQ(s.started_at, at("2026-11-27 09:00"));
  EXPECT_EQ(s.elapsed, 0s);
  EXPECT_FALSE(s.warned);
  EXPECT_FALSE(s.breached);
  EXPECT_EQ(s.steps_done, 0u);
  EXPECT_EQ(s.due, at("2026-11-27 11:00"));
  // callback_due (4h from Thursday 14:00) was due at 18:00 and is breached at the first working
  // second after it, Friday 09:00:01; the fresh run of resolution is breached past 11:00.
  EXPECT_EQ(desk_.take(at("2026-11-27 11:00:01")),
            (std::vector{breach("callback_due", 1, at("2026-11-27 09:00:01")), res_step(kHalf, 50, at("2026-11-27 10:00")),
                         res_warning(at("2026-11-27 10:36")), res_breach(at("2026-11-27 11:00:01"))}));
  // callback_due, started when the ticket was done, keeps running: only `closed` stops it.
  EXPECT_EQ(desk_.clock("callback_due").phase, Phase::kRunning);
  EXPECT_EQ(desk_.clock("callback_due").started_at, at("2026-11-26 14:00"));
}

TEST_F(SlaTrackerTest, StayingInAStartStateIsNotAFreshRun) {
  desk_.create(at("2026-11-26 09:00"));
  desk_.take(at("2026-11-26 10:00"));  // the 50% step
  desk_.note(at("2026-11-26 10:30"), "");  // an internal transition in `open`
  const SlaClockState& s = desk_.clock("resolution");
  EXPECT_EQ(s.started_at, at("2026-11-26 09:00"));
  EXPECT_EQ(s.steps_done, 1U << kHalf);
  EXPECT_EQ(s.since, at("2026-11-26 09:00"));  // nothing changed: the stretch goes on
  EXPECT_EQ(desk_.timer("resolution"), at("2026-11-26 10:36"));
}

TEST_F(SlaTrackerTest, ReadAndNextDeadline) {
  desk_.create(at("2026-11-26 11:00"));
  const auto r = desk_.read("resolution", at("2026-11-26 13:30"));
  EXPECT_EQ(r.phase, Phase::kRunning);
  EXPECT_EQ(r.started_at, at("2026-11-26 11:00"));
  EXPECT_EQ(r.elapsed, 90min);
  EXPECT_EQ(r.target, 2h);
  EXPECT_DOUBLE_EQ(*r.percent, 75.0);
  EXPECT_EQ(r.due, at("2026-11-26 14:00"));
  EXPECT_EQ(desk_.tracker().read(desk_.ticket(), "callback_due", at("2026-11-26 13:30")), std::nullopt);
  EXPECT_THROW((void)desk_.tracker().read(desk_.ticket(), "no_such_clock", at("2026-11-26 13:30")),
               std::invalid_argument);
  EXPECT_EQ(desk_.tracker().next_deadline(desk_.ticket()),
            (SlaTracker::Deadline{0, "resolution", at("2026-11-26 14:00")}));
  // Overdue: the deadline it missed is still the ticket's deadline, and the percentage goes on.
  EXPECT_DOUBLE_EQ(*desk_.read("resolution", at("2026-11-26 16:00")).percent, 200.0);
  // Done at 15:00: resolution stops; callback_due (4h) is due Friday 10:00.
  desk_.change(at("2026-11-26 15:00"), "done");
  EXPECT_EQ(desk_.read("resolution", at("2026-11-30 09:00")).elapsed, 3h);
  EXPECT_EQ(desk_.read("resolution", at("2026-11-30 09:00")).due, std::nullopt);
  EXPECT_EQ(desk_.tracker().next_deadline(desk_.ticket()),
            (SlaTracker::Deadline{1, "callback_due", at("2026-11-27 10:00")}));
  desk_.change(at("2026-11-26 15:30"), "closed");
  EXPECT_EQ(desk_.tracker().next_deadline(desk_.ticket()), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// Ladder steps `at: breach`: reached with the clock's breach, right after it, once per run

// `reply` runs from `open` until `answered`, 2h on the office calendar; `visit` is due at the
// chosen time, with no target until one is chosen. Step 1 is major-only.
const std::string kBreachWorkflow = R"(workflow: missed
fields:
  visit_at: {type: time}
roles: [front_desk, supervisor, manager]
states:
  open: {initial: true}
  answered: {}
  closed: {final: true}
transitions:
  - {event: answer, from: open, to: answered}
  - {event: reopen, from: answered, to: open}
  - {event: close, from: [open, answered], to: closed}
  - {event: note, from: any}
clocks:
  reply: {starts: open, stops: [answered, closed], target: 2h, calendar: office}
  visit: {starts: open, stops: closed, due_at: visit_at}
escalation:
  ladder:
    - {clock: reply, at: breach, notify: supervisor}
    - {clock: reply, at: breach, notify: manager, severity: major}
    - {clock: reply, at: 100%, notify: front_desk}
    - {clock: visit, at: breach, notify: supervisor}
)";
constexpr std::size_t kReplyMissed = 0;
constexpr std::size_t kReplyMissedMajor = 1;
constexpr std::size_t kReplyDue = 2;
constexpr std::size_t kVisitMissed = 3;

SlaThreshold missed(const std::string& clock, ClockId id, std::size_t index, TimePoint when) {
  SlaThreshold th = step(clock, id, index, 100, when);
  th.at_breach = true;
  return th;
}

class BreachStepTest : public testing::Test {
 protected:
  std::shared_ptr<const Workflow> workflow_ = load(kBreachWorkflow);
  CalendarSet calendars_ = office_set();
  Desk desk_{workflow_, calendars_};
};

TEST_F(BreachStepTest, IsReachedAtTheBreachOnTheCalendarRightAfterIt) {
  // Thursday 10:00, 2h: due 12:00 (the 100% step), breached at 13:00:01: the lunch hour counts
  // nothing, so the step is not at 12:00:01 as it would be on the wall clock.
  desk_.create(at("2026-11-26 10:00"));
  const TimePoint breached = at("2026-11-26 13:00:01");
  EXPECT_EQ(desk_.take(at("2026-11-26 12:00")),
            (std::vector{warning("reply", 0, 80, at("2026-11-26 11:36")),
                         step("reply", 0, kReplyDue, 100, at("2026-11-26 12:00"))}));
  EXPECT_EQ(desk_.timer("reply"), breached);  // a timer for the breach and its step
  EXPECT_TRUE(desk_.take(at("2026-11-26 12:00:01")).empty());
  EXPECT_TRUE(desk_.take(at("2026-11-26 13:00")).empty());
  EXPECT_FALSE(desk_.clock("reply").breached);
  EXPECT_EQ(desk_.take(breached), (std::vector{breach("reply", 0, breached),
                                               missed("reply", 0, kReplyMissed, breached)}));
  EXPECT_TRUE((desk_.clock("reply").steps_done >> kReplyMissed) & 1U);
  EXPECT_EQ(desk_.timer("reply"), std::nullopt);  // the major-only one does not apply: nothing left
}

TEST_F(BreachStepTest, OvernightTheBreachIsInTheNextWorkingSecond) {
  // Thursday 17:00, 2h: one hour today, one Friday morning; breached Friday 10:00:01.
  desk_.create(at("2026-11-26 17:00"));
  (void)desk_.take(at("2026-11-27 10:00"));
  EXPECT_EQ(desk_.timer("reply"), at("2026-11-27 10:00:01"));
  EXPECT_EQ(desk_.take(at("2026-11-27 10:00:01")),
            (std::vector{breach("reply", 0, at("2026-11-27 10:00:01")),
                         missed("reply", 0, kReplyMissed, at("2026-11-27 10:00:01"))}));
}

TEST_F(BreachStepTest, OncePerRunAndAgainInAFreshRun) {
  desk_.create(at("2026-11-26 09:00"));
  const TimePoint first = at("2026-11-26 11:00:01");
  EXPECT_EQ(desk_.take(first).back(), missed("reply", 0, kReplyMissed, first));
  EXPECT_TRUE(desk_.take(first).empty());
  EXPECT_TRUE(desk_.take(at("2026-11-27 18:00")).empty());
  // Answered, then reopened on Friday: a fresh run is breached, and the step reached, again.
  desk_.change(at("2026-11-27 09:00"), "answered");
  desk_.change(at("2026-11-27 10:00"), "open");
  EXPECT_EQ(desk_.clock("reply").steps_done, 0u);
  const TimePoint again = at("2026-11-27 13:00:01");  // due 12:00, when the morning ends
  EXPECT_EQ(desk_.timer("reply"), at("2026-11-27 11:36"));
  const auto taken = desk_.take(again);
  ASSERT_GE(taken.size(), 2u);
  EXPECT_EQ(taken[taken.size() - 2], breach("reply", 0, again));
  EXPECT_EQ(taken.back(), missed("reply", 0, kReplyMissed, again));
}

TEST_F(BreachStepTest, NotReachedByARunStoppedAtItsDeadline) {
  desk_.create(at("2026-11-26 09:00"));
  auto u = desk_.change(at("2026-11-26 11:00"), "answered");  // at the deadline: on time
  EXPECT_EQ(u.overdue, (std::vector{warning("reply", 0, 80, at("2026-11-26 10:36")),
                                    step("reply", 0, kReplyDue, 100, at("2026-11-26 11:00"))}));
  EXPECT_EQ(desk_.timer("reply"), std::nullopt);
  desk_.note(at("2026-11-26 12:00"), "major");  // nor owed later: the run never breached
  EXPECT_TRUE(desk_.take(at("2026-11-27 18:00")).empty());
}

TEST_F(BreachStepTest, AChangePastTheBreachJournalsItRightAfterTheBreach) {
  // Nobody took the timer; the answer at 11:30 finds the breach and its step overdue.
  desk_.create(at("2026-11-26 09:00"));
  auto u = desk_.change(at("2026-11-26 11:30"), "answered");
  const TimePoint breached = at("2026-11-26 11:00:01");
  EXPECT_EQ(u.overdue, (std::vector{warning("reply", 0, 80, at("2026-11-26 10:36")),
                                    step("reply", 0, kReplyDue, 100, at("2026-11-26 11:00")),
                                    breach("reply", 0, breached),
                                    missed("reply", 0, kReplyMissed, breached)}));
}

TEST_F(BreachStepTest, AMajorOnlyOneIsOwedWhenTheBreachedTicketBecomesMajor) {
  desk_.create(at("2026-11-26 09:00"));
  const TimePoint breached = at("2026-11-26 11:00:01");
  EXPECT_EQ(desk_.take(breached).back(),
            missed("reply", 0, kReplyMissed, breached));  // general: not the manager's
  desk_.change(at("2026-11-26 14:00"), "answered");
  desk_.note(at("2026-11-26 15:00"), "major");  // stopped, breached in its run: owed at once
  EXPECT_EQ(desk_.timer("reply"), at("2026-11-26 15:00"));
  EXPECT_EQ(desk_.take(at("2026-11-26 15:00")),
            std::vector{missed("reply", 0, kReplyMissedMajor, at("2026-11-26 15:00"))});
  EXPECT_TRUE(desk_.take(at("2026-11-27 15:00")).empty());
}

TEST_F(BreachStepTest, AtTheChosenTimeOnlyOnceATimeIsChosen) {
  // `visit` has no target until visit_at is set: no breach, no step, no timer.
  desk_.create(at("2026-11-26 09:00"));
  EXPECT_EQ(desk_.timer("visit"), std::nullopt);
  for (const SlaThreshold& th : desk_.take(at("2026-11-26 10:00")))
    EXPECT_NE(th.clock_name, "visit");
  // Chosen for 13:00, in the lunch hour: a wall-clock instant, missed at 13:00:01.
  desk_.note(at("2026-11-26 10:00"), "", {{"visit_at", at("2026-11-26 13:00")}});
  EXPECT_EQ(desk_.timer("visit"), at("2026-11-26 13:00:01"));
  const TimePoint breached = at("2026-11-26 13:00:01");
  std::vector<SlaThreshold> visit;
  for (const SlaThreshold& th : desk_.take(breached))
    if (th.clock_name == "visit") visit.push_back(th);
  EXPECT_EQ(visit, (std::vector{breach("visit", 1, breached),
                                missed("visit", 1, kVisitMissed, breached)}));
}

TEST(BreachStepOrder, EachBreachIsFollowedByItsStepsThenHigherPercentages) {
  // Two 50-second clocks breached at the same second (51 s counted), which is also 101% of 50 s.
  const auto w = load(R"(workflow: ties
roles: [supervisor]
states:
  open: {initial: true}
  closed: {final: true}
transitions:
  - {event: close, from: open, to: closed}
clocks:
  a: {starts: open, stops: closed, target: 50s}
  b: {starts: open, stops: closed, target: 50s}
escalation:
  ladder:
    - {clock: a, at: 101%, notify: supervisor}
    - {clock: b, at: breach, notify: supervisor}
    - {clock: a, at: breach, notify: supervisor}
    - {clock: a, at: breach, notify: supervisor, set: {severity: major}}
)");
  Desk desk(w, CalendarSet{});
  desk.create(at("2026-11-26 09:00"));
  const TimePoint warned = at("2026-11-26 09:00:40");
  const TimePoint past = at("2026-11-26 09:00:51");
  EXPECT_EQ(desk.take(past), (std::vector{warning("a", 0, 80, warned), warning("b", 1, 80, warned),
                                          breach("a", 0, past), missed("a", 0, 2, past),
                                          missed("a", 0, 3, past), breach("b", 1, past),
                                          missed("b", 1, 1, past), step("a", 0, 0, 101, past)}));
}

// ---------------------------------------------------------------------------------------------
// Construction and misuse

TEST(SlaTrackerConstruction, AMissingCalendarNamesTheClockAndTheKnownOnes) {
  const auto w = load(kWorkflow);
  CalendarSet set;
  CalendarSpec spec;
  spec.name = "phones";
  set.add(Calendar::create(spec));
  try {
    SlaTracker tracker(w, set);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("clock 'resolution'"), std::string::npos) << m;
    EXPECT_NE(m.find("calendar 'office'"), std::string::npos) << m;
    EXPECT_NE(m.find("known calendars: phones"), std::string::npos) << m;
  }
  try {
    SlaTracker tracker(w, CalendarSet{});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("no calendars are defined"), std::string::npos) << e.what();
  }
  EXPECT_THROW(SlaTracker(nullptr, set), std::invalid_argument);
}

TEST(SlaTrackerConstruction, AlwaysIsTheBuiltIn24x7Calendar) {
  const auto w = load(R"(workflow: duty
states:
  open: {initial: true}
  closed: {final: true}
transitions:
  - {event: close, from: open, to: closed}
clocks:
  response: {starts: open, stops: closed, target: 1d, calendar: always}
)");
  SlaTracker tracker(w, CalendarSet{});
  EXPECT_TRUE(tracker.calendar(0).is_always());
}

TEST(SlaTrackerConstruction, RefusesLaddersAndWarningsATicketCannotTrack) {
  // Workflows built in code skip the loader's checks; the tracker makes its own.
  const auto loaded = load(R"(workflow: built
roles: [supervisor]
states:
  open: {initial: true}
  closed: {final: true}
transitions:
  - {event: close, from: open, to: closed}
clocks:
  c: {starts: open, stops: closed, target: 1h}
escalation:
  ladder:
    - {clock: c, at: 100%, notify: supervisor}
)");
  WorkflowParts parts;
  parts.name = loaded->name();
  parts.fields.assign(loaded->fields().begin(), loaded->fields().end());
  parts.roles.assign(loaded->roles().begin(), loaded->roles().end());
  parts.states.assign(loaded->states().begin(), loaded->states().end());
  parts.events.assign(loaded->events().begin(), loaded->events().end());
  parts.transitions.assign(loaded->transitions().begin(), loaded->transitions().end());
  parts.clocks.assign(loaded->clocks().begin(), loaded->clocks().end());
  parts.escalation = loaded->escalation();
  EXPECT_NO_THROW(SlaTracker(Workflow::compile(parts), CalendarSet{}));
  parts.escalation.ladder.resize(64, parts.escalation.ladder[0]);
  EXPECT_NO_THROW(SlaTracker(Workflow::compile(parts), CalendarSet{}));
  parts.escalation.ladder.resize(65, parts.escalation.ladder[0]);
  EXPECT_THROW(SlaTracker(Workflow::compile(parts), CalendarSet{}), std::invalid_argument);
  parts.escalation.ladder.resize(1);
  parts.clocks[0].warn_at = 100;
  EXPECT_THROW(SlaTracker(Workflow::compile(parts), CalendarSet{}), std::invalid_argument);
}

TEST_F(SlaTrackerTest, RefusesATicketOfAnotherWorkflowOrState) {
  desk_.create(at("2026-11-26 09:00"));
  Ticket other = desk_.ticket();
  other.workflow = "repair";
  TimerChanges timers;
  EXPECT_THROW((void)desk_.tracker().take_due(other, at("2026-11-26 10:00"), timers), std::invalid_argument);
  Ticket lost = desk_.ticket();
  lost.state = "nowhere";
  EXPECT_THROW((void)desk_.tracker().update(&desk_.ticket(), lost, at("2026-11-26 10:00")), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// The shipped complaint workflow: a major complaint notifies the manager at once, whichever way
// it became major, and only once.

class ComplaintManager : public testing::Test {
 protected:
  void SetUp() override {
    LoadResult r = load_workflow_file(PROPDESK_SOURCE_DIR "/workflows/complaint.yaml");
    ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
    workflow_ = r.workflow;
    const auto& ladder = workflow_->escalation().ladder;
    const auto manager = workflow_->find_role("manager");
    for (std::size_t i = 0; i < ladder.size(); ++i) {
      const EscalationStep& s = ladder[i];
      if (s.percent == 0 && s.only_major && s.clock == *workflow_->find_clock("resolution") &&
          std::find(s.notify.begin(), s.notify.end(), *manager) != s.notify.end())
        manager_step_ = i;
    }
    ASSERT_NE(manager_step_, kNone) << "complaint.yaml has no major-only 0% resolution step notifying the manager";
  }
  // The manager steps among the thresholds taken at `at`.
  std::vector<TimePoint> manager_told(Desk& desk, TimePoint at) const {
    std::vector<TimePoint> out;
    for (const SlaThreshold& th : desk.take(at))
      if (th.kind == Kind::kStep && th.step == manager_step_) out.push_back(th.reached_at);
    return out;
  }

  static constexpr std::size_t kNone = 999;
  std::shared_ptr<const Workflow> workflow_;
  CalendarSet calendars_ = office_set();
  std::size_t manager_step_ = kNone;
};

TEST_F(ComplaintManager, ByTheSeverityRuleAtCreation) {
  Desk desk(workflow_, calendars_);
  desk.create(at("2026-11-26 20:00"), "major");  // evening: outside office hours, still at once
  EXPECT_EQ(manager_told(desk, at("2026-11-26 20:00")), std::vector{at("2026-11-26 20:00")});
  EXPECT_TRUE(manager_told(desk, at("2026-11-27 20:00")).empty());
}

TEST_F(ComplaintManager, ByClassification) {
  Desk desk(workflow_, calendars_);
  desk.create(at("2026-11-26 09:00"));
  EXPECT_TRUE(manager_told(desk, at("2026-11-26 09:05")).empty());  // general: no
  desk.change(at("2026-11-26 09:10"), "assigned", "major");       // classify_major
  EXPECT_EQ(manager_told(desk, at("2026-11-26 09:10")), std::vector{at("2026-11-26 09:10")});
  desk.change(at("2026-11-26 09:20"), "registered");  // sent back, classified again
  desk.change(at("2026-11-26 09:30"), "assigned", "major");
  EXPECT_TRUE(manager_told(desk, at("2026-11-26 10:00")).empty());  // the same run: once
}

TEST_F(ComplaintManager, ByEscalation) {
  // General, assigned; at 100% of the response clock nothing makes it major, but the desk
  // escalates it (an internal transition setting severity: major) at 14:00.
  Desk desk(workflow_, calendars_);
  desk.create(at("2026-11-26 09:00"));
  desk.change(at("2026-11-26 09:10"), "assigned", "general");
  desk.take(at("2026-11-26 13:00"));
  desk.note(at("2026-11-26 14:00"), "major");
  EXPECT_EQ(manager_told(desk, at("2026-11-26 14:00")), std::vector{at("2026-11-26 14:00")});
}

TEST_F(ComplaintManager, NoTransitionThatRaisesSeverityNotifiesTheManagerItself) {
  const auto manager = *workflow_->find_role("manager");
  for (const Transition& t : workflow_->transitions()) {
    bool raises = false;
    bool notifies_manager = false;
    for (const Action& a : t.actions) {
      if (const auto* set = std::get_if<SetFieldsAction>(&a.what)) {
        for (const auto& [field, value] : set->assignments)
          raises = raises || (field == workflow_->severity_field() && value == Value("major"));
      } else if (const auto* notify = std::get_if<NotifyAction>(&a.what)) {
        notifies_manager = notifies_manager || (notify->to_role && notify->role == manager);
      }
    }
    if (raises) {
      EXPECT_FALSE(notifies_manager) << workflow_->event(t.event) << ": the ladder's 0% step tells the manager";
    }
  }
}

}  // namespace
}  // namespace propdesk
