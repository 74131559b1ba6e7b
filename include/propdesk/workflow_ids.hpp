// propdesk/workflow_ids.hpp: the small integers a compiled workflow interns its names to.
#pragma once

#include <cstddef>
#include <cstdint>

namespace propdesk {

using StateId = std::uint16_t;  ///< index into Workflow::states()
using EventId = std::uint16_t;  ///< index into Workflow::events()
using FieldId = std::uint16_t;  ///< index into Workflow::fields()
using RoleId = std::uint8_t;    ///< index into Workflow::roles(); at most 64 roles
using ClockId = std::uint16_t;  ///< index into Workflow::clocks()
using RoleMask = std::uint64_t;  ///< bit i set = role i admitted

/// Limits the loader enforces (with a clear error) so that ids fit their types.
inline constexpr std::size_t kMaxRoles = 64;
inline constexpr std::size_t kMaxStates = 65535;
inline constexpr std::size_t kMaxEvents = 65535;
inline constexpr std::size_t kMaxFields = 65535;
/// Escalation ladder steps: a ticket's clock keeps one bit per step (SlaClockState::steps_done).
inline constexpr std::size_t kMaxLadderSteps = 64;

}  // namespace propdesk
