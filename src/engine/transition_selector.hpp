// Steps 2 and 3 of an event's path: which transition of (state, event) fires for this actor.
// Pure: no store, no clock; the dispatch benchmark measures exactly this. The hot path is a
// template over the field lookup (no std::function call per condition leaf); explaining a
// rejection is out of line.
#pragma once

#include <optional>

#include "propdesk/condition.hpp"
#include "propdesk/result.hpp"
#include "propdesk/workflow.hpp"
#include "workflow/condition_eval.hpp"

namespace propdesk {

/// Why no candidate of (state, event) fired: kWrongState when there is none, kConditionFailed for
/// `blocked` (the first candidate the role admitted whose `when` failed), else kRoleNotPermitted.
Rejection explain_no_transition(const Workflow& workflow, StateId state, EventId event,
                                std::optional<RoleId> role, const Transition* blocked,
                                const FieldLookup& lookup);

/// The first candidate transition of (state, event), in file order, whose roles admit `role` and
/// whose `when` holds; otherwise a Rejection saying why (kWrongState, kRoleNotPermitted naming
/// the roles that could, or kConditionFailed naming the failing condition). `role` is nullopt
/// when the actor's role is not a role of the workflow. Required inputs are not checked here.
/// `lookup` is any callable `const Value*(FieldId)`.
/// The transition chosen for an event, and the state it leads to (resolved: a transition without
/// `to` stays in the current state).
struct Selection {
  const Transition* transition;
  StateId to;
};

template <typename Lookup>
[[gnu::always_inline]] inline Result<Selection> select_transition(const Workflow& workflow, StateId state, EventId event,
                                            std::optional<RoleId> role, const Lookup& lookup) {
  const Transition* blocked = nullptr;
  if (role) {
    const RoleMask bit = RoleMask{1} << *role;
    for (const Workflow::Candidate& c : workflow.packed_candidates(state, event)) {
      if ((c.roles & bit) == 0) continue;
      if (c.when != nullptr && !evaluate_condition(*c.when, lookup)) {
        if (blocked == nullptr) blocked = &workflow.transitions()[c.transition];
        continue;
      }
      return Selection{&workflow.transitions()[c.transition], c.to};
    }
  }
  return explain_no_transition(workflow, state, event, role, blocked,
                               [&lookup](FieldId id) { return lookup(id); });
}

}  // namespace propdesk
