// Steps 2 and 3 of an event's path: which transition of (state, event) fires for this actor.
// Pure: no store, no clock; the dispatch benchmark measures exactly this.
#pragma once

#include <optional>

#include "propdesk/condition.hpp"
#include "propdesk/result.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// The first candidate transition of (state, event), in file order, whose roles admit `role` and
/// whose `when` holds; otherwise a Rejection saying why (kWrongState, kRoleNotPermitted naming
/// the roles that could, or kConditionFailed naming the failing condition). `role` is nullopt
/// when the actor's role is not a role of the workflow. Required inputs are not checked here.
Result<const Transition*> select_transition(const Workflow& workflow, StateId state, EventId event,
                                            std::optional<RoleId> role, const FieldLookup& lookup);

}  // namespace propdesk
