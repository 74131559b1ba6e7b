// Condition evaluation as a template over the lookup, so that the engine's hot path (and the
// dispatch benchmark) call the lookup directly instead of through std::function. The public
// propdesk::evaluate() is this template instantiated for FieldLookup.
#pragma once

#include "propdesk/condition.hpp"

namespace propdesk {

namespace condition_detail {

// Equality with the common same-kind cases compared directly (no variant visitation).
[[gnu::always_inline]] inline bool same(const Value& a, const Value& b) {
  if (a.kind() == b.kind()) {
    switch (a.kind()) {
      case Value::Kind::kBool: return a.as_bool() == b.as_bool();
      case Value::Kind::kInt: return a.as_int() == b.as_int();
      case Value::Kind::kString: return a.as_string() == b.as_string();
      default: break;
    }
  }
  return a == b;
}

[[gnu::always_inline]] inline bool test_leaf(const Condition& c, const Value* v) {
  using Op = Condition::Op;
  if (c.op == Op::kSet) return v != nullptr && !v->is_null();
  if (c.op == Op::kUnset) return v == nullptr || v->is_null();
  if (v == nullptr || v->is_null()) return false;
  switch (c.op) {
    case Op::kEq: return same(*v, c.operands[0]);
    case Op::kNe: return !same(*v, c.operands[0]);
    case Op::kLt: return (*v <=> c.operands[0]) == std::partial_ordering::less;
    case Op::kLe: {
      const auto o = *v <=> c.operands[0];
      return o == std::partial_ordering::less || o == std::partial_ordering::equivalent;
    }
    case Op::kGt: return (*v <=> c.operands[0]) == std::partial_ordering::greater;
    case Op::kGe: {
      const auto o = *v <=> c.operands[0];
      return o == std::partial_ordering::greater || o == std::partial_ordering::equivalent;
    }
    case Op::kIn:
    case Op::kNotIn: {
      bool found = false;
      for (const auto& operand : c.operands) found = found || *v == operand;
      return c.op == Op::kIn ? found : !found;
    }
    default: return false;
  }
}

}  // namespace condition_detail

template <typename Lookup>
bool evaluate_group(const Condition& c, const Lookup& lookup);

/// evaluate() for any callable `const Value*(FieldId)`. Leaves, the common case, are tested inline;
/// only all / any / not recurse.
template <typename Lookup>
[[gnu::always_inline]] inline bool evaluate_condition(const Condition& c, const Lookup& lookup) {
  if (c.op >= Condition::Op::kEq) return condition_detail::test_leaf(c, lookup(c.field));
  return evaluate_group(c, lookup);
}

template <typename Lookup>
bool evaluate_group(const Condition& c, const Lookup& lookup) {
  switch (c.op) {
    case Condition::Op::kAll:
      for (const auto& child : c.children)
        if (!evaluate_condition(child, lookup)) return false;
      return true;
    case Condition::Op::kAny:
      for (const auto& child : c.children)
        if (evaluate_condition(child, lookup)) return true;
      return false;
    case Condition::Op::kNot: return !evaluate_condition(c.children.front(), lookup);
    default: return condition_detail::test_leaf(c, lookup(c.field));
  }
}

}  // namespace propdesk
