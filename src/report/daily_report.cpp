#include "propdesk/daily_report.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "report/ticket_facts.hpp"
#include "report/ticket_scan.hpp"
#include "workflow/timed_transition_key.hpp"

namespace propdesk {

namespace {

// Whether a timed transition (`after:`) leaves `state`: only then can the ticket have its timer.
bool waits_in(const Workflow& workflow, std::string_view state) {
  const auto id = workflow.find_state(state);
  if (!id) return false;
  for (const Transition& tr : workflow.transitions())
    if (tr.after && std::find(tr.from.begin(), tr.from.end(), *id) != tr.from.end()) return true;
  return false;
}

// The event a timed-transition timer of `ticket` fires, when it is one out of the current state.
std::optional<std::string> timed_event(const Workflow& workflow, const Ticket& ticket, const Timer& timer) {
  const auto index = timed_transition_index(timer.key);
  const auto state = workflow.find_state(ticket.state);
  if (!index || !state || *index >= workflow.transitions().size()) return std::nullopt;
  const Transition& tr = workflow.transitions()[*index];
  if (!tr.after || std::find(tr.from.begin(), tr.from.end(), *state) == tr.from.end()) return std::nullopt;
  return workflow.event(tr.event);
}

}  // namespace

OpenItem open_item(const Ticket& ticket, const Workflow* workflow, TimePoint now, std::span<const Timer> timers) {
  OpenItem item;
  item.id = ticket.id;
  item.code = ticket.code;
  item.workflow = ticket.workflow;
  item.workflow_version = ticket.workflow_version;
  item.state = ticket.state;
  item.state_label = report::state_label(workflow, ticket.state);
  item.severity = ticket.severity;
  item.assignee = ticket.assignee;
  item.location = report::ticket_location(ticket);
  item.created_at = ticket.created_at;
  item.age = now - ticket.created_at;
  item.workflow_known = workflow != nullptr;
  for (const SlaClockState& clock : ticket.clocks) {
    if (clock.breached) item.breached_clocks.push_back(clock.name);
    if (clock.phase != SlaClockState::Phase::kRunning || !clock.due) continue;
    if (!item.next_due || *clock.due < *item.next_due) {
      item.next_due = clock.due;
      item.next_clock = clock.name;
    }
  }
  if (workflow == nullptr) return item;
  for (const Timer& timer : timers) {
    auto event = timed_event(*workflow, ticket, timer);
    if (event && (!item.next_due || timer.due < *item.next_due)) {
      item.next_due = timer.due;
      item.next_clock = std::move(*event);
    }
  }
  return item;
}

DailyReport daily_report(const Store& store, const WorkflowLookup& workflows, TimePoint now) {
  DailyReport report;
  report.at = now;
  report::for_each_open_ticket(store, workflows, [&](const Ticket& t, const Workflow* w) {
    if (t.created_at > now) return;
    // The store is asked for timers only for tickets waiting in a state a timed transition leaves.
    const std::vector<Timer> timers = w != nullptr && waits_in(*w, t.state) ? store.timers(t.id) : std::vector<Timer>{};
    report.items.push_back(open_item(t, w, now, timers));
  });
  // Items with a deadline first, earliest first; then the oldest; the id keeps it deterministic.
  std::sort(report.items.begin(), report.items.end(), [](const OpenItem& a, const OpenItem& b) {
    const auto key = [](const OpenItem& i) {
      return std::make_tuple(!i.next_due.has_value(), i.next_due.value_or(TimePoint{}),
                             i.created_at, i.id);
    };
    return key(a) < key(b);
  });
  return report;
}

}  // namespace propdesk
