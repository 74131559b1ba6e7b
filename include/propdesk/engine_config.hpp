// propdesk/engine_config.hpp: the engine configuration file (propdesk.yaml) -> EngineConfig.
//
// The file names the SQLite database, the workflow files, the business calendars, the built-in
// severity rules with their settings, the plugins to load and the notification channels.
// docs/configuration.md describes it; in short:
//
//   database: propdesk.db                     # the SQLite file
//   workflows: [repair.yaml, complaint.yaml]  # files, or folders of *.yaml files
//   calendars:
//     office: {file: calendars/office.yaml}   # a calendar file, or the calendar itself inline
//   severity_rules:
//     complaint_severity: {type: complaint, keywords: [漏水, 燃气], earlier_breach: true}
//   plugins:
//     paths: [plugins/]
//     load:
//       - {name: notify_webhook}
//   notifiers:                                # channel name -> notifier type, settings, routing
//     staff_group: {type: webhook, settings: {url: "https://..."}, roles: [supervisor, manager]}
//     repairers: {type: webhook, settings: {url: "https://..."}, people: true, trusted: true}
//       - {name: log, settings: {level: info}}
//   staff:                                    # whom dispatch strategies choose from
//     max_open: 5
//     people:
//       wangshifu: {name: 王师傅, roles: [repairer], skills: [plumbing], shift: office}
//
// Every key is optional. Paths are relative to the configuration file's folder. Every error is
// reported at file:line:column; errors in a calendar file (or an .ics file it includes) name that
// file and its line.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/calendar_set.hpp"
#include "propdesk/complaint_rule.hpp"
#include "propdesk/diagnostic.hpp"
#include "propdesk/export.hpp"
#include "propdesk/outbox.hpp"
#include "propdesk/source_location.hpp"
#include "propdesk/staff.hpp"
#include "propdesk/workflow_loader.hpp"  // LoadLimits

namespace propdesk {

/// The conventional name of the configuration file. A folder listed under `workflows:` contributes
/// its *.yaml files except one of this name, so the configuration can live beside the workflows.
inline constexpr std::string_view kEngineConfigFileName = "propdesk.yaml";

/// One workflow file to load.
struct PROPDESK_API WorkflowSource {
  std::filesystem::path file;  ///< resolved against the configuration file's folder
  SourceLocation listed_at;    ///< the `workflows:` entry that named it (or its folder)
};

/// One plugin to load.
struct PROPDESK_API PluginLoad {
  std::string name;                                          ///< [A-Za-z][A-Za-z0-9_]*
  std::map<std::string, std::string, std::less<>> settings;  ///< as written, every value as text
  SourceLocation where;                                      ///< the entry in the file
};

/// `plugins:`. The loader checks the shape only; finding and loading plugins is the plugin
/// layer's.
struct PROPDESK_API PluginConfig {
  std::vector<std::filesystem::path> paths;  ///< folders searched for plugins, resolved; existing
  std::vector<PluginLoad> load;              ///< in file order; names unique
};

/// One notification channel (`notifiers:` NAME: {...}): a notifier type provided by a plugin or
/// built in, its settings, what it takes and how it renders. The loader checks the shape; whether
/// the type exists and accepts the settings is checked when the channels are made
/// (propdesk/outbox_deliverer.hpp, delivery_channels()).
struct PROPDESK_API NotifierConfig {
  std::string name;                                          ///< [A-Za-z][A-Za-z0-9_]*
  std::string type;                                          ///< [a-z][a-z0-9_.-]*, e.g. webhook
  std::map<std::string, std::string, std::less<>> settings;  ///< as written, every value as text
  std::vector<std::string> roles;  ///< the roles it takes ("*": every role); may be empty
  bool people = false;             ///< it takes notifications addressed to a person
  bool trusted = false;            ///< it may see personal data unmasked
  std::string link_base;           ///< prefix of {{link}}; "" : no links
  RetryPolicy retry;               ///< `retry: {attempts, first_delay, max_delay}`
  SourceLocation where;            ///< the entry in the file
};

/// The engine configuration. Plain data.
struct PROPDESK_API EngineConfig {
  /// The SQLite database file, resolved (its folder exists; the file itself need not); empty when
  /// the file does not say (the program decides, e.g. a --db option).
  std::filesystem::path database;
  /// Workflow files in the order listed; a folder's *.yaml files sorted by name. Each exists; they
  /// are not read here (Engine::load_workflow_file does that).
  std::vector<WorkflowSource> workflows;
  /// The calendars by name, loaded and checked.
  CalendarSet calendars;
  /// `severity_rules:` entries of type `complaint`, in file order; names unique.
  std::vector<ComplaintRuleConfig> complaint_rules;
  PluginConfig plugins;
  /// `notifiers:` in file order; names unique, each takes at least one role or people.
  std::vector<NotifierConfig> notifiers;
  /// `staff:` whom dispatch strategies choose from; empty when the file has no staff.
  StaffConfig staff;
};

/// The outcome of loading: the configuration when there is no error, and every diagnostic found
/// (the configuration file's own sorted by position, then those of calendar and .ics files).
struct PROPDESK_API EngineConfigLoadResult {
  std::optional<EngineConfig> config;
  std::vector<Diagnostic> diagnostics;

  [[nodiscard]] bool ok() const { return config.has_value(); }
};

/// Loads a configuration file; its paths are relative to the file's folder. An unreadable file is
/// an error diagnostic at the file's name. Thread-safe; never throws except std::bad_alloc.
PROPDESK_API EngineConfigLoadResult load_engine_config_file(const std::filesystem::path& path,
                                                            const LoadLimits& limits = {});

/// Loads a configuration from text held in memory; `source_name` is used in locations and paths
/// are relative to `base_dir` (empty: the current directory). Thread-safe; never throws except
/// std::bad_alloc.
PROPDESK_API EngineConfigLoadResult load_engine_config_string(
    std::string_view text, std::string source_name = "<string>",
    const std::filesystem::path& base_dir = {}, const LoadLimits& limits = {});

}  // namespace propdesk
