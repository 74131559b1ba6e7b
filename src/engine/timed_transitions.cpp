#include "engine/timed_transitions.hpp"

#include <charconv>
#include <string>

namespace propdesk {

namespace {
constexpr std::string_view kPrefix = "after:";

bool leaves(const Transition& tr, StateId state) {
  for (StateId from : tr.from)
    if (from == state) return true;
  return false;
}
}  // namespace

std::string timed_transition_key(std::size_t index) {
  return std::string(kPrefix) + std::to_string(index);
}

std::optional<std::size_t> timed_transition_index(std::string_view key) {
  if (!key.starts_with(kPrefix)) return std::nullopt;
  key.remove_prefix(kPrefix.size());
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), index);
  if (error != std::errc() || end != key.data() + key.size() || key.empty()) return std::nullopt;
  return index;
}

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
