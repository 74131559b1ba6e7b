// The plugins a verb that sends notifications loads: those the engine configuration names.
#pragma once

#include <string>
#include <vector>

#include "propdesk/engine_config.hpp"
#include "propdesk/plugin_loader.hpp"
#include "propdesk/plugin_registry.hpp"

namespace propdesk::cli {

/// Loads into `registry` the plugins `config` names (`plugins: load:` with their settings), looked
/// for in the configuration's `paths`, then in `extra_dirs` (--plugin-dir), then in the shipped
/// plugin folder (default_plugin_dir()). When the configuration names none, every plugin found
/// there is loaded, so that the shipped notifier types (log, webhook, email) work without a
/// `plugins:` section. Refusals are in the report (load_plugins() never throws for them).
PluginLoadReport load_configured_plugins(PluginRegistry& registry, const PluginConfig& config,
                                         const std::vector<std::string>& extra_dirs);

}  // namespace propdesk::cli
