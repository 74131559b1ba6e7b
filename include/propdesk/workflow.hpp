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
    const CandidateRun* run = candidate_run(state, event);
    if (run == nullptr) return {};
    return {order_.data() + run->begin, run->count};
  }

  /// A `when` leaf compiled for the hot path: a comparison of one field with a constant of a
  /// known kind, or a set/unset test. Conditions made only of such leaves, joined by `all` (or a
  /// mapping with several keys), are tested as a short array of these; any other condition is
  /// evaluated from its tree.
  struct Test {
    union Operand {
      std::int64_t i;        ///< kBool (0/1), kInt, kTime (seconds)
      double d;              ///< kNumber
      const std::string* s;  ///< kString
    } operand{};
    FieldId field = 0;
    std::uint8_t mode = 0;  ///< kCompare, kSet or kUnset
    std::uint8_t kind = 0;  ///< the operand's Value::Kind (kCompare only)
    /// kCompare: bit i set = the test holds when the field compares to the operand as i: 0 less,
    /// 1 equal, 2 greater, 3 unordered (NaN).
    std::uint8_t holds = 0;
    static constexpr std::uint8_t kCompare = 0;
    static constexpr std::uint8_t kSet = 1;
    static constexpr std::uint8_t kUnset = 2;
  };

  /// What the engine's hot path needs of one candidate, packed so that choosing a transition reads
  /// one small array instead of the full Transition records.
  struct Candidate {
    RoleMask roles;            ///< admitted roles; all bits set when the transition admits any role
    std::uint32_t transition;  ///< index into transitions()
    StateId to;                ///< the resolved target: the transition's `to`, or this state if it stays
    /// How many tests() from `first_test` make up `when` (all must hold); 0: unconditional;
    /// kGeneralGuard: `when` is evaluated from the transition's condition tree.
    std::uint8_t n_tests;
    std::uint32_t first_test;
    static constexpr std::uint8_t kGeneralGuard = 0xFF;
  };

  /// The candidates of one (state, event): the first one inline (the common case reads nothing
  /// else), all of them as packed()[begin, begin + count) and as order_ indexes in candidates().
  struct CandidateRun {
    Candidate first;
    std::uint32_t begin;
    std::uint32_t count;
  };
  static_assert(sizeof(CandidateRun) == 32, "dense_ rows are indexed by shifting");

  /// The candidates of (state, event), or null when the event is not allowed in that state.
  [[nodiscard]] const CandidateRun* candidate_run(StateId state, EventId event) const {
    const CandidateRun* run = any_run(state, event);
    return run->count != 0 ? run : nullptr;
  }
  /// candidate_run(), except that "none" is a run of count 0 whose `first` admits no role, so
  /// that a caller can test the first candidate's roles before anything else. Inline: this is the
  /// first step of every event's path.
  [[nodiscard]] const CandidateRun* any_run(StateId state, EventId event) const {
    if (dense_table_ != nullptr) {
      if (state >= n_states_ || event >= n_events_) return &kNoRun;
      // dense_[state << event_shift_ | event], computed so that the part that depends on the
      // state (often just read from the previous transition) is one shift and one add.
      const char* column = reinterpret_cast<const char*>(dense_table_ + event);
      return reinterpret_cast<const CandidateRun*>(column + (std::size_t{state} << row_shift_));
    }
    return sparse_run(state, event);
  }
  /// Every candidate, by run (see CandidateRun).
  [[nodiscard]] const Candidate* packed() const { return packed_.data(); }
  /// The compiled leaves of every `when` (see Test, Candidate::first_test).
  [[nodiscard]] const Test* tests() const { return tests_.data(); }

  /// candidates() in the packed form, same order.
  [[nodiscard]] std::span<const Candidate> packed_candidates(StateId state, EventId event) const {
    const CandidateRun* run = candidate_run(state, event);
    if (run == nullptr) return {};
    return {packed_.data() + run->begin, run->count};
  }

  /// The events that have at least one transition out of `state`, ascending by id.
  [[nodiscard]] std::vector<EventId> events_from(StateId state) const;

 private:
  Workflow() = default;
  // Not copyable: packed_ and tests_ point into p_.
  Workflow(const Workflow&) = delete;
  Workflow& operator=(const Workflow&) = delete;
  [[nodiscard]] const CandidateRun* sparse_run(StateId state, EventId event) const;
  // The packed form of transition `index` as a candidate in `state`; appends its tests.
  Candidate pack(const Transition& t, std::uint32_t index, StateId state);

  WorkflowParts p_;
  StateId initial_ = 0;
  FieldId severity_ = 0;
  FieldId assignee_ = 0;
  RoleId system_ = 0;
  std::vector<std::uint32_t> state_begin_;  // per state: first run in runs_; size states+1
  std::vector<CandidateRun> runs_;          // sorted by event within a state
  std::vector<EventId> run_events_;         // parallel to runs_: the event of each run
  std::vector<std::uint32_t> order_;        // transition indexes in file order per run
  std::vector<Candidate> packed_;           // parallel to order_
  std::vector<Test> tests_;
  // For workflows of modest size (states x events <= kDenseLimit) a direct table replaces the
  // binary search: dense_[state << event_shift_ | event], a power-of-two row per state.
  static constexpr std::size_t kDenseLimit = 1 << 16;
  std::vector<CandidateRun> dense_;
  const CandidateRun* dense_table_ = nullptr;  // dense_.data(), or null when there is no table
  unsigned event_shift_ = 0;
  unsigned row_shift_ = 0;  // event_shift_ + log2(sizeof(CandidateRun)): a row of dense_ in bytes
  static constexpr CandidateRun kNoRun{{0, 0, 0, 0, 0}, 0, 0};
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
