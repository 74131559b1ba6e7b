// The engine acting on time: advance() and the timers it wakes up for (see propdesk/engine.hpp).
//
// A timer is only a wake-up. What is due is decided from the ticket: its SLA clocks say which
// threshold was crossed (SlaTracker::take_due marks it done, in the same commit as its journal
// entry, so it is journaled once even when two engines race or a process restarts), and a timed
// transition fires only while the ticket is still in the state it leaves.
//
// advance() commits the SLA entries of a round's due timers together, one Store::commit() for
// timers of different tickets (one transaction, one fsync on SqliteStore), each item still
// committed or refused on its own; a ticket's later timers wait for the next round, and a timer
// whose commit met a conflict is redone alone from a fresh read. Timed transitions fire one by one
// (fire_at), after the entries due before them are committed.
#include "propdesk/journal.hpp"
#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <span>
#include <string>
#include <utility>

#include "engine/due_sla.hpp"
#include "engine/loaded_workflow.hpp"
#include "engine/sla_entries.hpp"
#include "engine/ticket_cache.hpp"
#include "engine/timed_transitions.hpp"
#include "propdesk/engine.hpp"

namespace propdesk {

namespace {

const Actor& system_actor() {
  static const Actor actor{std::string(kSystemActor), std::string(kSystemActor)};
  return actor;
}

// How many timers advance() takes from the store at a time. A timer set while acting on a round
// is taken up in the next round, still in due order.
constexpr std::size_t kRound = 128;

// Reports why `key` of `t` cannot be acted on and removes the timer, so that it does not come back.
void drop_timer(Store& store, AdvanceReport& report, const Ticket& t, const std::string& key, std::string why) {
  report.problems.push_back(t.code + ": " + std::move(why));
  TimerChanges gone;
  gone.cancel.push_back(key);
  (void)store.reschedule(t.id, t.version, gone);
}

}  // namespace

std::optional<TimePoint> Engine::next_deadline() const {
  if (auto next = store_->next_timer()) return next->due;
  return std::nullopt;
}

AdvanceReport Engine::advance(TimePoint to) {
  AdvanceReport report;
  // Each acted-on timer must go away or move later; one that comes back no later than before
  // would make this loop forever, so it is removed and reported instead.
  std::map<std::pair<TicketId, std::string>, TimePoint> seen;
  // Timers left for later (their workflow version is not loaded here, or they kept conflicting)
  // are passed over for the rest of this call.
  std::set<std::pair<TicketId, std::string>> left;
  const auto leave = [&](const std::vector<Timer>& timers) {
    for (const Timer& t : timers) left.insert({t.ticket, t.key});
  };
  for (;;) {
    const std::vector<Timer> due = store_->due_timers(to, kRound + left.size());
    bool progressed = false;
    // The SLA entries of this round, one timer per ticket (a ticket's later timers wait for the
    // next round, so none is built from a version its earlier one is about to replace), committed
    // together; before a timed transition fires, so that the bus hears of them in due order.
    std::vector<DueSla> batch;
    std::set<TicketId> taken;
    for (const Timer& timer : due) {
      if (left.contains({timer.ticket, timer.key})) continue;
      if (!taken.insert(timer.ticket).second) continue;
      progressed = true;
      auto [it, first] = seen.try_emplace({timer.ticket, timer.key}, timer.due);
      if (!first && timer.due <= it->second) {
        report.problems.push_back("ticket " + std::to_string(timer.ticket) + ": timer '" +
                                  timer.key + "' did not move on; removed");
        TimerChanges drop;
        drop.cancel.push_back(timer.key);
        if (auto t = store_->get(timer.ticket)) (void)store_->reschedule(t->id, t->version, drop);
        continue;
      }
      it->second = timer.due;
      if (timed_transition_index(timer.key)) leave(commit_due_batch(batch, report));
      if (!handle_timer(timer, report, &batch)) left.insert({timer.ticket, timer.key});
    }
    leave(commit_due_batch(batch, report));
    if (!progressed) break;
  }
  return report;
}

std::vector<Timer> Engine::commit_due_batch(std::vector<DueSla>& batch, AdvanceReport& report) {
  std::vector<Timer> later;
  if (batch.empty()) return later;
  std::vector<Update> items;
  for (DueSla& due : batch)
    for (Update& item : due.items) items.push_back(std::move(item));
  const std::vector<CommitOutcome> outcomes = store_->commit({}, items);
  std::size_t at = 0;
  for (DueSla& due : batch) {
    // Back to the timer's own items (the ticket as stored is the last one's).
    const std::size_t n = due.items.size();
    std::move(items.begin() + static_cast<std::ptrdiff_t>(at),
              items.begin() + static_cast<std::ptrdiff_t>(at + n), due.items.begin());
    const std::span<const CommitOutcome> mine(outcomes.data() + at, n);
    at += n;
    // Another engine changed the ticket since it was read: redo it alone, from a fresh read.
    if (!finish_due_sla(due, mine, report) && !handle_timer(due.timer, report)) later.push_back(due.timer);
  }
  batch.clear();
  return later;
}

bool Engine::settle(TicketId id, TimePoint until, bool timers_due) {
  bool changed = apply_severity_rule(id, until);
  if (!changed && !timers_due) return false;
  AdvanceReport report;
  // The ticket's own due timers, earliest first, until none is left (bounded: each round either
  // removes a timer or moves it past `until`, and a ladder has at most 64 steps per clock).
  for (int round = 0; round < 256; ++round) {
    std::vector<Timer> mine = store_->timers(id);
    std::erase_if(mine, [&](const Timer& t) { return t.due > until; });
    if (mine.empty()) break;
    const auto earliest = std::min_element(mine.begin(), mine.end(), [](const Timer& a, const Timer& b) {
      return a.due < b.due;
    });
    const std::size_t before = report.timers;
    if (!handle_timer(*earliest, report) || report.timers == before) break;  // advance() will say
    changed = true;
  }
  return changed;
}

void Engine::emit_sla_entries(std::vector<SlaEntry>& entries, const std::vector<Update>& committed,
                              AdvanceReport* report) {
  bool breached = false;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    TicketEvent& note = entries[i].note;
    note.ticket = committed[i].ticket;
    bus_.emit(note);
    breached |= note.kind == TicketEvent::Kind::kSlaBreached;
    if (!report) continue;
    switch (note.kind) {
      case TicketEvent::Kind::kSlaWarning: ++report->warnings; break;
      case TicketEvent::Kind::kSlaBreached: ++report->breaches; break;
      default: ++report->escalations; break;
    }
  }
  // A breach may be what makes a ticket major (the complaint rule's earlier_breach). What the raise
  // makes due at once (a major-only step, even of a stopped clock) has a timer at that instant:
  // advance() and settle() (which pass `report`) take it in their next round, counted there; after
  // a change (no report) it is taken here, at once.
  if (breached && !committed.empty()) {
    const TicketId id = committed.front().ticket.id;
    const TimePoint at = committed.back().entry.at;
    if (apply_severity_rule(id, at) && report == nullptr) (void)settle(id, at, true);
  }
}

