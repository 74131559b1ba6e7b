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

Result<const Transition*> select_transition(const Workflow& w, StateId state, EventId event,
                                            std::optional<RoleId> role, const FieldLookup& lookup) {
  const auto candidates = w.candidates(state, event);
  if (candidates.empty()) {
    return Rejection{Rejection::Reason::kWrongState,
                     "event '" + w.event(event) + "' is not allowed in state '" + w.state(state).name +
                         "' (allowed there: " + list_events(w, state) + ")",
                     {}, {}};
  }
  const Transition* role_ok_but_blocked = nullptr;
  for (auto index : candidates) {
    const Transition& t = w.transitions()[index];
    if (!role || !t.admits(*role)) continue;
    if (t.when && !evaluate(*t.when, lookup)) {
      if (!role_ok_but_blocked) role_ok_but_blocked = &t;
      continue;
    }
    return &t;
  }
  if (role_ok_but_blocked != nullptr) {
    const Condition* failed = first_failure(*role_ok_but_blocked->when, lookup);
    const std::string text = describe(failed ? *failed : *role_ok_but_blocked->when, w);
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
