// SlaTracker: runs, targets and thresholds of a workflow's SLA clocks (docs/sla.md).
//
// A run's state is a counting stretch: `elapsed` business time before `since`, plus the business
// time from `since` on while it runs. A run whose clock has a chosen time (`due_at` with a value)
// counts wall time (Calendar::always()) instead: the resident's time is a wall-clock instant, and
// its target is whatever makes the run due exactly then (elapsed + chosen - since).
// A threshold p% of a target T is due once the run has counted need = ceil(T * p / 100); the
// breach, and the ladder steps `at: breach`, once it has counted more than T (need = T + 1s). For a
// running run that is
//   since                                           when need <= elapsed (already past at `since`)
//   calendar.add_working_time(since, need - elapsed) otherwise (exact, to the second).
// The first case is how "reached at the change" works: a change that makes a run owe a threshold
// it is already past (a shrinking target, a major-only step) restarts the counting stretch at the
// change (`elapsed` absorbs the time so far), so the threshold is reached at that instant.
// Major-only steps a stopped or paused run has already counted are owed as soon as the ticket is
// major: they are reached at the instant they are taken (`at`), whatever the run's phase.
#include "propdesk/sla_tracker.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace propdesk {

namespace {

using Phase = SlaClockState::Phase;
using Kind = SlaThreshold::Kind;

// p% of `target`, rounded up to the second; saturates instead of overflowing.
Duration share(Duration target, int percent) {
  const std::int64_t t = target.count();
  const std::int64_t whole = t / 100;
  const std::int64_t rest = t % 100;
  if (whole > std::numeric_limits<std::int64_t>::max() / 1001) return Duration::max();
  return Duration(whole * percent + (rest * percent + 99) / 100);
}

// The percent a breach is journalled at, and a step `at: breach` with it.
constexpr int kBreachPercent = 100;

// The business time a run has counted when it is breached: more than its target, the first second
// past it (at the deadline itself it is on time). None for a target that never runs out.
std::optional<Duration> breach_need(Duration target) {
  if (target == Duration::max()) return std::nullopt;
  return target + Duration(1);
}

// The business time a run must have counted to reach a ladder step: 0 for `at: 0%` (even without
// a target), its breach for `at: breach`, else its share of the target; none when it has no target.
std::optional<Duration> step_need(const EscalationStep& step,
                                  const std::optional<Duration>& target) {
  if (step.at_breach) return target ? breach_need(*target) : std::nullopt;
  if (step.percent == 0) return Duration(0);
  if (target) return share(*target, step.percent);
  return std::nullopt;
}

bool is_major(const Ticket& t) { return t.severity == "major"; }

bool contains(const std::vector<StateId>& states, StateId s) {
  return std::find(states.begin(), states.end(), s) != states.end();
}

// The 24x7 calendar a run with a chosen time counts on.
const Calendar& wall_clock() {
  static const Calendar calendar = Calendar::always();
  return calendar;
}

// One clock of the tracker's workflow, with the calendar a run of it counts on for one ticket.
struct ClockView {
  const Workflow& workflow;
  ClockId id;
  const ClockDef& def;
  const Calendar& calendar;
};

// The time the resident chose (the clock's `due_at` field), when the ticket has one.
std::optional<TimePoint> chosen_time(const Workflow& w, const ClockDef& def, const Ticket& t) {
  if (!def.due_at) return std::nullopt;
  const auto it = t.fields.find(w.field(*def.due_at).name);
  if (it == t.fields.end() || it->second.kind() != Value::Kind::kTime) return std::nullopt;
  return it->second.as_time();
}

// Clock `id` as it counts for ticket `t`: on its calendar, or on the wall clock while the ticket
// has a chosen time for it.
ClockView view_of(const Workflow& w, ClockId id, const Calendar& declared, const Ticket& t) {
  const ClockDef& def = w.clocks()[id];
  return ClockView{w, id, def, chosen_time(w, def, t) ? wall_clock() : declared};
}

// A threshold of a run that is not done yet and applies to the ticket.
struct Pending {
  Kind kind;
  std::size_t step;  // ladder index (kStep)
  int percent;
  Duration need;     // business time the run must have counted
  bool at_breach = false;  // a step `at: breach`
};

// The run's target for the ticket as it is. With a chosen time: the time counted so far plus the
// wall time from `since` to the chosen time (never negative), so that a running run is due exactly
// at the chosen time and one already past it is due at `since`.
std::optional<Duration> target_of(const ClockView& c, const Ticket& t, const SlaClockState& s) {
  if (const auto chosen = chosen_time(c.workflow, c.def, t)) {
    const Duration ahead = *chosen - s.since;
    if (ahead.count() < 0 && -ahead >= s.elapsed) return Duration(0);
    return s.elapsed + ahead;
  }
  return c.def.target(is_major(t));
}

std::vector<Pending> pending(const ClockView& c, const SlaClockState& s, const Ticket& t,
                             const std::optional<Duration>& target) {
  std::vector<Pending> out;
  if (target) {
    if (!s.warned && c.def.warn_at) out.push_back({Kind::kWarning, 0, *c.def.warn_at, share(*target, *c.def.warn_at)});
    const auto breach = breach_need(*target);
    if (!s.breached && breach) out.push_back({Kind::kBreach, 0, kBreachPercent, *breach});
  }
  const auto& ladder = c.workflow.escalation().ladder;
  const bool major = is_major(t);
  for (std::size_t i = 0; i < ladder.size(); ++i) {
    const EscalationStep& step = ladder[i];
    if (step.clock != c.id || ((s.steps_done >> i) & 1U) != 0 || (step.only_major && !major)) continue;
    if (const auto need = step_need(step, target))
      out.push_back(
          {Kind::kStep, i, step.at_breach ? kBreachPercent : step.percent, *need, step.at_breach});
  }
  return out;
}

// When a running run has counted `need`; nullopt when its calendar never gets there.
std::optional<TimePoint> reach(const Calendar& calendar, const SlaClockState& s, Duration need) {
  if (need <= s.elapsed) return s.since;
  return calendar.add_working_time(s.since, need - s.elapsed);
}

// Journal order: instant, percent, warning < breach < step, then clock order (warnings, breaches)
// or ladder order (steps); a step `at: breach` goes with its clock's breach, right after it.
bool earlier(const SlaThreshold& a, const SlaThreshold& b) {
  const auto key = [](const SlaThreshold& t) {
    const Kind group = t.at_breach ? Kind::kBreach : t.kind;
    return std::make_tuple(t.reached_at, t.percent, static_cast<int>(group),
                           group == Kind::kStep ? t.step : std::size_t{t.clock},
                           static_cast<int>(t.kind), t.step);
  };
  return key(a) < key(b);
}

// The threshold a pending one becomes, reached at `reached_at`.
SlaThreshold threshold_at(const ClockView& c, const Pending& p, TimePoint reached_at) {
  return SlaThreshold{c.id, c.def.name, p.kind, p.step, p.percent, reached_at, p.at_breach};
}

// Major-only steps a stopped or paused run owes a major ticket: those it has counted.
std::vector<Pending> owed(const ClockView& c, const SlaClockState& s, const Ticket& t,
                          const std::optional<Duration>& target) {
  std::vector<Pending> out;
  if (s.phase == Phase::kRunning || !is_major(t)) return out;
  const auto& ladder = c.workflow.escalation().ladder;
  for (const Pending& p : pending(c, s, t, target))
    if (p.kind == Kind::kStep && ladder[p.step].only_major && p.need <= s.elapsed) out.push_back(p);
  return out;
}

// Every pending threshold of a run reached by `at`, in journal order: a running run's as it
// counts, a stopped or paused run's owed major-only steps at `at`.
std::vector<SlaThreshold> reached_by(const ClockView& c, const SlaClockState& s, const Ticket& t,
                                     const std::optional<Duration>& target, TimePoint at) {
  std::vector<SlaThreshold> out;
  if (s.phase != Phase::kRunning) {
    for (const Pending& p : owed(c, s, t, target))
      out.push_back(threshold_at(c, p, std::max(s.since, at)));
    return out;
  }
  for (const Pending& p : pending(c, s, t, target)) {
    const auto when = reach(c.calendar, s, p.need);
    if (!when || *when > at) continue;
    out.push_back(threshold_at(c, p, *when));
  }
  std::sort(out.begin(), out.end(), earlier);
  return out;
}

// The timer of a run: its next pending threshold, not before `at`; nullopt when it needs none.
std::optional<TimePoint> next_timer(const ClockView& c, const SlaClockState& s, const Ticket& t,
                                    const std::optional<Duration>& target, TimePoint at) {
  if (s.phase != Phase::kRunning) {
    if (owed(c, s, t, target).empty()) return std::nullopt;
    return std::max(s.since, at);
  }
  std::optional<TimePoint> next;
  for (const Pending& p : pending(c, s, t, target)) {
    const auto when = reach(c.calendar, s, p.need);
    if (when && (!next || *when < *next)) next = when;
  }
  if (next && *next < at) next = at;
  return next;
}

void mark_done(SlaClockState& s, const SlaThreshold& th) {
  switch (th.kind) {
    case Kind::kWarning: s.warned = true; break;
    case Kind::kBreach: s.breached = true; break;
    case Kind::kStep: s.steps_done |= std::uint64_t{1} << th.step; break;
  }
}

// When a running run reaches 100% of its target. For a run already past it at `since`,
// `known_past` when it says when that was, else `since` (the change or resume that made it so).
std::optional<TimePoint> due_of(const Calendar& calendar, const SlaClockState& s,
                                const std::optional<Duration>& target, std::optional<TimePoint> known_past) {
  if (s.phase != Phase::kRunning || !target) return std::nullopt;
  if (*target > s.elapsed) return calendar.add_working_time(s.since, *target - s.elapsed);
  if (known_past && *known_past <= s.since) return known_past;
  return s.since;
}

// Counts the business time up to `at` into `elapsed` and starts a new stretch there.
void fold(const Calendar& calendar, SlaClockState& s, TimePoint at) {
  if (at <= s.since) return;
  s.elapsed += calendar.working_time_between(s.since, at);
  s.since = at;
}

// Replaces whatever `timers` says about `key` with a schedule at `due` or, without one, a cancel.
void put_timer(TimerChanges& timers, const std::string& key, std::optional<TimePoint> due) {
  std::erase(timers.cancel, key);
  std::erase_if(timers.schedule, [&](const Timer& t) { return t.key == key; });
  if (due) {
    timers.schedule.push_back(Timer{0, key, *due});
  } else {
    timers.cancel.push_back(key);
  }
}

const SlaClockState* find_state(const std::vector<SlaClockState>& clocks, std::string_view name) {
  const auto it = std::find_if(clocks.begin(), clocks.end(), [&](const SlaClockState& s) { return s.name == name; });
  return it == clocks.end() ? nullptr : &*it;
}

std::string describe(const Workflow& w) {
  return "workflow '" + w.name() + "' v" + std::to_string(w.version());
}

void check_ticket(const Workflow& w, const Ticket& t) {
  if (t.workflow != w.name() || t.workflow_version != w.version()) {
    throw std::invalid_argument("SlaTracker of " + describe(w) + " was given ticket '" + t.code + "' of workflow '" +
                                t.workflow + "' v" + std::to_string(t.workflow_version));
  }
}

StateId state_of(const Workflow& w, const Ticket& t) {
  const auto id = w.find_state(t.state);
  if (!id) {
    throw std::invalid_argument("SlaTracker: ticket '" + t.code + "' is in state '" + t.state + "', which " +
                                describe(w) + " does not have");
  }
  return *id;
}

}  // namespace

