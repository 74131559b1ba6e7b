// propdesk/condition.hpp: guards on transitions, written as data in the workflow file.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/source_location.hpp"
#include "propdesk/value.hpp"
#include "propdesk/workflow_ids.hpp"

namespace propdesk {

class Workflow;

/// A condition tree. Leaves test one field; inner nodes combine children.
///
/// YAML spelling (see docs/workflow-language.md):
///   {paid: true}                      kEq
///   {satisfaction: {gte: 3}}          kGe (also eq, ne, lt, lte, gt)
///   {category: {in: [a, b]}}          kIn (not_in: kNotIn)
///   {callback_at: {set: true}}        kSet (false: kUnset)
///   {all: [...]}, {any: [...]}, {not: {...}}
/// A mapping with several keys means all of them.
struct PROPDESK_API Condition {
  // Groups first, then leaves: evaluation tests `op >= kEq` to recognise a leaf.
  enum class Op { kAll, kAny, kNot, kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn, kSet, kUnset };

  Op op = Op::kAll;
  FieldId field = 0;                ///< leaves: the field tested
  std::vector<Value> operands;      ///< kEq..kGe: one value; kIn/kNotIn: the list; else empty
  std::vector<Condition> children;  ///< kAll/kAny: any number; kNot: exactly one
  SourceLocation where;
};

/// Gives the current value of a field (ticket fields overlaid with the event's input), or nullptr
/// when the field has no value.
using FieldLookup = std::function<const Value*(FieldId)>;

/// Evaluates a condition. A comparison with a field that has no value is false (kNe and kNotIn
/// included); kUnset is true for it. Never throws.
PROPDESK_API bool evaluate(const Condition& condition, const FieldLookup& lookup);

/// Finds the first leaf that makes the condition false, for rejection messages; nullptr when the
/// condition holds. For kAny it returns the first failing child's leaf; for kNot the kNot node.
PROPDESK_API const Condition* first_failure(const Condition& condition, const FieldLookup& lookup);

/// Human-readable form, e.g. "satisfaction >= 3", "category in [plumbing, electrical]",
/// "all(paid == true, amount > 0)".
PROPDESK_API std::string describe(const Condition& condition, const Workflow& workflow);

}  // namespace propdesk
