// What the reports read off a ticket and its workflow version: final states, labels, the
// location, typed fields. The workflow may be null (a version the lookup does not know).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "propdesk/ticket.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk::report {

/// Whether `state` is a final state of `workflow`; false for a null workflow or an unknown state.
bool is_final_state(const Workflow* workflow, std::string_view state);

/// The label of `state` in `workflow`, or "" (no label, unknown state, null workflow).
std::string state_label(const Workflow* workflow, std::string_view state);

/// The value of a string field, or "" when it is missing or not a string.
std::string string_field(const Fields& fields, std::string_view name);

/// The value of a time field, or nullopt when it is missing or not a time.
std::optional<TimePoint> time_field(const Fields& fields, std::string_view name);

/// The ticket's "location" (string field), or "".
inline std::string ticket_location(const Ticket& ticket) {
  return string_field(ticket.fields, "location");
}

}  // namespace propdesk::report
