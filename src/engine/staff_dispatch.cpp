#include "engine/staff_dispatch.hpp"

#include "engine/ticket_fields.hpp"

namespace propdesk {

namespace {

Rejection nobody(std::string why) {
  return Rejection{Rejection::Reason::kNobodyEligible, std::move(why), "assignee", {}};
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// A person the checks let through, with what the strategy sees.
DispatchCandidate candidate(const StaffRoster& staff, const StaffMember& p, std::uint32_t open, TimePoint at) {
  return {p.id, staff.on_duty(p, at), open, p.skills};
}

// What the action asks of a person: a role (may be empty) and a skill (may be empty).
struct Need {
  std::string role;
  std::string skill;

  [[nodiscard]] std::string who() const {
    return role.empty() ? std::string("everyone on the staff") : "everyone with role " + quoted(role);
  }
};

Need need_of(const DispatchRequest& r) {
  Need need;
  if (r.action.role) need.role = r.workflow.role(*r.action.role).name;
  if (r.action.skill_field) {
    const Value skill = read_field(r.ticket, r.workflow.field(*r.action.skill_field).name);
    if (!skill.is_null()) need.skill = skill.to_string();
  }
  return need;
}

std::string load_text(std::uint32_t open, std::optional<std::uint32_t> cap) {
  return std::to_string(open) + " of " + std::to_string(cap.value_or(0));
}

// Whom the checks let through, and who was left out at their cap ("wangshifu 2 of 2").
struct Pool {
  std::vector<DispatchCandidate> candidates;
  std::vector<std::string> at_cap;
};

// The staff's pool: role, then skill, then cap; every step that empties it says so.
Result<Pool> staff_pool(const StaffRoster& staff, const OpenOrderCount& open_orders, const DispatchRequest& r,
                        const Need& need) {
  if (staff.empty())
    return nobody("no staff is configured (staff: in propdesk.yaml), so strategy " + quoted(r.action.strategy) +
                  " has nobody to choose from");
  const std::vector<const StaffMember*> with_role = staff.with_role(need.role);
  if (with_role.empty()) return nobody("nobody on the staff has role " + quoted(need.role));
  std::vector<const StaffMember*> skilled;
  for (const StaffMember* p : with_role)
    if (StaffRoster::handles(*p, need.skill)) skilled.push_back(p);
  if (skilled.empty()) return nobody(need.who() + " lacks the skill " + quoted(need.skill));
  Pool out;
  for (const StaffMember* p : skilled) {
    const std::uint32_t open = open_orders(p->id);
    const auto cap = staff.cap(*p);
    if (cap && open >= *cap) {
      out.at_cap.push_back(p->id + " " + load_text(open, cap));
      continue;
    }
    out.candidates.push_back(candidate(staff, *p, open, r.at));
  }
  if (out.candidates.empty()) {
    return nobody(need.who() + (need.skill.empty() ? "" : " who handles " + quoted(need.skill)) +
                  " is at their cap of open orders (" + joined(out.at_cap) + ")");
  }
  return out;
}

// The actor's pool (grab): the actor, on the same conditions.
Result<Pool> actor_pool(const StaffRoster& staff, const OpenOrderCount& open_orders, const DispatchRequest& r,
                        const Need& need) {
  const std::string& id = r.actor.id;
  if (staff.empty()) return Pool{{{id, true, open_orders(id), {}}}, {}};
  const std::string cannot = id + " cannot take this ticket: ";
  const StaffMember* p = staff.find(id);
  if (p == nullptr) return nobody(cannot + "not on the staff list");
  if (!need.role.empty() && !StaffRoster::has_role(*p, need.role))
    return nobody(cannot + "not a " + need.role + " on the staff list (roles: " + joined(p->roles) + ")");
  if (!StaffRoster::handles(*p, need.skill))
    return nobody(cannot + "does not handle " + quoted(need.skill) + " (skills: " + joined(p->skills) + ")");
  const std::uint32_t open = open_orders(id);
  const auto cap = staff.cap(*p);
  if (cap && open >= *cap)
    return nobody(cannot + "already has " + std::to_string(open) + " open orders, the cap is " + std::to_string(*cap));
  return Pool{{candidate(staff, *p, open, r.at)}, {}};
}

}  // namespace

Result<Assignment> choose_assignee(const StaffRoster& staff, DispatchStrategy& strategy,
                                   const OpenOrderCount& open_orders, const DispatchRequest& request) {
  const Need need = need_of(request);
  auto pool = strategy.pool() == DispatchPool::kActor ? actor_pool(staff, open_orders, request, need)
                                                       : staff_pool(staff, open_orders, request, need);
  if (!pool.ok()) return pool.rejection();
  const std::vector<DispatchCandidate>& candidates = pool.value().candidates;
  const std::string name(strategy.name());
  DispatchChoice choice;
  try {
    choice = strategy.choose(request.ticket, candidates);
  } catch (const std::exception& e) {  // the contract says it must not; a fire must not fail for it
    return nobody("strategy " + quoted(name) + " failed: " + e.what());
  }
  if (choice.chosen && *choice.chosen >= candidates.size()) {
    return nobody("strategy " + quoted(name) + " chose candidate " + std::to_string(*choice.chosen) + " of " +
                  std::to_string(candidates.size()));
  }
  if (!choice.chosen) {
    const std::string why = choice.reason.empty() ? "it gave no reason" : choice.reason;
    const std::vector<std::string>& at_cap = pool.value().at_cap;
    return nobody("strategy " + quoted(name) + " chose nobody: " + why +
                  (at_cap.empty() ? "" : "; at their cap: " + joined(at_cap)));
  }
  return Assignment{candidates[*choice.chosen].id, name, choice.reason};
}

}  // namespace propdesk
