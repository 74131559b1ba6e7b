// KEY=VALUE arguments turned into typed field values, by the types the workflow declares.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "propdesk/field.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk::cli {

/// Converts the text of one value by the field's type: int and number as decimal numbers, bool as
/// true/false, time as ISO 8601 (no offset means +08:00, the desk's zone), enum/string/text as
/// given. Throws CliError naming the field and the expected form when the text does not convert.
/// Whether the value is allowed (enum member, range, length) is left to the engine.
Value parse_field_value(const FieldDef& field, std::string_view text);

/// Converts KEY=VALUE arguments. A key the workflow does not declare is passed on as a string, so
/// that the engine rejects it with its own message (and suggestion). Throws CliError for an
/// argument without '=', an empty key, a key given twice or a value that does not convert.
Fields parse_field_arguments(const Workflow& workflow, const std::vector<std::string>& arguments);

}  // namespace propdesk::cli
