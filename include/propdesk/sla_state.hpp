// propdesk/sla_state.hpp: where one SLA clock of one ticket stands.
//
// A workflow declares its clocks (propdesk/sla_clock.hpp: starts, stops, pauses_in, targets,
// calendar). Each ticket carries the state of every clock that has started for it; the engine
// updates it on every change and commits it with the ticket, so a restart neither loses nor
// repeats a warning, a breach or an escalation step.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "propdesk/value.hpp"

namespace propdesk {

/// One clock of one ticket, for its current run. A run begins when the ticket enters one of the
/// clock's `starts` states while the clock is not running (a fresh run: elapsed, flags and steps
/// reset) and ends when it enters a `stops` state.
struct SlaClockState {
  enum class Phase : std::uint8_t {
    kRunning,  ///< counting business time since `since`
    kPaused,   ///< in a `pauses_in` state since `since`; not counting
    kStopped,  ///< the run ended at `since`
  };

  std::string name;  ///< the clock's name in the workflow
  Phase phase = Phase::kRunning;
  TimePoint started_at;  ///< when this run began
  /// Running: when the current counting stretch began. Paused or stopped: when that happened.
  TimePoint since;
  /// Business time (on the clock's calendar) counted before `since`.
  Duration elapsed{0};
  /// The business time this run may take before it is breached, for the ticket's severity (or,
  /// with `due_at`, up to the chosen time); 0 when the clock has no target.
  Duration target{0};
  /// When the run will reach its target, as last computed (running clocks only); for reports and
  /// "next deadline" displays. nullopt when paused, stopped, or without a target.
  std::optional<TimePoint> due;
  bool warned = false;    ///< the warning point (the clock's `warn_at`) was crossed in this run
  bool breached = false;  ///< the target was crossed in this run
  /// Escalation ladder steps done in this run: bit i is step i of the workflow's ladder.
  std::uint64_t steps_done = 0;

  friend bool operator==(const SlaClockState&, const SlaClockState&) = default;
};

}  // namespace propdesk
