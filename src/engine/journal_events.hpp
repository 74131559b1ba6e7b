// The journal events the engine writes itself, besides "create" and the workflows' own events.
// The workflow loader reserves these names, so a workflow cannot declare an event of the same name.
#pragma once

#include <string_view>

namespace propdesk {

inline constexpr std::string_view kSlaWarningEvent = "sla_warning";
inline constexpr std::string_view kSlaBreachedEvent = "sla_breached";
inline constexpr std::string_view kEscalationEvent = "escalation";
inline constexpr std::string_view kSeverityRaisedEvent = "severity_raised";

/// The actor of everything the engine does by itself (timers, escalation, severity rules).
inline constexpr std::string_view kSystemActor = "system";

}  // namespace propdesk
