// Evaluation and description of transition conditions.
#include "propdesk/condition.hpp"

#include "propdesk/workflow.hpp"
#include "workflow/condition_eval.hpp"

namespace propdesk {

namespace {

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

bool evaluate(const Condition& c, const FieldLookup& lookup) { return evaluate_condition(c, lookup); }

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
    default: return condition_detail::test_leaf(c, lookup(c.field)) ? nullptr : &c;
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
