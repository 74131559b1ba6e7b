// A workflow version as the engine runs it: the compiled workflow with its SLA tracker (clocks on
// the engine's calendars) and its severity rule, resolved once when the version is added.
#pragma once

#include <memory>

#include "propdesk/escalation_rule.hpp"
#include "propdesk/sla_tracker.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

struct LoadedWorkflow {
  std::shared_ptr<const Workflow> workflow;
  SlaTracker sla;                                    ///< on the engine's calendars
  std::shared_ptr<const EscalationRule> severity_rule;  ///< null: the workflow names none
};

}  // namespace propdesk
