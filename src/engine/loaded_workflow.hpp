// A workflow version as the engine runs it: the compiled workflow with its SLA tracker (clocks on
// the engine's calendars), its severity rule, resolved once when the version is added, and the
// engine's notification queue (which renders the notifications its changes ask for).
#pragma once

#include <memory>

#include "engine/notification_queue.hpp"
#include "propdesk/escalation_rule.hpp"
#include "propdesk/sla_tracker.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

struct LoadedWorkflow {
  std::shared_ptr<const Workflow> workflow;
  SlaTracker sla;                                    ///< on the engine's calendars
  std::shared_ptr<const EscalationRule> severity_rule;  ///< null: the workflow names none
  std::shared_ptr<const NotificationQueue> notifications;  ///< the engine's; never null
};

}  // namespace propdesk