bool Engine::fire_sla_steps(TicketId id, const std::vector<SlaEntry>& entries, AdvanceReport& report) {
  bool fired = false;
  for (const SlaEntry& e : entries) {
    if (!e.fire) continue;
    const auto lw = loaded(e.note.ticket.workflow, e.note.ticket.workflow_version);
    if (!lw) continue;
    const std::string& event = lw->workflow->event(*e.fire);
    auto done = fire_at(id, event, {}, system_actor(), e.note.ticket.updated_at, nullptr);
    if (done.ok()) {
      ++report.transitions;
      fired = true;
    } else {
      const std::string when = e.at_breach ? "breach" : std::to_string(e.note.percent) + "%";
      report.problems.push_back(e.note.ticket.code + ": an escalation step (" + e.note.clock +
                                " at " + when + ") could not fire '" + event +
                                "': " + done.rejection().message);
    }
  }
  return fired;
}

bool Engine::handle_timer(const Timer& timer, AdvanceReport& report, std::vector<DueSla>* batch) {
  const auto drop = [&](const Ticket& t, std::string why) {
    drop_timer(*store_, report, t, timer.key, std::move(why));
    return true;
  };
  for (int attempt = 0; attempt <= kMaxConflictRetries; ++attempt) {
    const std::optional<Ticket> stored = store_->get(timer.ticket);
    if (!stored) return true;  // timers belong to tickets; nothing to act on
    const auto lw = loaded(stored->workflow, stored->workflow_version);
    if (!lw) {
      report.problems.push_back(stored->code + ": workflow '" + stored->workflow + "' version " +
                                std::to_string(stored->workflow_version) +
                                " is not loaded; timer '" + timer.key + "' left for later");
      return false;
    }
    const Workflow& w = *lw->workflow;

    // A timed transition (`after:`): fire it as the system, if the ticket still waits for it.
    if (const auto index = timed_transition_index(timer.key)) {
      const auto transitions = w.transitions();
      const auto state = w.find_state(stored->state);
      if (*index >= transitions.size() || !state ||
          std::find(transitions[*index].from.begin(), transitions[*index].from.end(), *state) ==
              transitions[*index].from.end())
        return drop(*stored, "timer '" + timer.key + "' does not belong to state '" + stored->state + "'");
      const std::string& event = w.event(transitions[*index].event);
      auto done = fire_at(stored->id, event, {}, system_actor(), std::max(timer.due, stored->updated_at),
                          &timer.key);
      if (!done.ok()) {
        if (done.rejection().reason == Rejection::Reason::kConflict) continue;
        return drop(*stored, "timed event '" + event + "' was refused: " + done.rejection().message);
      }
      ++report.timers;
      ++report.transitions;
      return true;
    }

    // An SLA clock: journal every threshold reached by the timer's instant, in one commit.
    Ticket ticket = *stored;
    std::int64_t version = stored->version;
    TimerChanges timers;
    std::vector<SlaEntry> entries =
        take_sla_entries(*lw, ticket, version, timer.due, stored->updated_at, timers);
    if (entries.empty()) {
      // Woken early (e.g. the calendar changed since the timer was set): set it again.
      Ticket again = *stored;
      TimerChanges fresh = lw->sla.update(&*stored, again, std::max(timer.due, stored->updated_at)).timers;
      for (const Timer& next : fresh.schedule)
        if (next.key == timer.key && next.due <= timer.due)
          return drop(*stored, "timer '" + timer.key + "' is due but nothing is");
      const bool kept = std::any_of(fresh.schedule.begin(), fresh.schedule.end(),
                                    [&](const Timer& next) { return next.key == timer.key; });
      if (!kept) fresh.cancel.push_back(timer.key);
      const CommitOutcome outcome = store_->reschedule(stored->id, stored->version, fresh);
      if (outcome.status == CommitOutcome::Status::kConflict) continue;
      return true;
    }
    DueSla due{timer, *stored, std::move(entries), {}};
    for (SlaEntry& e : due.entries) due.items.push_back(std::move(e.item));
    due.items.back().timers = std::move(timers);
    if (batch != nullptr) {
      batch->push_back(std::move(due));
      return true;
    }
    if (finish_due_sla(due, store_->commit({}, due.items), report)) return true;
  }
  report.problems.push_back("ticket " + std::to_string(timer.ticket) + ": timer '" + timer.key +
                            "' kept conflicting with concurrent changes; left for later");
  return false;
}

bool Engine::finish_due_sla(DueSla& due, std::span<const CommitOutcome> outcomes, AdvanceReport& report) {
  std::string refused;
  for (const CommitOutcome& outcome : outcomes) {
    if (outcome.status == CommitOutcome::Status::kConflict) return false;
    if (!outcome.ok() && refused.empty()) refused = outcome.message;
  }
  if (!refused.empty()) {
    drop_timer(*store_, report, due.stored, due.timer.key, "the store refused an SLA entry: " + refused);
    return true;
  }
  tickets_->remember(due.items.back().ticket);
  emit_sla_entries(due.entries, due.items, &report);
  ++report.timers;
  (void)fire_sla_steps(due.stored.id, due.entries, report);
  return true;
}

}  // namespace propdesk
