// propdesk/workflow.hpp: an immutable, compiled workflow.
//
// A Workflow is what the loader makes of a YAML file: names interned to small integers, every
// reference resolved and type-checked, transitions indexed by (state, event). It is immutable once
// built and safe to share between threads (hold it by std::shared_ptr<const Workflow>).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/action.hpp"
#include "propdesk/condition.hpp"
#include "propdesk/export.hpp"
#include "propdesk/field.hpp"
#include "propdesk/sla_clock.hpp"
#include "propdesk/source_location.hpp"
#include "propdesk/value.hpp"
#include "propdesk/workflow_ids.hpp"

namespace propdesk {

/// A state of the workflow.
struct PROPDESK_API StateDef {
  std::string name;
  std::string label;        ///< display label, e.g. "待派单"; empty if none
  bool initial = false;
  bool final = false;
  SourceLocation where;
};

/// A declared role (front_desk, repairer, ...). `system` always exists: timers and escalations act
/// as it.
struct PROPDESK_API RoleDef {
  std::string name;
  SourceLocation where;
};

/// A transition as written: fired by `event` in any of `from`, it moves to `to` (or stays, for an
/// internal transition) if the actor's role is admitted, the `requires` inputs are present and the
/// `when` condition holds. Several transitions may share (state, event): they are tried in file order.
struct PROPDESK_API Transition {
  EventId event = 0;
  std::vector<StateId> from;      ///< expanded: `any` lists every non-final state
  bool from_any = false;          ///< written as `from: any`
  std::optional<StateId> to;      ///< nullopt: stay in the current state
  RoleMask roles = 0;             ///< admitted roles; see any_role
  bool any_role = true;           ///< no `roles` key: every role is admitted
  std::vector<FieldId> required_inputs;  ///< `requires`: fields the event's input must carry
  std::optional<Condition> when;
  std::vector<Action> actions;
  std::optional<Duration> after;  ///< fired by the system after this long in the from state
  std::string label;              ///< shown on the edge instead of the event name; may be empty
  SourceLocation where;

  /// True when a role is admitted.
  [[nodiscard]] bool admits(RoleId role) const { return any_role || (roles >> role) & 1U; }
};

/// The plain parts a Workflow is compiled from. The loader fills one in; tests and generators may
/// too. Ids inside refer to positions in these vectors.
struct PROPDESK_API WorkflowParts {
  std::string name;
  int version = 1;
  std::string title;
  std::string description;
  std::string prefix;  ///< ticket code prefix, e.g. "BX" for BX-20261126-0001
  std::vector<FieldDef> fields;
  std::vector<RoleDef> roles;
  std::vector<StateDef> states;
  std::vector<std::string> events;
  std::vector<Transition> transitions;
  std::vector<ClockDef> clocks;
  EscalationDef escalation;
  std::vector<TemplateDef> templates;
  SourceLocation where;  ///< the file (line 0)
  /// The exact YAML text the workflow was loaded from; empty for a workflow built in code. Stores
  /// keep it so that every version stays loadable after its file is replaced (see Engine).
  std::string source_text;
  /// Hex SHA-256 of source_text (64 lowercase digits); Workflow::compile() computes it when it is
  /// empty and source_text is not. Empty when source_text is.
  std::string source_hash;
};

/// The compiled workflow. Construct with Workflow::compile().
class PROPDESK_API Workflow {
 public:
  /// Builds the lookup indexes. The parts must be consistent (every id in range, exactly one
  /// initial state); the loader guarantees that, and compile() throws std::invalid_argument
  /// otherwise.
  static std::shared_ptr<const Workflow> compile(WorkflowParts parts);

  [[nodiscard]] const std::string& name() const { return p_.name; }
  [[nodiscard]] int version() const { return p_.version; }
  [[nodiscard]] const std::string& title() const { return p_.title; }
  [[nodiscard]] const std::string& description() const { return p_.description; }
  [[nodiscard]] const std::string& prefix() const { return p_.prefix; }
  [[nodiscard]] const SourceLocation& where() const { return p_.where; }
  /// The YAML text this workflow was loaded from ("" for one built in code) and its hex SHA-256.
  [[nodiscard]] const std::string& source_text() const { return p_.source_text; }
  [[nodiscard]] const std::string& source_hash() const { return p_.source_hash; }

