#include "propdesk/journal.hpp"
#include "engine/sla_entries.hpp"

#include <algorithm>
#include <deque>

#include "engine/ticket_fields.hpp"
#include "engine/timer_merge.hpp"

namespace propdesk {

namespace {

const Actor& system_actor() {
  static const Actor actor{std::string(kSystemActor), std::string(kSystemActor)};
  return actor;
}

// The entry of one threshold on `ticket` (already marked done); applies a step's `set`.
// Returns the thresholds a severity change by that `set` made overdue (marked done too).
std::vector<SlaThreshold> make_entry(const LoadedWorkflow& lw, Ticket& ticket, const SlaThreshold& th,
                                     std::int64_t& version, TimePoint& last_at,
                                     TimerChanges& timers, std::vector<SlaEntry>& out) {
  const Workflow& w = *lw.workflow;
  SlaEntry e;
  const TimePoint at = std::max(th.reached_at, last_at);
  last_at = at;
  e.note.clock = th.clock_name;
  e.note.percent = th.percent;
  e.item.entry.input = {{"clock", Value(th.clock_name)},
                        {"percent", Value(th.percent)},
                        {"reached_at", Value(th.reached_at)}};
  std::vector<SlaThreshold> more;
  switch (th.kind) {
    case SlaThreshold::Kind::kWarning:
      e.note.kind = TicketEvent::Kind::kSlaWarning;
      e.item.entry.event = std::string(kSlaWarningEvent);
      break;
    case SlaThreshold::Kind::kBreach:
      e.note.kind = TicketEvent::Kind::kSlaBreached;
      e.item.entry.event = std::string(kSlaBreachedEvent);
      break;
    case SlaThreshold::Kind::kStep: {
      const EscalationStep& step = w.escalation().ladder[th.step];
      e.note.kind = TicketEvent::Kind::kEscalated;
      e.item.entry.event = std::string(kEscalationEvent);
      e.item.entry.input.emplace("step", Value(static_cast<std::int64_t>(th.step + 1)));
      // A step at the breach journals its percent as the breach does (100); "at" tells it apart
      // from a step at 100%, which is due at the deadline itself.
      if (step.at_breach) e.item.entry.input.emplace("at", Value("breach"));
      e.at_breach = step.at_breach;
      std::string roles;
      for (RoleId role : step.notify) {
        e.note.notifications.push_back({w.role(role).name, true, {}});
        roles += (roles.empty() ? "" : ",") + w.role(role).name;
      }
      if (!roles.empty()) e.item.entry.input.emplace("notify", Value(roles));
      if (!step.set.empty()) {
        const Ticket before = ticket;
        for (const auto& [field, value] : step.set) put_field(ticket, w.field(field).name, value);
        // Setting fields (say, severity) may move the clocks' targets.
        SlaTracker::Update moved = lw.sla.update(&before, ticket, at);
        merge_timer_changes(timers, moved.timers);
        more = std::move(moved.overdue);
      }
      e.fire = step.fire;
      break;
    }
  }
  ticket.updated_at = at;
  e.item.ticket = ticket;
  e.item.expected_version = version++;
  e.item.entry.at = at;
  e.item.entry.actor = system_actor();
  e.item.entry.from_state = ticket.state;
  e.item.entry.to_state = ticket.state;
  e.note.event = e.item.entry.event;
  e.note.from_state = ticket.state;
  e.note.actor = system_actor();
  // A step's notifications go with its entry, rendered for the ticket as it will be committed.
  if (lw.notifications->enabled() && !e.note.notifications.empty()) {
    Ticket committed = ticket;
    committed.version = e.item.expected_version + 1;
    e.item.outbox = lw.notifications->messages(w, committed, e.note.notifications,
                                               {e.item.entry.event, system_actor(), at});
  }
  out.push_back(std::move(e));
  return more;
}

}  // namespace

std::vector<SlaEntry> take_sla_entries(const LoadedWorkflow& lw, Ticket& ticket, std::int64_t& version,
                                       TimePoint at, TimePoint not_before, TimerChanges& timers) {
  std::vector<SlaEntry> out;
  std::deque<SlaThreshold> pending;
  TimePoint last_at = not_before;
  for (;;) {
    std::optional<SlaThreshold> th;
    if (!pending.empty()) {
      th = std::move(pending.front());
      pending.pop_front();
    } else {
      TimerChanges taken;
      th = lw.sla.take_due(ticket, at, taken);
      merge_timer_changes(timers, taken);
    }
    if (!th) break;
    std::vector<SlaThreshold> more = make_entry(lw, ticket, *th, version, last_at, timers, out);
    pending.insert(pending.begin(), more.begin(), more.end());
  }
  return out;
}

std::vector<SlaEntry> overdue_sla_entries(const LoadedWorkflow& lw, const Ticket& ticket,
                                          std::int64_t& version, const std::vector<SlaThreshold>& overdue,
                                          TimePoint not_before) {
  std::vector<SlaEntry> out;
  if (overdue.empty()) return out;  // the usual case: no copy of the ticket
  Ticket copy = ticket;
  TimePoint last_at = not_before;
  TimerChanges ignored;  // the change's own update() has the final timers
  for (const SlaThreshold& th : overdue) (void)make_entry(lw, copy, th, version, last_at, ignored, out);
  return out;
}

}  // namespace propdesk
