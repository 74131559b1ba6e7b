// propdesk/sla_threshold.hpp: a point an SLA clock reaches in a run (its warning, its breach, an
// escalation ladder step), and the instant it was reached.
//
// The SlaTracker (propdesk/sla_tracker.hpp) computes thresholds; the engine journals one entry per
// threshold (sla_warning, sla_breached, escalation step) with `reached_at` as the entry's time, so
// the journal shows when a deadline passed even when the engine processes it late.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>

#include "propdesk/value.hpp"
#include "propdesk/workflow_ids.hpp"

namespace propdesk {

/// One threshold of one run of one clock, reached at `reached_at`.
struct SlaThreshold {
  enum class Kind : std::uint8_t {
    kWarning,  ///< the clock's warning point (`warn_at`, 80% by default): journal `sla_warning`
    kBreach,   ///< past 100% of the run's target (the first second past it): journal `sla_breached`
    kStep,     ///< an escalation ladder step of this clock: do what the step says
  };

  ClockId clock = 0;       ///< index into Workflow::clocks()
  std::string clock_name;  ///< the clock's name in the workflow
  Kind kind = Kind::kBreach;
  /// kStep: the step's index in Workflow::escalation().ladder (also its bit in
  /// SlaClockState::steps_done). 0 for a warning or a breach.
  std::size_t step = 0;
  /// The threshold in percent of the run's target: the clock's `warn_at`, 100 (the breach, and a
  /// step `at: breach`), or the step's `at`.
  int percent = 100;
  /// The exact instant the threshold was reached (to the second). For a threshold that only
  /// became due at a change (the target shrank when the ticket became major, `due_at` moved, a
  /// major-only step that the ticket now owes) it is the instant of that change; for one that
  /// became due while the clock was paused, the instant it resumed.
  TimePoint reached_at;
  /// kStep: the step is `at: breach` (EscalationStep::at_breach): reached with its clock's breach,
  /// and ordered right after it.
  bool at_breach = false;

  friend bool operator==(const SlaThreshold&, const SlaThreshold&) = default;
};

/// "warning", "breach" or "step".
[[nodiscard]] constexpr const char* to_string(SlaThreshold::Kind kind) {
  switch (kind) {
    case SlaThreshold::Kind::kWarning: return "warning";
    case SlaThreshold::Kind::kBreach: return "breach";
    case SlaThreshold::Kind::kStep: return "step";
  }
  return "?";
}

}  // namespace propdesk
