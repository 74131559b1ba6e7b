// propdesk/escalation_rule.hpp: deciding whether a ticket is a general or a major matter.
//
// "对一般性投诉问题及突发事故，需做好与相关部门的协调，及时妥善处理。对重大投诉问题以及重大突发事故必要时可及时向公司经理汇报":
// general complaints are handled with the departments concerned, major ones go to the manager. A
// workflow names the rule that classifies its tickets (`escalation: {severity_rule: NAME}`); the
// engine asks the rule when a ticket is created and after every change, and raises the ticket to
// major (never lowers it) when the rule says so, journaling the reason. Rules are built in (the
// complaint rule, configured in propdesk.yaml) or come from plugins.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "propdesk/ticket.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

/// What a rule may look at besides the ticket: the desk's other tickets, read-only.
class RuleContext {
 public:
  virtual ~RuleContext() = default;
  /// The current time (the engine's clock).
  [[nodiscard]] virtual TimePoint now() const = 0;
  /// Tickets of `workflow` whose string field "location" equals `location` exactly and that were
  /// created at or after `since`, oldest first, at most `limit`.
  [[nodiscard]] virtual std::vector<Ticket> tickets_at(std::string_view workflow,
                                                       std::string_view location, TimePoint since,
                                                       std::size_t limit) const = 0;
};

/// A rule's answer.
struct SeverityVerdict {
  bool major = false;
  /// Why, in one line a person can read in the journal ("keyword '漏水' in description"); empty
  /// when general.
  std::string reason;
};

/// Classifies tickets. Implementations must be thread-safe (classify is called concurrently) and
/// must not throw; a rule that cannot decide answers general.
class EscalationRule {
 public:
  virtual ~EscalationRule() = default;
  /// The name workflows use in `severity_rule:`.
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// Classifies `ticket` (its fields, severity and SLA clocks as they are after the change).
  [[nodiscard]] virtual SeverityVerdict classify(const Ticket& ticket,
                                                 const RuleContext& context) const = 0;
};

}  // namespace propdesk
