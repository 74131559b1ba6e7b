#include "propdesk/callback_report.hpp"

#include <algorithm>
#include <tuple>

#include "propdesk/pii_mask.hpp"
#include "report/ticket_facts.hpp"
#include "report/ticket_scan.hpp"

namespace propdesk {

namespace {

std::string resident_field(const Ticket& ticket, const Workflow* workflow, std::string_view name,
                           bool show_pii) {
  const std::string value = report::string_field(ticket.fields, name);
  return show_pii || !is_pii_field(workflow, name) ? value : mask_pii(value);
}

CallbackItem callback_item(const Ticket& ticket, const Workflow& workflow,
                           const SlaClockState& clock, const CallbackParams& params) {
  CallbackItem item;
  item.id = ticket.id;
  item.code = ticket.code;
  item.workflow = ticket.workflow;
  item.state = ticket.state;
  item.state_label = report::state_label(&workflow, ticket.state);
  item.severity = ticket.severity;
  item.assignee = ticket.assignee;
  item.location = report::ticket_location(ticket);
  item.clock = clock.name;
  item.due = clock.due ? clock.due : report::time_field(ticket.fields, params.due_field);
  item.breached = clock.breached;
  item.reporter = resident_field(ticket, &workflow, "reporter", params.show_pii);
  item.phone = resident_field(ticket, &workflow, "phone", params.show_pii);
  return item;
}

// The running callback clocks of a ticket.
std::vector<const SlaClockState*> running_callback_clocks(const Ticket& ticket,
                                                          const Workflow& workflow,
                                                          std::string_view due_field) {
  std::vector<const SlaClockState*> out;
  for (const SlaClockState& state : ticket.clocks) {
    if (state.phase != SlaClockState::Phase::kRunning) continue;
    const auto id = workflow.find_clock(state.name);
    if (!id) continue;
    const ClockDef& def = workflow.clocks()[*id];
    if (def.due_at && workflow.field(*def.due_at).name == due_field) out.push_back(&state);
  }
  return out;
}

void sort_by_due(std::vector<CallbackItem>& items) {
  std::sort(items.begin(), items.end(), [](const CallbackItem& a, const CallbackItem& b) {
    // Items without a due (breached, nothing to place them by) last.
    return std::make_tuple(!a.due.has_value(), a.due.value_or(TimePoint{}), a.id) <
           std::make_tuple(!b.due.has_value(), b.due.value_or(TimePoint{}), b.id);
  });
}

}  // namespace

CallbackReport callback_report(const Store& store, const WorkflowLookup& workflows, TimePoint now,
                               const CallbackParams& params) {
  CallbackReport report;
  report.at = now;
  const auto local_day = std::chrono::floor<std::chrono::days>(now + params.utc_offset);
  report.day_start = TimePoint{local_day} - params.utc_offset;
  report.day_end = report.day_start + std::chrono::days{1};

  report::for_each_open_ticket(store, workflows, [&](const Ticket& t, const Workflow* w) {
    if (w == nullptr) return;
    for (const SlaClockState* clock : running_callback_clocks(t, *w, params.due_field)) {
      CallbackItem item = callback_item(t, *w, *clock, params);
      if (item.breached || (item.due && *item.due < now)) {
        if (item.due && *item.due < now) item.late = now - *item.due;
        report.missing.push_back(std::move(item));
      } else if (item.due && *item.due < report.day_end) {
        report.due_today.push_back(std::move(item));
      }
    }
  });
  sort_by_due(report.missing);
  sort_by_due(report.due_today);
  return report;
}

}  // namespace propdesk
