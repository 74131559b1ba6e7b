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
  return options;
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
