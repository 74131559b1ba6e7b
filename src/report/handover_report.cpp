#include "propdesk/handover_report.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "report/ticket_facts.hpp"
#include "report/ticket_scan.hpp"

namespace propdesk {

namespace {

ShiftEntry shift_entry(const Ticket& ticket, const Workflow* workflow, const JournalEntry& e) {
  ShiftEntry out;
  out.ticket = ticket.id;
  out.code = ticket.code;
  out.workflow = ticket.workflow;
  out.location = report::ticket_location(ticket);
  out.seq = e.seq;
  out.at = e.at;
  out.actor = e.actor;
  out.event = e.event;
  out.from_state = e.from_state;
  out.from_label = report::state_label(workflow, e.from_state);
  out.to_state = e.to_state;
  out.to_label = report::state_label(workflow, e.to_state);
  out.clock = report::string_field(e.input, "clock");
  return out;
}

// Files one entry of the shift under every list it belongs to.
void add_entry(HandoverReport& report, const Workflow* workflow, ShiftEntry entry) {
  if (entry.event == kCreateEvent) report.created.push_back(entry);
  if (entry.from_state != entry.to_state && !entry.from_state.empty() &&
      report::is_final_state(workflow, entry.to_state) &&
      !report::is_final_state(workflow, entry.from_state))
    report.closed.push_back(entry);
  if (entry.event == kSlaBreachedEvent) report.breaches.push_back(entry);
  if (entry.event == kEscalationEvent || entry.event == kSeverityRaisedEvent)
    report.escalations.push_back(entry);
  report.changes.push_back(std::move(entry));
}

std::string minutes_text(Duration d) {
  return format_duration(std::chrono::floor<std::chrono::minutes>(d));
}

// "BX-20261126-0003 处理中 3-2-1502 超时: resolution" for a breached item, "... response 剩余 25m"
// for one due within 12 hours of the end of the shift, "" for the others.
std::string attention_line(const OpenItem& item, TimePoint shift_end) {
  const bool breached = !item.breached_clocks.empty();
  const bool soon = item.next_due && *item.next_due < shift_end + std::chrono::hours(12);
  if (!breached && !soon) return {};
  std::string line = item.code + " " + (item.state_label.empty() ? item.state : item.state_label);
  if (!item.location.empty()) line += " " + item.location;
  if (breached) {
    std::string clocks;
    for (const auto& c : item.breached_clocks) clocks += (clocks.empty() ? "" : ",") + c;
    return line + " 超时: " + clocks;
  }
  const Duration left = *item.next_due - shift_end;
  return line + " " + item.next_clock +
         (left < Duration{0} ? " 已到期 " + minutes_text(-left) : " 剩余 " + minutes_text(left));
}

}  // namespace

HandoverReport handover_report(const Store& store, const WorkflowLookup& workflows,
                               const HandoverParams& params) {
  if (params.to <= params.from) {
    throw std::invalid_argument("the shift must end after it begins (from " +
                                format_time(params.from) + ", to " + format_time(params.to) + ")");
  }
  HandoverReport report;
  report.from = params.from;
  report.to = params.to;
  report.open = daily_report(store, workflows, params.to);

  TicketQuery created_before_end;
  created_before_end.created_to = params.to;
  report::for_each_ticket(store, created_before_end, [&](const Ticket& t) {
    if (t.updated_at < params.from) return;  // nothing happened to it since the shift began
    const auto workflow = workflows(t.workflow, t.workflow_version);
    for (const JournalEntry& e : store.history(t.id)) {
      if (e.at >= params.from && e.at < params.to)
        add_entry(report, workflow.get(), shift_entry(t, workflow.get(), e));
    }
  });
  return report;
}

std::string handover_summary(const HandoverReport& report) {
  constexpr std::size_t kMaxLines = 20;
  std::size_t breached_open = 0;
  std::size_t needing_attention = 0;
  std::string lines;
  for (const OpenItem& item : report.open.items) {
    breached_open += item.breached_clocks.empty() ? 0 : 1;
    const std::string line = attention_line(item, report.to);
    if (line.empty()) continue;
    if (++needing_attention <= kMaxLines) lines += "\n" + line;
  }
  if (needing_attention > kMaxLines)
    lines += "\n……另有 " + std::to_string(needing_attention - kMaxLines) + " 项";
  return "未关闭 " + std::to_string(report.open.items.size()) + " 项（已超时 " +
         std::to_string(breached_open) + " 项）；本班新增 " +
         std::to_string(report.created.size()) + " 项，关闭 " +
         std::to_string(report.closed.size()) + " 项，超时 " +
         std::to_string(report.breaches.size()) + " 次，升级 " +
         std::to_string(report.escalations.size()) + " 次。" + lines;
}

Fields handover_ticket_fields(const HandoverReport& report, std::string_view outgoing,
                              std::string_view incoming) {
  Fields fields;
  fields["shift_from"] = Value(report.from);
  fields["shift_to"] = Value(report.to);
  fields["outgoing"] = Value(outgoing);
  fields["incoming"] = Value(incoming);
  fields["assignee"] = Value(incoming);
  fields["summary"] = Value(handover_summary(report));
  fields["open_count"] = Value(static_cast<std::int64_t>(report.open.items.size()));
  fields["breach_count"] = Value(static_cast<std::int64_t>(report.breaches.size()));
  return fields;
}

}  // namespace propdesk
