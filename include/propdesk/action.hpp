// propdesk/action.hpp: what a transition does besides changing the state.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/source_location.hpp"
#include "propdesk/value.hpp"
#include "propdesk/workflow_ids.hpp"

namespace propdesk {

/// `{set: {field: value, ...}}`: set fields to constants (type-checked at load time).
struct SetFieldsAction {
  std::vector<std::pair<FieldId, Value>> assignments;
};

/// `{unset: [field, ...]}`: clear fields.
struct UnsetFieldsAction {
  std::vector<FieldId> fields;
};

/// `{assign: actor}` makes the firing actor the assignee (a repairer grabbing an order);
/// `{assign: none}` clears the assignee (an order returned to the pool);
/// `{assign: <field>}` copies a string field's value into the assignee;
/// `{assign: {strategy: NAME, role: ROLE, skill_field: FIELD}}` lets a dispatch strategy
/// (dispatch_strategy.hpp) choose the assignee when the transition fires: among the engine's staff
/// with the role (every person on the staff without one), who handle the ticket's value of the
/// skill field (no skill needed without one, or when the field has no value), below their cap of
/// open orders. The engine refuses a workflow naming a strategy it does not have.
struct AssignAction {
  enum class From { kActor, kNone, kField, kStrategy };
  From from = From::kActor;
  FieldId field = 0;  ///< for kField
  std::string strategy;               ///< for kStrategy: the strategy's name
  std::optional<RoleId> role;         ///< for kStrategy: the staff role to choose among
  std::optional<FieldId> skill_field;  ///< for kStrategy: a string or enum field naming the skill
};

/// `{notify: {to: <role or field>, template: <name>}}`: queue a notification. `to` names a role
/// (everyone configured for that role) or a string field holding a person (e.g. `assignee`).
struct NotifyAction {
  bool to_role = true;
  RoleId role = 0;    ///< when to_role
  FieldId field = 0;  ///< when !to_role
  std::string template_name;  ///< a key of the workflow's `templates`
};

/// One action of a transition, with its place in the file.
struct PROPDESK_API Action {
  std::variant<SetFieldsAction, UnsetFieldsAction, AssignAction, NotifyAction> what;
  SourceLocation where;
};

}  // namespace propdesk
