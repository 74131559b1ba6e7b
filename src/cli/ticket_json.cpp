#include "cli/ticket_json.hpp"

#include "propdesk/pii_mask.hpp"

namespace propdesk::cli {

namespace {
std::string state_label(const Workflow* workflow, const std::string& state) {
  if (workflow == nullptr) return {};
  auto id = workflow->find_state(state);
  return id ? workflow->state(*id).label : std::string();
}
}  // namespace

Json value_json(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return nullptr;
    case Value::Kind::kBool:
      return value.as_bool();
    case Value::Kind::kInt:
      return value.as_int();
    case Value::Kind::kNumber:
      return value.as_number();
    case Value::Kind::kString:
      return value.as_string();
    case Value::Kind::kTime:
      return format_time(value.as_time());
  }
  return nullptr;
}

Json fields_json(const Fields& fields, const Workflow* workflow, bool show_pii) {
  Json out = Json::object();
  for (const auto& [name, value] : present_fields(fields, workflow, show_pii))
    out[name] = value_json(value);
  return out;
}

Json ticket_json(const Ticket& ticket, const Workflow* workflow, bool show_pii) {
  Json out;
  out["id"] = ticket.id;
  out["code"] = ticket.code;
  out["workflow"] = ticket.workflow;
  out["workflow_version"] = ticket.workflow_version;
  out["state"] = ticket.state;
  out["state_label"] = state_label(workflow, ticket.state);
  out["severity"] = ticket.severity;
  out["assignee"] = ticket.assignee;
  out["fields"] = fields_json(ticket.fields, workflow, show_pii);
  out["created_at"] = format_time(ticket.created_at);
  out["updated_at"] = format_time(ticket.updated_at);
  out["version"] = ticket.version;
  Json clocks = Json::array();
  for (const SlaClockState& c : ticket.clocks) {
    Json clock;
    clock["name"] = c.name;
    clock["phase"] = c.phase == SlaClockState::Phase::kRunning  ? "running"
                     : c.phase == SlaClockState::Phase::kPaused ? "paused"
                                                                : "stopped";
    clock["started_at"] = format_time(c.started_at);
    clock["target_seconds"] = c.target.count();
    clock["due"] = c.due ? Json(format_time(*c.due)) : Json();
    clock["warned"] = c.warned;
    clock["breached"] = c.breached;
    clocks.push_back(std::move(clock));
  }
  out["clocks"] = std::move(clocks);
  return out;
}

Json entry_json(const JournalEntry& entry, const Workflow* workflow, bool show_pii) {
  Json out;
  out["ticket"] = entry.ticket;
  out["seq"] = entry.seq;
  out["at"] = format_time(entry.at);
  out["actor"] = {{"id", entry.actor.id}, {"role", entry.actor.role}};
  out["event"] = entry.event;
  out["from_state"] = entry.from_state;
  out["to_state"] = entry.to_state;
  out["input"] = fields_json(entry.input, workflow, show_pii);
  out["prev_hash"] = entry.prev_hash;
  out["hash"] = entry.hash;
  return out;
}

Json transitioned_json(const Transitioned& done, const Workflow* workflow, bool show_pii) {
  Json notes = Json::array();
  for (const auto& n : done.notifications) {
    notes.push_back({{"to", n.to}, {"to_role", n.to_role}, {"template", n.template_name}});
  }
  Json out;
  out["event"] = done.event;
  out["transition"] = done.transition;
  out["from_state"] = done.from_state;
  out["to_state"] = done.to_state;
  out["closed"] = done.closed;
  out["notifications"] = std::move(notes);
  out["ticket"] = ticket_json(done.ticket, workflow, show_pii);
  return out;
}

Json rejection_json(const Rejection& rejection) {
  Json inner;
  inner["reason"] = std::string(to_string(rejection.reason));
  inner["message"] = rejection.message;
  inner["field"] = rejection.field;
  inner["condition"] = rejection.condition;
  Json out;
  out["rejected"] = std::move(inner);
  return out;
}

Json problem_json(const JournalProblem& problem, const std::string& code) {
  Json out;
  out["ticket"] = problem.ticket;
  out["code"] = code;
  out["seq"] = problem.seq;
  out["reason"] = problem.reason;
  return out;
}

}  // namespace propdesk::cli
