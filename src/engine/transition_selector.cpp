#include "engine/transition_selector.hpp"

#include <string>

namespace propdesk {

namespace {
std::string list_events(const Workflow& w, StateId state) {
  std::string out;
  for (EventId e : w.events_from(state)) out += (out.empty() ? "" : ", ") + w.event(e);
  return out.empty() ? "none: it is final" : out;
}

std::string admitted_roles(const Workflow& w, std::span<const std::uint32_t> candidates) {
  RoleMask mask = 0;
  for (auto index : candidates) {
    const Transition& t = w.transitions()[index];
    if (t.any_role) return "any role";
    mask |= t.roles;
  }
  std::string out;
  for (RoleId r = 0; r < w.roles().size(); ++r)
    if ((mask >> r) & 1U) out += (out.empty() ? "" : ", ") + w.role(r).name;
  return out;
}
}  // namespace

Rejection explain_no_transition(const Workflow& w, StateId state, EventId event, std::optional<RoleId> role,
                                const Transition* blocked, const FieldLookup& lookup) {
  const auto candidates = w.candidates(state, event);
  if (candidates.empty()) {
    return Rejection{Rejection::Reason::kWrongState,
                     "event '" + w.event(event) + "' is not allowed in state '" + w.state(state).name +
                         "' (allowed there: " + list_events(w, state) + ")",
                     {}, {}};
  }
  if (blocked != nullptr) {
    const Condition* failed = first_failure(*blocked->when, lookup);
    const std::string text = describe(failed ? *failed : *blocked->when, w);
    return Rejection{Rejection::Reason::kConditionFailed,
                     "event '" + w.event(event) + "' in state '" + w.state(state).name +
                         "': condition not met: " + text,
                     {}, text};
  }
  return Rejection{Rejection::Reason::kRoleNotPermitted,
                   (role ? "role '" + w.role(*role).name + "'" : std::string("that role")) + " may not fire '" +
                       w.event(event) + "' in state '" + w.state(state).name + "' (allowed: " +
                       admitted_roles(w, candidates) + ")",
                   {}, {}};
}

}  // namespace propdesk
