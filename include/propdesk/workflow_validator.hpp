// propdesk/workflow_validator.hpp: graph checks on a compiled workflow.
#pragma once

#include <vector>

#include "propdesk/diagnostic.hpp"
#include "propdesk/export.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// Checks the shape of a workflow's state graph. Conditions are not evaluated: every transition is
/// taken as possible, and one without `to` is a loop on its state. Findings, each with its place in
/// the file:
///   error   unreachable-state: a state no path from the initial state reaches (at the state)
///   error   dead-end-state: a non-final state from which no final state can be reached (at the
///           state; not reported when the workflow has no final state at all)
///   error   final-has-exit: a final state with an outgoing transition, internal ones included (at
///           the transition; `from: any` never includes final states)
///   error   shadowed-transition: a transition an earlier unconditional one (same state and event,
///           admitting at least the same roles) always wins over; once per transition, naming the
///           earlier one's line
///   error   clock-stop-unreachable: no stop state of a clock can be reached from its start states
///           (at the clock)
///   warning clock-pause-unreachable: a pause state of a clock is not between its start and stop,
///           i.e. not reachable from a start without passing a stop, or unable to reach a stop (at
///           the clock; skipped when the stop itself is unreachable)
///   warning unused-role: a declared role that no transition lists in `roles` and no `notify`
///           action or escalation step notifies (never the built-in `system`)
///   warning no-final-state: the workflow has no final state at all, so every ticket stays open
///           forever (at the file)
/// The result is sorted by position (file, line, column). Runs in about linear time in states plus
/// transitions. Thread-safe; does not throw except std::bad_alloc.
PROPDESK_API std::vector<Diagnostic> validate_workflow(const Workflow& workflow);

}  // namespace propdesk