SlaTracker::SlaTracker(std::shared_ptr<const Workflow> workflow, const CalendarSet& calendars)
    : workflow_(std::move(workflow)) {
  if (!workflow_) throw std::invalid_argument("SlaTracker: no workflow");
  const Workflow& w = *workflow_;
  const auto& ladder = w.escalation().ladder;
  if (ladder.size() > kMaxLadderSteps) {
    throw std::invalid_argument(describe(w) + " has " + std::to_string(ladder.size()) +
                                " escalation steps; a ticket keeps track of at most " +
                                std::to_string(kMaxLadderSteps));
  }
  for (const EscalationStep& step : ladder) {
    if (step.clock >= w.clocks().size() || step.percent < 0 || step.percent > 1000) {
      throw std::invalid_argument(describe(w) + ": an escalation step names no clock of the workflow or is not at 0%..1000%");
    }
  }
  calendars_.reserve(w.clocks().size());
  for (const ClockDef& clock : w.clocks()) {
    if (clock.warn_at && (*clock.warn_at < 1 || *clock.warn_at > 99)) {
      throw std::invalid_argument(describe(w) + ": clock '" + clock.name + "' warns at " +
                                  std::to_string(*clock.warn_at) + "%; warn_at must be 1%..99%");
    }
    if (clock.calendar.empty()) {
      calendars_.push_back(Calendar::always());
    } else if (const Calendar* found = calendars.find(clock.calendar)) {
      calendars_.push_back(*found);
    } else if (clock.calendar == "always") {
      calendars_.push_back(Calendar::always());
    } else {
      std::string known;
      for (const std::string& name : calendars.names()) known += (known.empty() ? "" : ", ") + name;
      throw std::invalid_argument("clock '" + clock.name + "' of " + describe(w) + " is measured on calendar '" +
                                  clock.calendar + "', which is not defined (" +
                                  (known.empty() ? std::string("no calendars are defined") : "known calendars: " + known) +
                                  ")");
    }
  }
}

