// propdesk/engine_setup.hpp: an engine as the configuration file describes it.
//
//   auto loaded = propdesk::load_engine_config_file("propdesk.yaml");
//   if (!loaded.ok()) { /* print loaded.diagnostics */ }
//   propdesk::Engine engine(store, propdesk::engine_options(*loaded.config));
//   auto findings = propdesk::load_workflows(engine, *loaded.config);
#pragma once

#include <memory>
#include <vector>

#include "propdesk/clock.hpp"
#include "propdesk/diagnostic.hpp"
#include "propdesk/engine.hpp"
#include "propdesk/engine_config.hpp"
#include "propdesk/export.hpp"

namespace propdesk {

/// The options an engine needs to run the configuration's workflows: its calendars, its
/// severity rules (the built-in complaint rules as configured), its notification routing
/// (notification_routing() of the `notifiers:`), its staff and the built-in dispatch strategies,
/// on `clock` (null: the system clock). Rules and strategies from plugins are added by the caller.
/// Throws std::invalid_argument if a rule's settings are refused (the configuration loader refuses
/// them first, so only for a configuration built in code).
PROPDESK_API EngineOptions engine_options(const EngineConfig& config,
                                          std::shared_ptr<const Clock> clock = nullptr);

/// The routing of the configuration's channels: each channel's roles, people and render options
/// (trusted, link_base), in file order.
PROPDESK_API NotificationRouting notification_routing(const std::vector<NotifierConfig>& notifiers);

/// Loads, validates and adds every workflow file the configuration lists
/// (Engine::load_workflow_file), in order. Returns every diagnostic; a file with errors is left
/// out and the others are still loaded.
PROPDESK_API std::vector<Diagnostic> load_workflows(Engine& engine, const EngineConfig& config);

}  // namespace propdesk
