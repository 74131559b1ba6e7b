#include "cli/ticket_printer.hpp"

#include <algorithm>
#include <set>

#include "cli/local_time.hpp"
#include "cli/text_columns.hpp"
#include "propdesk/pii_mask.hpp"

namespace propdesk::cli {

namespace {

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string field_string(const Fields& fields, std::string_view name) {
  auto it = fields.find(name);
  return it == fields.end() || it->second.is_null() ? std::string() : it->second.to_string();
}

// What the ticket is about, for one-line listings: the first text field that is set.
std::string summary(const Fields& fields) {
  for (const char* name : {"description", "question"}) {
    if (auto s = field_string(fields, name); !s.empty()) return s;
  }
  return {};
}

std::string display_value(const Value& value) {
  return value.kind() == Value::Kind::kTime ? format_local(value.as_time()) : value.to_string();
}

// Events some role could fire now, in the workflow's order (or for one role).
std::vector<std::string> next_events(const Engine& engine, const Workflow& workflow,
                                     const Ticket& ticket, const std::optional<std::string>& role) {
  if (role) return engine.available_events(ticket, *role);
  std::set<std::string> seen;
  for (const RoleDef& r : workflow.roles()) {
    for (auto& e : engine.available_events(ticket, r.name)) seen.insert(std::move(e));
  }
  std::vector<std::string> out;
  for (const std::string& e : workflow.events())
    if (seen.contains(e)) out.push_back(e);
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

}  // namespace

std::string state_text(const Workflow* workflow, const std::string& state) {
  if (workflow != nullptr) {
    if (auto id = workflow->find_state(state); id && !workflow->state(*id).label.empty())
      return state + " " + workflow->state(*id).label;
  }
  return state;
}

std::string input_text(const Fields& input, const Workflow* workflow, bool show_pii,
                       std::size_t max_width) {
  std::string out;
  for (const auto& [name, value] : present_fields(input, workflow, show_pii)) {
    out += (out.empty() ? "" : " ") + name + "=" + display_value(value);
  }
  return max_width == 0 ? out : truncate_to_width(out, max_width);
}

void print_ticket(std::ostream& out, const Engine& engine, const Ticket& ticket, bool show_pii,
                  const std::optional<std::string>& role) {
  const auto workflow = engine.workflow(ticket.workflow, ticket.workflow_version);
  const Workflow* w = workflow.get();
  out << ticket.code << "  " << ticket.workflow << " v" << ticket.workflow_version;
  if (w != nullptr && !w->title().empty()) out << "  " << w->title();
  out << "  (id " << ticket.id << ", version " << ticket.version << ")\n";

  TextTable head("  ");
  head.add_row({"state", state_text(w, ticket.state)});
  head.add_row({"severity", ticket.severity});
  head.add_row({"assignee", or_dash(ticket.assignee)});
  head.add_row({"created", format_local(ticket.created_at) + " +08:00"});
  head.add_row({"updated", format_local(ticket.updated_at) + " +08:00"});
  head.print(out);

  out << "  fields\n";
  TextTable fields("    ");
  for (const auto& [name, value] : present_fields(ticket.fields, w, show_pii)) {
    std::string label;
    if (w != nullptr) {
      if (auto id = w->find_field(name)) label = w->field(*id).label;
    }
    fields.add_row({name, label, display_value(value)});
  }
  fields.print(out);

  if (!ticket.clocks.empty()) {
    out << "  clocks\n";
    TextTable clocks("    ");
    for (const SlaClockState& c : ticket.clocks) {
      const char* phase = c.phase == SlaClockState::Phase::kRunning  ? "running"
                          : c.phase == SlaClockState::Phase::kPaused ? "paused"
                                                                     : "stopped";
      std::string status = c.breached ? "breached" : c.warned ? "warned" : "";
      clocks.add_row({c.name, phase, c.target.count() > 0 ? format_duration(c.target) : "-",
                      c.due && c.phase == SlaClockState::Phase::kRunning ? "due " + format_local(*c.due) : "",
                      status});
    }
    clocks.print(out);
  }

  if (w == nullptr) {
    out << "  (workflow '" << ticket.workflow << "' v" << ticket.workflow_version
        << " is not loaded: labels unknown, every field but location masked)\n";
    return;
  }
  const auto events = next_events(engine, *w, ticket, role);
  out << "  next" << (role ? " for " + *role : std::string()) << ": "
      << (events.empty() ? std::string("none (final state)") : join(events, ", ")) << '\n';
}

void print_ticket_list(std::ostream& out, const Engine& engine, const std::vector<Ticket>& tickets,
                       bool show_pii) {
  TextTable table;
  table.add_row({"CODE", "STATE", "SEVERITY", "ASSIGNEE", "LOCATION", "UPDATED", "SUMMARY"});
  for (const Ticket& t : tickets) {
    const auto w = engine.workflow(t.workflow, t.workflow_version);
    const Fields shown = present_fields(t.fields, w.get(), show_pii);
    table.add_row({t.code, state_text(w.get(), t.state), t.severity, or_dash(t.assignee),
                   or_dash(field_string(shown, "location")), format_local(t.updated_at),
                   truncate_to_width(summary(shown), 36)});
  }
  table.print(out);
  out << tickets.size() << (tickets.size() == 1 ? " ticket\n" : " tickets\n");
}

void print_history(std::ostream& out, const std::vector<JournalEntry>& entries,
                   const Workflow* workflow, bool show_pii, const std::string& indent,
                   std::size_t max_input_width) {
  TextTable table(indent);
  table.add_row({"#", "TIME (+08:00)", "ACTOR", "EVENT", "FROM -> TO", "INPUT"});
  for (const JournalEntry& e : entries) {
    std::string move = "-> " + state_text(workflow, e.to_state);
    if (e.from_state == e.to_state) {
      move = state_text(workflow, e.to_state) + " (stays)";
    } else if (!e.from_state.empty()) {
      move = state_text(workflow, e.from_state) + " " + move;
    }
    table.add_row({std::to_string(e.seq), format_local(e.at), e.actor.id + ":" + e.actor.role,
                   e.event, move, input_text(e.input, workflow, show_pii, max_input_width)});
  }
  table.print(out);
}

}  // namespace propdesk::cli
