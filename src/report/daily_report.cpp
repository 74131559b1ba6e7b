#include "propdesk/daily_report.hpp"

#include <algorithm>
#include <tuple>

#include "report/ticket_facts.hpp"
#include "report/ticket_scan.hpp"

namespace propdesk {

OpenItem open_item(const Ticket& ticket, const Workflow* workflow, TimePoint now) {
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
  return item;
}

DailyReport daily_report(const Store& store, const WorkflowLookup& workflows, TimePoint now) {
  DailyReport report;
  report.at = now;
  report::for_each_open_ticket(store, workflows, [&](const Ticket& t, const Workflow* w) {
    if (t.created_at <= now) report.items.push_back(open_item(t, w, now));
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
