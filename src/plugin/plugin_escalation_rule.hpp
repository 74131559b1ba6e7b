// A plugin's escalation rule (propdesk_escalation_rule) as an EscalationRule. A rule that fails or
// throws answers "general" (the EscalationRule contract) and the failure is reported as a plugin
// message.
#pragma once

#include <memory>
#include <string>

#include "plugin/plugin_call.hpp"
#include "propdesk/escalation_rule.hpp"
#include "propdesk/plugin_api.h"
#include "propdesk/plugin_registry.hpp"

namespace propdesk::plugin {

class PluginEscalationRule final : public EscalationRule {
 public:
  /// `table` was checked (name valid, classify set); its `user` is owned from here on.
  PluginEscalationRule(const propdesk_escalation_rule& table, std::string name, std::string origin,
                       std::shared_ptr<PluginRegistry::MessageSink> sink);
  [[nodiscard]] std::string_view name() const override { return name_; }
  [[nodiscard]] SeverityVerdict classify(const Ticket& ticket, const RuleContext& context) const override;

 private:
  propdesk_escalation_rule table_;
  std::string name_;
  std::string origin_;
  std::shared_ptr<PluginRegistry::MessageSink> sink_;
  OwnedUser user_;
};

}  // namespace propdesk::plugin
