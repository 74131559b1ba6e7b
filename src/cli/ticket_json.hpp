// JSON for tickets, journal entries, rejections and journal problems: the --json output of every
// verb. Keys are fixed and appear in a fixed order; times are ISO 8601 UTC ("...Z"); personal
// fields are masked unless `show_pii` (see propdesk/pii_mask.hpp).
#pragma once

#include <nlohmann/json.hpp>

#include "propdesk/engine.hpp"
#include "propdesk/journal.hpp"
#include "propdesk/result.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk::cli {

using Json = nlohmann::ordered_json;

/// null, true/false, an integer, a number, a string, or a time as "2026-11-26T00:30:00Z".
Json value_json(const Value& value);
/// An object of the fields by name (sorted).
Json fields_json(const Fields& fields, const Workflow* workflow, bool show_pii);

/// {id, code, workflow, workflow_version, state, state_label, severity, assignee, fields,
///  created_at, updated_at, version}. `workflow` (may be null) supplies the state label and which
/// fields are personal.
Json ticket_json(const Ticket& ticket, const Workflow* workflow, bool show_pii);
/// {ticket, seq, at, actor: {id, role}, event, from_state, to_state, input, prev_hash, hash}.
Json entry_json(const JournalEntry& entry, const Workflow* workflow, bool show_pii);
/// {event, from_state, to_state, closed, notifications: [{to, to_role, template}], ticket}.
Json transitioned_json(const Transitioned& done, const Workflow* workflow, bool show_pii);
/// {rejected: {reason, message, field, condition}}; reason is the kebab-case code.
Json rejection_json(const Rejection& rejection);
/// {ticket, code, seq, reason}; `code` is "" when the ticket row itself is unreadable.
Json problem_json(const JournalProblem& problem, const std::string& code);

}  // namespace propdesk::cli
