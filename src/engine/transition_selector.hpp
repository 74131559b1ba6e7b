// Steps 2 and 3 of an event's path: which transition of (state, event) fires for this actor.
// Pure: no store, no clock; the dispatch benchmark measures exactly this. The hot path is a
// template over the field lookup (no std::function call per condition leaf); explaining a
// rejection is out of line.
#pragma once

#include <cstdint>
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

namespace selector_detail {

enum class Verdict : std::uint8_t { kFalse, kTrue, kUnknown };

// Three-way comparison as an outcome index for Workflow::Test::holds: 0 less, 1 equal, 2 greater.
[[gnu::always_inline]] inline unsigned three_way(std::int64_t a, std::int64_t b) {
  return static_cast<unsigned>((a > b) - (a < b) + 1);
}

// The outcome of comparing a value of the test's kind with its operand, for the kinds after
// int and bool (time, number, string).
[[gnu::noinline]] inline unsigned compare_other(const Workflow::Test& t, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kTime: return three_way(v.as_time().time_since_epoch().count(), t.operand.i);
    case Value::Kind::kNumber: {
      const double a = v.as_number();
      const double b = t.operand.d;
      return a < b ? 0U : a == b ? 1U : a > b ? 2U : 3U;
    }
    case Value::Kind::kString: {
      const int c = v.as_string().compare(*t.operand.s);
      return static_cast<unsigned>((c > 0) - (c < 0) + 1);
    }
    default: return 3U;  // not reached: compiled tests have one of these kinds
  }
}

// One compiled leaf; kUnknown when the field's value is of another kind than the operand (an int
// compared with a number, say): the caller then evaluates the condition tree.
[[gnu::always_inline]] inline Verdict test(const Workflow::Test& t, const Value* v) {
  const bool present = v != nullptr && !v->is_null();
  if (t.mode != Workflow::Test::kCompare)
    return present == (t.mode == Workflow::Test::kSet) ? Verdict::kTrue : Verdict::kFalse;
  if (!present) return Verdict::kFalse;
  const Value::Kind kind = v->kind();
  if (static_cast<std::uint8_t>(kind) != t.kind) return Verdict::kUnknown;
  // Tested in the order of how common they are in guards; no jump table on the hot path.
  unsigned outcome;
  if (kind == Value::Kind::kInt)
    outcome = three_way(v->as_int(), t.operand.i);
  else if (kind == Value::Kind::kBool)
    outcome = three_way(v->as_bool() ? 1 : 0, t.operand.i);
  else
    outcome = compare_other(t, *v);
  return (t.holds >> outcome) & 1U ? Verdict::kTrue : Verdict::kFalse;
}

// Whether the candidate's `when` holds (true for an unconditional candidate).
template <typename Lookup>
[[gnu::always_inline]] inline bool guard_holds(const Workflow& workflow, const Workflow::Candidate& c,
                                               const Lookup& lookup) {
  if (c.n_tests == 0) return true;
  if (c.n_tests != Workflow::Candidate::kGeneralGuard) {
    const Workflow::Test* t = workflow.tests() + c.first_test;
    const Workflow::Test* const end = t + c.n_tests;
    for (; t != end; ++t) {
      const Verdict v = test(*t, lookup(t->field));
      if (v == Verdict::kFalse) return false;
      if (v == Verdict::kUnknown) [[unlikely]]
        break;
    }
    if (t == end) return true;
  }
  return evaluate_condition(*workflow.transitions()[c.transition].when, lookup);
}

}  // namespace selector_detail

template <typename Lookup>
[[gnu::always_inline]] inline Result<Selection> select_transition(const Workflow& workflow, StateId state,
                                                                  EventId event, std::optional<RoleId> role,
                                                                  const Lookup& lookup) {
  const Transition* blocked = nullptr;
  if (role) {
    const RoleMask bit = RoleMask{1} << *role;
    // No run is a run of count 0 whose first candidate admits no role: the loop ends at once.
    const Workflow::CandidateRun* run = workflow.any_run(state, event);
    // The first candidate is read from the run itself; the others, rarely needed, from packed().
    const Workflow::Candidate* c = &run->first;
    for (std::uint32_t i = 1;; ++i) {
      if ((c->roles & bit) != 0) {
        if (selector_detail::guard_holds(workflow, *c, lookup))
          return Selection{&workflow.transitions()[c->transition], c->to};
        if (blocked == nullptr) blocked = &workflow.transitions()[c->transition];
      }
      if (i >= run->count) break;
      c = workflow.packed() + run->begin + i;
    }
  }
  return explain_no_transition(workflow, state, event, role, blocked,
                               [&lookup](FieldId id) { return lookup(id); });
}

}  // namespace propdesk
