// Evaluation and description of transition conditions.
#include "propdesk/condition.hpp"

#include "propdesk/workflow.hpp"

namespace propdesk {

namespace {

bool test_leaf(const Condition& c, const Value* v) {
  using Op = Condition::Op;
  if (c.op == Op::kSet) return v != nullptr && !v->is_null();
  if (c.op == Op::kUnset) return v == nullptr || v->is_null();
  if (v == nullptr || v->is_null()) return false;
  switch (c.op) {
    case Op::kEq: return *v == c.operands[0];
    case Op::kNe: return !(*v == c.operands[0]);
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
      for (const auto& operand : c.operands)
        if (*v == operand) found = true;
      return c.op == Op::kIn ? found : !found;
    }
    default: return false;
  }
}

std::string_view op_text(Condition::Op op) {
  using Op = Condition::Op;
  switch (op) {
    case Op::kEq: return "==";
    case Op::kNe: return "!=";
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    case Op::kIn: return "in";
    case Op::kNotIn: return "not in";
    case Op::kSet: return "is set";
    case Op::kUnset: return "is not set";
    case Op::kAll: return "all";
    case Op::kAny: return "any";
    case Op::kNot: return "not";
  }
  return "?";
}

}  // namespace

bool evaluate(const Condition& c, const FieldLookup& lookup) {
  using Op = Condition::Op;
  switch (c.op) {
    case Op::kAll:
      for (const auto& child : c.children)
        if (!evaluate(child, lookup)) return false;
      return true;
    case Op::kAny:
      for (const auto& child : c.children)
        if (evaluate(child, lookup)) return true;
      return false;
    case Op::kNot: return !evaluate(c.children.front(), lookup);
    default: return test_leaf(c, lookup(c.field));
  }
}

const Condition* first_failure(const Condition& c, const FieldLookup& lookup) {
  using Op = Condition::Op;
  switch (c.op) {
    case Op::kAll:
      for (const auto& child : c.children)
        if (const Condition* f = first_failure(child, lookup)) return f;
      return nullptr;
    case Op::kAny:
      if (evaluate(c, lookup)) return nullptr;
      return c.children.empty() ? &c : first_failure(c.children.front(), lookup);
    case Op::kNot: return evaluate(c, lookup) ? nullptr : &c;
    default: return test_leaf(c, lookup(c.field)) ? nullptr : &c;
  }
}

std::string describe(const Condition& c, const Workflow& workflow) {
  using Op = Condition::Op;
  auto value_text = [&](const Value& v) {
    return v.kind() == Value::Kind::kString ? "'" + v.as_string() + "'" : v.to_string();
  };
  switch (c.op) {
    case Op::kAll:
    case Op::kAny: {
      if (c.children.size() == 1) return describe(c.children.front(), workflow);
      std::string out(op_text(c.op));
      out += '(';
      for (std::size_t i = 0; i < c.children.size(); ++i) {
        if (i) out += ", ";
        out += describe(c.children[i], workflow);
      }
      return out + ')';
    }
    case Op::kNot: return "not(" + describe(c.children.front(), workflow) + ")";
    case Op::kSet:
    case Op::kUnset: return workflow.field(c.field).name + " " + std::string(op_text(c.op));
    case Op::kIn:
    case Op::kNotIn: {
      std::string out = workflow.field(c.field).name + " " + std::string(op_text(c.op)) + " [";
      for (std::size_t i = 0; i < c.operands.size(); ++i) {
        if (i) out += ", ";
        out += value_text(c.operands[i]);
      }
      return out + "]";
    }
    default:
      return workflow.field(c.field).name + " " + std::string(op_text(c.op)) + " " +
             value_text(c.operands.front());
  }
}

}  // namespace propdesk
