#include "propdesk/engine_setup.hpp"

#include "propdesk/complaint_rule.hpp"

namespace propdesk {

EngineOptions engine_options(const EngineConfig& config, std::shared_ptr<const Clock> clock) {
  EngineOptions options;
  options.clock = std::move(clock);
  options.calendars = config.calendars;
  options.staff = config.staff;
  for (const ComplaintRuleConfig& rule : config.complaint_rules)
    options.severity_rules.push_back(std::make_shared<const ComplaintRule>(rule));
  options.notifications = notification_routing(config.notifiers);
  return options;
}

NotificationRouting notification_routing(const std::vector<NotifierConfig>& notifiers) {
  NotificationRouting routing;
  for (const NotifierConfig& n : notifiers) {
    NotificationChannel channel;
    channel.name = n.name;
    channel.roles = n.roles;
    channel.people = n.people;
    channel.render.trusted = n.trusted;
    channel.render.link_base = n.link_base;
    routing.channels.push_back(std::move(channel));
  }
  return routing;
}

std::vector<Diagnostic> load_workflows(Engine& engine, const EngineConfig& config) {
  std::vector<Diagnostic> findings;
  for (const WorkflowSource& source : config.workflows) {
    std::vector<Diagnostic> more = engine.load_workflow_file(source.file);
    findings.insert(findings.end(), std::make_move_iterator(more.begin()),
                    std::make_move_iterator(more.end()));
  }
  return findings;
}

}  // namespace propdesk
