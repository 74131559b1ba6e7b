// propdesk/sla_clock.hpp: the declaration of an SLA clock and of the escalation ladder.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/source_location.hpp"
#include "propdesk/value.hpp"
#include "propdesk/workflow_ids.hpp"

namespace propdesk {

/// An SLA clock: it runs while a ticket is in a state between `starts` and `stops`, stands still in
/// `pauses_in`, and is measured on the named business calendar (empty: around the clock).
/// The target may differ by severity; `due_at` names a time field that overrides the target's end
/// (the callback time the resident chose).
struct PROPDESK_API ClockDef {
  std::string name;
  std::vector<StateId> starts;
  std::vector<StateId> stops;
  std::vector<StateId> pauses_in;
  std::optional<Duration> target_general;  ///< target for general tickets
  std::optional<Duration> target_major;    ///< target for major tickets (defaults to general's)
  std::string calendar;                    ///< calendar name; empty = 24x7
  std::optional<FieldId> due_at;           ///< a `time` field
  /// The warning point, in percent of the target, 1..99: crossing it journals `sla_warning` once
  /// per run; counting more than the target journals `sla_breached`. Without `warn_at` in the
  /// workflow: 80% for a clock without `due_at`, none (nullopt) for a clock with one, whose
  /// reminder is a ladder step at 100% (the chosen time) instead.
  std::optional<int> warn_at = kDefaultWarnAt;
  static constexpr int kDefaultWarnAt = 80;
  SourceLocation where;

  /// The target for a ticket of the given severity (major falls back to general).
  [[nodiscard]] std::optional<Duration> target(bool major) const {
    return major && target_major ? target_major : target_general;
  }
};

/// One step of the ladder: when `clock` reaches `percent` of its target (`at: N%`), or when it is
/// breached (`at: breach`, `at_breach`), do what the step says. `only_major` limits the step to
/// major tickets.
struct PROPDESK_API EscalationStep {
  ClockId clock = 0;
  int percent = 100;  ///< 0..1000; 0 = as soon as the clock runs (and, for a major-only step, as
                      ///< soon as the ticket is major). Not used by a step `at_breach` (the
                      ///< loader leaves it at 100, the percent its threshold is journalled at).
  /// `at: breach`: the step is reached when its clock's run is breached, at the instant the run
  /// journals `sla_breached` (the first second past its target, in the run's counting) and right
  /// after that entry; once per run like any step, and never for a run without a target.
  bool at_breach = false;
  std::vector<RoleId> notify;               ///< roles to notify
  std::vector<std::pair<FieldId, Value>> set;  ///< fields to set
  std::optional<EventId> fire;              ///< event to fire as the system actor
  bool only_major = false;
  SourceLocation where;
};

/// The `escalation` section: the severity rule (a plugin or built-in name) and the ladder.
struct PROPDESK_API EscalationDef {
  std::string severity_rule;  ///< empty: every ticket stays general unless set explicitly
  std::vector<EscalationStep> ladder;  ///< at most kMaxLadderSteps (64) steps
  SourceLocation where;
};

/// A notification template: `{{field}}` placeholders are checked at load time.
struct PROPDESK_API TemplateDef {
  std::string name;
  std::string subject;
  std::string body;
  SourceLocation where;
};

}  // namespace propdesk