std::string SlaTracker::timer_key(std::string_view clock_name) { return "clock:" + std::string(clock_name); }

SlaTracker::Update SlaTracker::update(const Ticket* before, Ticket& after, TimePoint at) const {
  const Workflow& w = *workflow_;
  check_ticket(w, after);
  if (before != nullptr) {
    check_ticket(w, *before);
    state_of(w, *before);
  }
  const StateId to = state_of(w, after);
  const bool entering = before == nullptr || before->state != after.state;
  const bool severity_changed = before != nullptr && before->severity != after.severity;

  Update out;
  std::vector<SlaClockState> clocks;
  for (ClockId id = 0; id < w.clocks().size(); ++id) {
    // `was` counts up to the change, under the ticket as it was; `c` from the change on.
    const ClockView was = view_of(w, id, calendars_[id], before != nullptr ? *before : after);
    const ClockView c = view_of(w, id, calendars_[id], after);
    std::optional<SlaClockState> s;
    if (before != nullptr) {
      if (const SlaClockState* previous = find_state(before->clocks, c.def.name)) s = *previous;
    }

    // Thresholds reached before the change, under the ticket as it was.
    const bool was_running = s && s->phase == Phase::kRunning;
    std::optional<Duration> old_target;
    if (s) {
      old_target = target_of(was, *before, *s);
      for (SlaThreshold& th : reached_by(was, *s, *before, old_target, at)) {
        mark_done(*s, th);
        out.overdue.push_back(std::move(th));
      }
    }

    // The run: stop, fresh start, pause, resume, or carry on.
    const bool in_stops = contains(c.def.stops, to);
    const bool in_pauses = contains(c.def.pauses_in, to);
    bool continuing = false;
    if (in_stops) {
      if (s && s->phase != Phase::kStopped) {
        if (s->phase == Phase::kRunning) fold(was.calendar, *s, at);
        s->phase = Phase::kStopped;
        s->since = std::max(s->since, at);
        s->due.reset();
      }
    } else if (entering && contains(c.def.starts, to) && (!s || s->phase == Phase::kStopped)) {
      SlaClockState fresh;
      fresh.name = c.def.name;
      fresh.phase = in_pauses ? Phase::kPaused : Phase::kRunning;
      fresh.started_at = at;
      fresh.since = at;
      s = std::move(fresh);
    } else if (was_running && in_pauses) {
      fold(was.calendar, *s, at);
      s->phase = Phase::kPaused;
      s->due.reset();
    } else if (s && s->phase == Phase::kPaused && !in_pauses) {
      s->phase = Phase::kRunning;
      s->since = std::max(s->since, at);
    } else {
      continuing = was_running;
    }

    // Target and deadline, for the ticket as it is now.
    std::optional<Duration> target;
    if (s && s->phase != Phase::kStopped) {
      target = target_of(c, after, *s);
      const bool same_target = target == old_target && was.calendar.is_always() == c.calendar.is_always();
      if (continuing && (severity_changed || !same_target)) {
        fold(was.calendar, *s, at);
        target = target_of(c, after, *s);
      }
      s->target = target.value_or(Duration(0));
      s->due = due_of(c.calendar, *s, target, continuing && same_target ? s->due : std::nullopt);
    }

    if (s) {
      if (s->phase == Phase::kStopped) target = target_of(c, after, *s);
      put_timer(out.timers, timer_key(c.def.name), next_timer(c, *s, after, target, at));
      clocks.push_back(std::move(*s));
    }
  }
  after.clocks = std::move(clocks);
  std::stable_sort(out.overdue.begin(), out.overdue.end(), earlier);
  return out;
}