  [[nodiscard]] std::span<const FieldDef> fields() const { return p_.fields; }
  [[nodiscard]] std::span<const RoleDef> roles() const { return p_.roles; }
  [[nodiscard]] std::span<const StateDef> states() const { return p_.states; }
  [[nodiscard]] std::span<const std::string> events() const { return p_.events; }
  [[nodiscard]] std::span<const Transition> transitions() const { return p_.transitions; }
  [[nodiscard]] std::span<const ClockDef> clocks() const { return p_.clocks; }
  [[nodiscard]] const EscalationDef& escalation() const { return p_.escalation; }
  [[nodiscard]] std::span<const TemplateDef> templates() const { return p_.templates; }

  [[nodiscard]] const FieldDef& field(FieldId id) const { return p_.fields[id]; }
  [[nodiscard]] const StateDef& state(StateId id) const { return p_.states[id]; }
  [[nodiscard]] const std::string& event(EventId id) const { return p_.events[id]; }
  [[nodiscard]] const RoleDef& role(RoleId id) const { return p_.roles[id]; }

  /// Name lookups; nullopt when unknown.
  [[nodiscard]] std::optional<FieldId> find_field(std::string_view name) const;
  [[nodiscard]] std::optional<StateId> find_state(std::string_view name) const;
  [[nodiscard]] std::optional<EventId> find_event(std::string_view name) const;
  [[nodiscard]] std::optional<RoleId> find_role(std::string_view name) const;
  [[nodiscard]] std::optional<ClockId> find_clock(std::string_view name) const;
  [[nodiscard]] const TemplateDef* find_template(std::string_view name) const;

  [[nodiscard]] StateId initial_state() const { return initial_; }
  /// Ids of the built-in fields.
  [[nodiscard]] FieldId severity_field() const { return severity_; }
  [[nodiscard]] FieldId assignee_field() const { return assignee_; }
  [[nodiscard]] RoleId system_role() const { return system_; }

  /// The transitions to try for `event` in `state`, as indexes into transitions(), in file order.
  /// Empty when the event is not allowed there. O(1) for workflows of up to 65,536 (state, event)
  /// pairs, O(log k) in the number of events of the state beyond.
  [[nodiscard]] std::span<const std::uint32_t> candidates(StateId state, EventId event) const {
    // Inline: this is the first step of every event's path.
    if (!dense_.empty()) {
      if (state >= n_states_ || event >= n_events_) return {};
      const auto [begin, count] = dense_[std::size_t{state} * n_events_ + event];
      return {order_.data() + begin, count};
    }
    return sparse_candidates(state, event);
  }

  /// What the engine's hot path needs of one candidate, packed so that choosing a transition reads
  /// one small array instead of the full Transition records.
  struct Candidate {
    RoleMask roles;         ///< admitted roles; all bits set when the transition admits any role
    const Condition* when;  ///< null when unconditional
    std::uint32_t transition;  ///< index into transitions()
    StateId to;             ///< the resolved target: the transition's `to`, or this state if it stays
  };
  /// candidates() in the packed form, same order.
  [[nodiscard]] std::span<const Candidate> packed_candidates(StateId state, EventId event) const {
    const auto c = candidates(state, event);
    return {packed_.data() + (c.data() - order_.data()), c.size()};
  }

  /// The events that have at least one transition out of `state`, ascending by id.
  [[nodiscard]] std::vector<EventId> events_from(StateId state) const;

 private:
  struct Slot {
    EventId event;
    std::uint32_t begin;  // into order_
    std::uint32_t count;
  };
  Workflow() = default;
  [[nodiscard]] std::span<const std::uint32_t> sparse_candidates(StateId state, EventId event) const;

  WorkflowParts p_;
  StateId initial_ = 0;
  FieldId severity_ = 0;
  FieldId assignee_ = 0;
  RoleId system_ = 0;
  std::vector<std::uint32_t> state_begin_;  // per state: first Slot in slots_; size states+1
  std::vector<Slot> slots_;                 // sorted by event within a state
  std::vector<std::uint32_t> order_;        // transition indexes in file order per slot
  // For workflows of modest size (states x events <= kDenseLimit) a direct table replaces the
  // binary search: dense_[state * events + event] = {begin into order_, count}.
  static constexpr std::size_t kDenseLimit = 1 << 16;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> dense_;
  std::vector<Candidate> packed_;  // parallel to order_
  std::size_t n_states_ = 0;
  std::size_t n_events_ = 0;
  std::map<std::string, FieldId, std::less<>> field_ids_;
  std::map<std::string, StateId, std::less<>> state_ids_;
  std::map<std::string, EventId, std::less<>> event_ids_;
  std::map<std::string, RoleId, std::less<>> role_ids_;
  std::map<std::string, ClockId, std::less<>> clock_ids_;
  std::map<std::string, std::size_t, std::less<>> template_ids_;
};

}  // namespace propdesk
