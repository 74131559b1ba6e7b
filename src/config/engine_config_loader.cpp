// The engine configuration file: text -> YAML tree -> one reader per section -> EngineConfig.
#include <algorithm>
#include <tuple>

#include "config/config_path.hpp"
#include "config/config_sections.hpp"
#include "model/text_file.hpp"
#include "propdesk/engine_config.hpp"
#include "workflow/yaml_source.hpp"
#include "workflow/yaml_tree.hpp"

namespace propdesk {

namespace {

constexpr std::string_view kShape =
    "database, workflows, calendars, severity_rules, plugins, notifiers, staff (see "
    "docs/configuration.md)";

void read_root(ConfigContext& ctx, const YamlNode& root, EngineConfig& config) {
  YamlReader& r = ctx.reader;
  r.check_keys(root,
               {"database", "workflows", "calendars", "severity_rules", "plugins", "notifiers",
                "staff"},
               "the engine configuration");
  if (const YamlNode* n = root.find("database"); n != nullptr && !n->is_null()) {
    if (auto path = read_config_path(ctx, *n, "database", PathKind::kNewFile))
      config.database = std::move(*path);
  }
  if (const YamlNode* n = root.find("workflows")) read_workflow_section(ctx, *n, config.workflows);
  if (const YamlNode* n = root.find("calendars")) read_calendar_section(ctx, *n, config.calendars);
  if (const YamlNode* n = root.find("severity_rules"))
    read_severity_rule_section(ctx, *n, config.complaint_rules);
  if (const YamlNode* n = root.find("plugins")) read_plugin_section(ctx, *n, config.plugins);
  if (const YamlNode* n = root.find("notifiers")) read_notifier_section(ctx, *n, config.notifiers);
  // After the calendars, which shifts name.
  if (const YamlNode* n = root.find("staff")) read_staff_section(ctx, *n, config.calendars, config.staff);
}

// This file's findings by position, then those of the files it refers to, in the order found.
void sort_findings(std::vector<Diagnostic>& diagnostics, const std::string& source_name) {
  std::stable_sort(
      diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        const bool other_a = a.where.file != source_name;
        const bool other_b = b.where.file != source_name;
        if (other_a || other_b) return !other_a && other_b;
        return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
      });
}

EngineConfigLoadResult load(std::string_view text, const std::string& source_name,
                            const std::filesystem::path& base_dir,
                            const std::filesystem::path& self, const LoadLimits& limits) {
  EngineConfigLoadResult result;
  const std::optional<YamlDocument> doc =
      parse_yaml_source(text, source_name, limits, result.diagnostics);
  if (!doc) return result;
  const YamlNode* root = doc->root;
  YamlReader reader(source_name, result.diagnostics);
  if (root == nullptr || root->is_null()) {
    reader.error_at(
        {source_name, 1, 1}, "empty-file",
        "the file is empty; an engine configuration is a mapping with keys " + std::string(kShape));
    return result;
  }
  if (!root->is_map()) {
    reader.error(*root, "not-a-mapping",
                 "an engine configuration is a mapping with keys " + std::string(kShape) +
                     ", not " + root->describe());
    return result;
  }
  ConfigContext ctx{reader, result.diagnostics, base_dir, self, limits};
  EngineConfig config;
  read_root(ctx, *root, config);
  sort_findings(result.diagnostics, source_name);
  if (!has_errors(result.diagnostics)) result.config = std::move(config);
  return result;
}

}  // namespace

EngineConfigLoadResult load_engine_config_string(std::string_view text, std::string source_name,
                                                 const std::filesystem::path& base_dir,
                                                 const LoadLimits& limits) {
  return load(text, source_name, base_dir, {}, limits);
}

EngineConfigLoadResult load_engine_config_file(const std::filesystem::path& path,
                                               const LoadLimits& limits) {
  TextFile file = read_text_file(path, limits.max_bytes, "an engine configuration file");
  if (!file.text) {
    EngineConfigLoadResult r;
    r.diagnostics.push_back(std::move(file.error));
    return r;
  }
  return load(*file.text, path.string(), path.parent_path(), path, limits);
}

}  // namespace propdesk