std::optional<SlaThreshold> SlaTracker::take_due(Ticket& ticket, TimePoint at, TimerChanges& timers) const {
  const Workflow& w = *workflow_;
  check_ticket(w, ticket);
  std::optional<SlaThreshold> best;
  SlaClockState* best_state = nullptr;
  for (SlaClockState& s : ticket.clocks) {
    const auto id = w.find_clock(s.name);
    if (!id) continue;  // not a clock of this workflow: nothing to reach
    const ClockView c = view_of(w, *id, calendars_[*id], ticket);
    auto reached = reached_by(c, s, ticket, target_of(c, ticket, s), at);
    if (!reached.empty() && (!best || earlier(reached.front(), *best))) {
      best = std::move(reached.front());
      best_state = &s;
    }
  }
  if (!best) return std::nullopt;
  mark_done(*best_state, *best);
  const ClockView c = view_of(w, best->clock, calendars_[best->clock], ticket);
  put_timer(timers, timer_key(best->clock_name), next_timer(c, *best_state, ticket, target_of(c, ticket, *best_state), at));
  return best;
}

std::optional<SlaTracker::Reading> SlaTracker::read(const Ticket& ticket, std::string_view clock, TimePoint at) const {
  const Workflow& w = *workflow_;
  const auto id = w.find_clock(clock);
  if (!id) throw std::invalid_argument(describe(w) + " has no clock '" + std::string(clock) + "'");
  check_ticket(w, ticket);
  const SlaClockState* s = find_state(ticket.clocks, clock);
  if (s == nullptr) return std::nullopt;
  const ClockView c = view_of(w, *id, calendars_[*id], ticket);
  Reading r;
  r.phase = s->phase;
  r.started_at = s->started_at;
  r.elapsed = s->elapsed;
  if (s->phase == Phase::kRunning) r.elapsed += c.calendar.working_time_between(s->since, at);
  r.target = target_of(c, ticket, *s);
  if (r.target && r.target->count() > 0)
    r.percent = static_cast<double>(r.elapsed.count()) * 100.0 / static_cast<double>(r.target->count());
  r.due = due_of(c.calendar, *s, r.target, s->due);
  r.warned = s->warned;
  r.breached = s->breached;
  return r;
}

std::optional<SlaTracker::Deadline> SlaTracker::next_deadline(const Ticket& ticket) const {
  const Workflow& w = *workflow_;
  check_ticket(w, ticket);
  std::optional<Deadline> best;
  for (ClockId id = 0; id < w.clocks().size(); ++id) {
    const ClockView c = view_of(w, id, calendars_[id], ticket);
    const SlaClockState* s = find_state(ticket.clocks, c.def.name);
    if (s == nullptr) continue;
    const auto due = due_of(c.calendar, *s, target_of(c, ticket, *s), s->due);
    if (due && (!best || *due < best->due)) best = Deadline{id, c.def.name, *due};
  }
  return best;
}

}  // namespace propdesk
