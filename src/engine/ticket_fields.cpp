#include "engine/ticket_fields.hpp"

#include <string>

namespace propdesk {

void put_field(Ticket& t, std::string_view name, const Value& v) {
  if (name == "severity") {
    t.severity = v.is_null() ? "general" : v.as_string();
  } else if (name == "assignee") {
    t.assignee = v.is_null() ? std::string() : v.as_string();
  } else if (v.is_null()) {
    if (const auto it = t.fields.find(name); it != t.fields.end()) t.fields.erase(it);
  } else {
    t.fields.insert_or_assign(std::string(name), v);
  }
}

Value read_field(const Ticket& t, std::string_view name) {
  if (name == "severity") return Value(t.severity);
  if (name == "assignee") return t.assignee.empty() ? Value() : Value(t.assignee);
  const auto it = t.fields.find(name);
  return it == t.fields.end() ? Value() : it->second;
}

}  // namespace propdesk
