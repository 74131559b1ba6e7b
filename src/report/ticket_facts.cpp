#include "report/ticket_facts.hpp"

namespace propdesk::report {

namespace {
const StateDef* find_state(const Workflow* workflow, std::string_view state) {
  if (workflow == nullptr) return nullptr;
  const auto id = workflow->find_state(state);
  return id ? &workflow->state(*id) : nullptr;
}
}  // namespace

bool is_final_state(const Workflow* workflow, std::string_view state) {
  const StateDef* s = find_state(workflow, state);
  return s != nullptr && s->final;
}

std::string state_label(const Workflow* workflow, std::string_view state) {
  const StateDef* s = find_state(workflow, state);
  return s == nullptr ? std::string() : s->label;
}

std::string string_field(const Fields& fields, std::string_view name) {
  const auto it = fields.find(name);
  return it != fields.end() && it->second.kind() == Value::Kind::kString ? it->second.as_string()
                                                                         : std::string();
}

std::optional<TimePoint> time_field(const Fields& fields, std::string_view name) {
  const auto it = fields.find(name);
  if (it == fields.end() || it->second.kind() != Value::Kind::kTime) return std::nullopt;
  return it->second.as_time();
}

}  // namespace propdesk::report
