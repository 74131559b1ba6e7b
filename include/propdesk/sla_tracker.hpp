// propdesk/sla_tracker.hpp: the SLA clock arithmetic of one workflow.
//
// A workflow declares clocks (propdesk/sla_clock.hpp) and an escalation ladder; each ticket
// carries where its clocks stand (propdesk/sla_state.hpp, Ticket::clocks). The SlaTracker is the
// pure function between the two: given a ticket change, it moves the ticket's clocks and says
// which timers the ticket needs; given a timer's wake-up, it says which threshold (warning,
// breach, ladder step) was reached and when. It never reads a clock, never sleeps, keeps no state
// of its own, and changes nothing but the ticket it is handed: the engine journals what it returns
// and commits the ticket with the timer changes.
//
// docs/sla.md describes the semantics at length; in short:
//
// Runs. A clock runs while the ticket is between a `starts` and a `stops` state. Entering a
// `starts` state while the clock has no run in progress (never started, or stopped) begins a
// fresh run: elapsed time, the warned and breached flags and the ladder steps done start over.
// Entering a `stops` state ends the run (a state listed under both `starts` and `stops` stops).
// In a `pauses_in` state the run is paused and counts nothing; leaving it for a state that is
// not a stop state resumes it. "Entering" means the state changed (or the ticket was created in
// it); an internal transition, which stays, enters nothing.
//
// Time. A clock counts business time on its calendar (Calendar::working_time_between); a clock
// without `calendar` counts around the clock. A run whose `due_at` field has a value counts around
// the clock whatever its calendar: the chosen time is a wall-clock instant.
//
// Target. The run's target is, when the clock has `due_at` and that time field has a value, what
// makes the run due at exactly that time: the time counted so far plus the time from the current
// counting stretch's start (SlaClockState::since) to the chosen time (zero at the least); pauses
// do not move it. Otherwise the declared `target` for the ticket's severity (`major` falls back to
// `general`). A clock with neither (`due_at` unset, no `target`) has no target. The target is
// recomputed whenever the severity or the `due_at` value changes.
//
// Thresholds. A run with a target has a warning at its clock's `warn_at` percent (none when the
// clock has no warn_at: by default a clock with `due_at`) and a breach once it has counted more
// than its target: T + 1 second, so a change at the deadline instant itself is on time. Each
// ladder step of the clock is a threshold at its `at` percent (a 100% step at the deadline
// instant), or, for a step `at: breach`, at the breach (reported with percent 100, right after
// the breach); a step marked `severity: major` applies only while the ticket is major. p% of a
// target T is reached when the run has counted ceil(T * p / 100): exactly, to the second, at
// Calendar::add_working_time. `at: 0%` is reached as soon as the run runs (a major-only 0% step:
// as soon as the ticket is major), even without a target; other thresholds need a target. A zero
// target reaches every threshold but the breach at once, the breach a second later. Each
// threshold is reached once per run (SlaClockState::warned, breached, steps_done). A threshold
// that becomes due at a change because the ticket is already past it (the target shrank when the
// ticket became major, `due_at` moved earlier, a major-only step passed while the ticket was
// general is now owed) is reached at that change. The tracker never changes the severity itself.
//
// Paused and stopped runs reach nothing but owed major-only steps: a major-only step the run had
// counted (a 0% one always) is reached as soon as the ticket is major whatever the run's phase,
// with a timer due at once. Any other threshold that becomes due while paused is reached when the
// run resumes; stopped runs have no other timer.
//
// Engine integration (one ticket):
//   on creation at t:      Update u = tracker.update(nullptr, ticket, t);
//   on a change at t:      Update u = tracker.update(&before, after, t);   // after = before + change
//                          journal u.overdue (each at its reached_at), then the change itself;
//                          commit `after` with u.timers
//   when a "clock:<name>" timer fires, or after committing a change, at t:
//                          TimerChanges timers;
//                          while (auto th = tracker.take_due(ticket, t, timers)) journal *th
//                          (and act on a ladder step: notify, set, fire);
//                          commit ticket with timers
// Every clock timer is only a wake-up: what is due is decided from the ticket, so a timer that
// fires late or twice does no harm.
//
// Thread safety: an SlaTracker is immutable after construction; any number of threads may use
// one at once (on different tickets).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/calendar.hpp"
#include "propdesk/calendar_set.hpp"
#include "propdesk/export.hpp"
#include "propdesk/sla_state.hpp"
#include "propdesk/sla_threshold.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/timer.hpp"
#include "propdesk/value.hpp"
#include "propdesk/workflow.hpp"
#include "propdesk/workflow_ids.hpp"

namespace propdesk {

/// The SLA clocks of one compiled workflow, measured on their calendars.
class PROPDESK_API SlaTracker {
 public:
  /// Resolves every clock's calendar in `calendars` (copied; Calendar copies are cheap). A clock
  /// without a calendar runs 24x7; `calendar: always` is the built-in 24x7 calendar unless the set
  /// defines one of that name. Throws std::invalid_argument when `workflow` is null, or when a
  /// clock names a calendar the set does not have; the message names the workflow, the clock, the
  /// calendar and the calendars the set knows.
  SlaTracker(std::shared_ptr<const Workflow> workflow, const CalendarSet& calendars);

