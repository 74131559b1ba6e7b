// Timed transitions (`after: 48h`): the timers that fire them.
//
// Entering a state (any transition with `to`, also back into the same state) sets one timer per
// timed transition out of that state, due `after` from the moment of entry, and removes the
// timers of the state left. A transition that stays (no `to`) changes nothing. Timer keys are
// "after:<transition index>" (workflow/timed_transition_key.hpp).
#pragma once

#include <optional>

#include "propdesk/timer.hpp"
#include "propdesk/workflow.hpp"
#include "workflow/timed_transition_key.hpp"

namespace propdesk {

/// Adds to `timers` what entering `entered` at `at` from `left` (nullopt at creation) changes.
void schedule_timed_transitions(const Workflow& workflow, std::optional<StateId> left,
                                StateId entered, TimePoint at, TimerChanges& timers);

}  // namespace propdesk
