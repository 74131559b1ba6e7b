// The sections of the engine configuration file, one reader each (one .cpp per section). Each
// appends what it reads to the configuration and its findings to ctx.out; none throws except
// std::bad_alloc.
#pragma once

#include <optional>
#include <vector>

#include "config/config_context.hpp"
#include "propdesk/calendar_set.hpp"
#include "propdesk/complaint_rule.hpp"
#include "propdesk/engine_config.hpp"
#include "workflow/yaml_tree.hpp"

namespace propdesk {

/// `workflows:` a path or a list of paths, each a workflow file or a folder of them
/// (workflow_section.cpp).
void read_workflow_section(ConfigContext& ctx, const YamlNode& node,
                           std::vector<WorkflowSource>& out);

/// `calendars:` name -> {file: PATH} or an inline calendar mapping (calendar_section.cpp).
void read_calendar_section(ConfigContext& ctx, const YamlNode& node, CalendarSet& out);

/// `severity_rules:` name -> {type: ..., settings of that type} (severity_rule_section.cpp).
void read_severity_rule_section(ConfigContext& ctx, const YamlNode& node,
                                std::vector<ComplaintRuleConfig>& out);

/// The settings of one `type: complaint` rule named by `key` (complaint_rule_reader.cpp).
std::optional<ComplaintRuleConfig> read_complaint_rule(ConfigContext& ctx, const YamlNode& key,
                                                       const YamlNode& rule);

/// `plugins:` {paths, load} (plugin_section.cpp).
void read_plugin_section(ConfigContext& ctx, const YamlNode& node, PluginConfig& out);

/// `notifiers:` name -> {type, settings, roles, people, trusted, link_base, retry}
/// (notifier_section.cpp).
void read_notifier_section(ConfigContext& ctx, const YamlNode& node,
                           std::vector<NotifierConfig>& out);
/// `staff:` {max_open, people: id -> {roles, skills, max_open, shift, on_duty}}; a shift must name
/// one of `calendars` (staff_section.cpp).
void read_staff_section(ConfigContext& ctx, const YamlNode& node, const CalendarSet& calendars,
                        StaffConfig& out);

}  // namespace propdesk
