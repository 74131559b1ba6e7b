// Checking the fields a caller gives (at creation, or as an event's input) against a workflow.
#pragma once

#include <optional>

#include "propdesk/result.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// Every name must be a field of the workflow (built-ins included) and every value must pass the
/// field's check (type, enum, range, length, UTF-8). Null values are allowed (they clear a field).
/// Returns the first problem as a kInvalidInput rejection naming the field.
std::optional<Rejection> check_input(const Workflow& workflow, const Fields& fields);

/// For creation: applies defaults for absent fields, then reports the first required field that
/// has no value (kMissingInput naming it, as fire() does for a missing required input).
std::optional<Rejection> complete_for_creation(const Workflow& workflow, Fields& fields);

}  // namespace propdesk
