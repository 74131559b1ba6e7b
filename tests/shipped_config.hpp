// The shipped engine configuration (workflows/propdesk.yaml: the office calendars and the
// complaint severity rule) for tests that run the shipped workflows through an Engine.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "propdesk/engine_setup.hpp"

namespace propdesk {

/// EngineOptions with the shipped calendars and severity rules, on `clock`, and no staff: tests set
/// the staff they need (the shipped staff is tested through the CLI, tests/cli/shipped_staff_test).
/// Throws if the shipped configuration does not load (its own tests say why).
inline EngineOptions shipped_engine_options(std::shared_ptr<const Clock> clock = nullptr) {
  const EngineConfigLoadResult loaded =
      load_engine_config_file(std::string(PROPDESK_WORKFLOW_DIR) + "/propdesk.yaml");
  if (!loaded.ok())
    throw std::runtime_error("workflows/propdesk.yaml does not load: " +
                             (loaded.diagnostics.empty() ? std::string("?") : loaded.diagnostics.front().to_string()));
  EngineOptions options = engine_options(*loaded.config, std::move(clock));
  options.staff = {};
  return options;
}

}  // namespace propdesk
