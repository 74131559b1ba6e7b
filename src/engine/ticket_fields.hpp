// Reading and writing a ticket's fields by name, built-ins (severity, assignee) included.
#pragma once

#include <string_view>

#include "propdesk/ticket.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

/// Writes a field: `severity` and `assignee` go to their ticket members (null: "general" and
/// nobody), other fields to Ticket::fields (null removes the field).
void put_field(Ticket& ticket, std::string_view name, const Value& value);

/// Reads a field the same way (null when absent or, for assignee, nobody).
Value read_field(const Ticket& ticket, std::string_view name);

}  // namespace propdesk
