// propdesk/workflow_validator.hpp: graph checks on a compiled workflow.
#pragma once

#include <vector>

#include "propdesk/diagnostic.hpp"
#include "propdesk/export.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// Checks the shape of a workflow's state graph. Conditions are not evaluated: every transition is
/// taken as possible. Findings, each with its place in the file:
///   error   unreachable-state     a state no path from the initial state reaches
///   error   dead-end-state        a non-final state from which no final state can be reached
///   error   final-has-exit        a final state with an outgoing transition
///   error   shadowed-transition   a transition an earlier unconditional one (same state, event, and
///                                 admitting at least the same roles) always wins over
///   error   clock-stop-unreachable  no stop state of a clock can be reached from its start states
///   warning clock-pause-unreachable a pause state of a clock is not between its start and stop
///   warning unused-role           a declared role no transition admits
///   warning no-final-state        the workflow has no final state at all (every ticket open forever)
/// The result is sorted by position. Thread-safe.
PROPDESK_API std::vector<Diagnostic> validate_workflow(const Workflow& workflow);

}  // namespace propdesk
