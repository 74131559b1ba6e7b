#include "engine/timed_transitions.hpp"

namespace propdesk {

namespace {
bool leaves(const Transition& tr, StateId state) {
  for (StateId from : tr.from)
    if (from == state) return true;
  return false;
}
}  // namespace

void schedule_timed_transitions(const Workflow& w, std::optional<StateId> left, StateId entered,
                                TimePoint at, TimerChanges& timers) {
  const auto transitions = w.transitions();
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    const Transition& tr = transitions[i];
    if (!tr.after) continue;
    if (leaves(tr, entered)) {
      timers.schedule.push_back({0, timed_transition_key(i), at + *tr.after});
    } else if (left && leaves(tr, *left)) {
      timers.cancel.push_back(timed_transition_key(i));
    }
  }
}

}  // namespace propdesk
