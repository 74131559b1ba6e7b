// Step 4 of a fire, for `{assign: {strategy: NAME, role: ROLE, skill_field: FIELD}}`: who is
// eligible, and whom the strategy chooses among them.
//
// Eligible are, for a strategy whose pool is the staff, the people of the roster with the role
// (everyone without one) who handle the ticket's skill (the skill field's value; none needed when
// the action names no field or the field has no value) and whose open orders are below their cap;
// for the actor's pool (grab), the actor alone, on the same conditions. The strategy then picks
// one (or nobody, saying why). With no staff at all, a grab makes the actor the assignee as
// `{assign: actor}` does; a strategy choosing among the staff finds nobody.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "engine/staff_roster.hpp"
#include "propdesk/action.hpp"
#include "propdesk/dispatch_strategy.hpp"
#include "propdesk/result.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// Whom a strategy chose, and why; journaled with the change.
struct Assignment {
  std::string assignee;
  std::string strategy;
  std::string reason;  ///< the strategy's one line
};

/// What is being dispatched.
struct DispatchRequest {
  const Workflow& workflow;
  const AssignAction& action;  ///< from == kStrategy
  const Ticket& ticket;        ///< the ticket as the transition is changing it (input applied)
  const Actor& actor;
  TimePoint at;                ///< the instant of the change (duty is read at it)
};

/// A person's open orders, the ticket being dispatched aside.
using OpenOrderCount = std::function<std::uint32_t(const std::string& person)>;

/// The assignment, or a Rejection (kNobodyEligible, field "assignee") saying why nobody could be
/// chosen (also when the strategy throws, or answers an index out of range). Throws what
/// `open_orders` throws (StoreError).
Result<Assignment> choose_assignee(const StaffRoster& staff, DispatchStrategy& strategy,
                                   const OpenOrderCount& open_orders, const DispatchRequest& request);

}  // namespace propdesk