  /// What update() did besides moving the clocks.
  struct Update {
    /// Thresholds the ticket had already reached, under its state before the change, by `at`,
    /// that nobody had taken yet (a timer processed late, or not at all, before the change):
    /// now marked done in after.clocks. Journal them before the change itself, each at its
    /// reached_at. In order: reached_at, then percent, then warning < breach < step, then clock
    /// order (warnings, breaches) or ladder order (steps); a step `at: breach` comes right after
    /// its clock's breach. Usually empty.
    std::vector<SlaThreshold> overdue;
    /// The ticket's "clock:<name>" timers after the change: for every running clock the timer of
    /// its next threshold (scheduled, replacing the clock's timer), for a paused or stopped clock
    /// that owes a major-only step a timer due at `at`, and a cancel for every clock the ticket
    /// has a state for that needs no timer (paused or stopped owing nothing, nothing left to
    /// reach, or a calendar on which the next threshold never comes). A threshold already reached
    /// gives a timer due at `at`. Commit these with the ticket change.
    TimerChanges timers;
  };

  /// Moves the clocks for a committed change: on creation (`before` null) and after every change
  /// the engine commits, from before->state to after.state (possibly the same state), with
  /// after.severity and after.fields possibly changed. `after` must be `before` with the change
  /// applied; after.clocks is replaced with the new clock states, computed from before->clocks
  /// (after.clocks on input is ignored), in the workflow's clock order, one per clock that has
  /// ever started for the ticket. For each clock:
  /// - first, thresholds of a running clock reached by `at` under `before` are marked done and
  ///   returned in Update::overdue;
  /// - entering a stop state stops a run in progress (the business time up to `at` counts);
  /// - else entering a start state without a run in progress begins a fresh run at `at` (paused
  ///   at once if the state is also a pause state);
  /// - else a running run entering a pause state pauses at `at`; a paused run in a state that is
  ///   not a pause state resumes at `at`;
  /// - the target is recomputed from after.severity and after.fields; when it changed, or the
  ///   severity did, while the run kept running, the run's counting restarts at `at` (business
  ///   time up to `at` goes to `elapsed`) so that thresholds it is already past are reached at `at`;
  /// - SlaClockState::target and ::due are refreshed (due: when the run reaches 100%, the deadline
  ///   instant, which is still on time; for a run
  ///   already past it, the instant it was, or the change that made it so, when known).
  /// Throws std::invalid_argument when a ticket is not of this workflow (name and version) or its
  /// state is not one of the workflow's; std::out_of_range for instants outside the years
  /// 0001..9999. `at` is expected not to go backwards; if it does, nothing is counted for the gap.
  [[nodiscard]] Update update(const Ticket* before, Ticket& after, TimePoint at) const;

  /// The earliest threshold reached by `at` and not yet done, of a running clock or an owed
  /// major-only step of a paused or stopped one (reached at `at`, not before the run's `since`;
  /// the engine takes it at its timer, due at the change that made it owed) (ties: lower percent
  /// first, then warning before breach before steps, then clock order for warnings and breaches
  /// and ladder order for steps; a step `at: breach` right after its clock's breach), or nullopt
  /// when there is none. The threshold is marked
  /// done in ticket.clocks (warned, breached, or its steps_done bit) and the clock's timer in
  /// `timers` is replaced (schedule or cancel; earlier entries for the same key are removed so
  /// the changes stay consistent) by the timer of its next threshold. Call it until nullopt,
  /// journalling each threshold; calling it again after nullopt, or for the same `at` twice, yields
  /// nothing new: a threshold is reached once per run. Throws like update().
  [[nodiscard]] std::optional<SlaThreshold> take_due(Ticket& ticket, TimePoint at, TimerChanges& timers) const;

  /// Where one clock of a ticket stands at an instant, for reports.
  struct Reading {
    SlaClockState::Phase phase = SlaClockState::Phase::kRunning;
    TimePoint started_at;  ///< when the run began
    /// Business time counted by the run up to `at` (a running run counts up to `at`; a paused or
    /// stopped one stands at what it had counted).
    Duration elapsed{0};
    /// The run's target (see the file comment); nullopt when it has none.
    std::optional<Duration> target;
    /// elapsed / target in percent (100.0 = due; 150.0 = half again overdue); nullopt without a
    /// target or with a zero one.
    std::optional<double> percent;
    /// When the run reaches (or reached) 100% of its target, for a running run; nullopt when
    /// paused, stopped, without a target, or when the calendar never gets there.
    std::optional<TimePoint> due;
    bool warned = false;
    bool breached = false;
  };
  /// The reading of the clock named `clock` at `at`; nullopt when that clock has not started for
  /// the ticket. Throws std::invalid_argument for a clock name the workflow does not declare and
  /// like update() otherwise.
  [[nodiscard]] std::optional<Reading> read(const Ticket& ticket, std::string_view clock, TimePoint at) const;

  /// A ticket's next deadline: which running clock is due first and when.
  struct Deadline {
    ClockId clock = 0;
    std::string clock_name;
    TimePoint due;  ///< may lie in the past: an overdue ticket's deadline is the one it missed

    friend bool operator==(const Deadline&, const Deadline&) = default;
  };
  /// The earliest `due` among the ticket's running clocks (ties: clock order); nullopt when no
  /// running clock has a deadline. Overdue clocks count: their deadline is the earliest.
  [[nodiscard]] std::optional<Deadline> next_deadline(const Ticket& ticket) const;

  /// The timer key of a clock: "clock:<name>".
  [[nodiscard]] static std::string timer_key(std::string_view clock_name);

  [[nodiscard]] const Workflow& workflow() const { return *workflow_; }
  /// The calendar a clock is measured on (Calendar::always() for a clock without one).
  [[nodiscard]] const Calendar& calendar(ClockId clock) const { return calendars_.at(clock); }

 private:
  std::shared_ptr<const Workflow> workflow_;
  std::vector<Calendar> calendars_;  // by ClockId
};

}  // namespace propdesk
