// The shipped engine configuration (workflows/propdesk.yaml: the office calendars and the
// complaint severity rule) for benchmarks that run the shipped workflows through an Engine: since
// the workflows have SLA clocks on the office calendar, an engine without these options refuses
// them.
#pragma once

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include "propdesk/clock.hpp"
#include "propdesk/engine_setup.hpp"

namespace propdesk_bench {

/// The shipped configuration, loaded once. Throws if it does not load.
inline const propdesk::EngineConfig& shipped_config() {
  static const propdesk::EngineConfig config = [] {
    propdesk::EngineConfigLoadResult loaded =
        propdesk::load_engine_config_file(std::string(PROPDESK_WORKFLOW_DIR) + "/propdesk.yaml");
    if (!loaded.ok())
      throw std::runtime_error("workflows/propdesk.yaml does not load: " +
                               (loaded.diagnostics.empty() ? std::string("?")
                                                           : loaded.diagnostics.front().to_string()));
    return std::move(*loaded.config);
  }();
  return config;
}

/// EngineOptions with the shipped calendars and severity rules, on `clock` (null: the system
/// clock). The environment variable PROPDESK_BENCH_TICKET_CACHE, when set, is the engine's ticket
/// cache capacity (EngineOptions::ticket_cache_capacity; 0 turns the cache off), so that one
/// binary can be run with and without it, alternately.
inline propdesk::EngineOptions shipped_engine_options(
    std::shared_ptr<const propdesk::Clock> clock = nullptr) {
  propdesk::EngineOptions options = propdesk::engine_options(shipped_config(), std::move(clock));
  if (const char* capacity = std::getenv("PROPDESK_BENCH_TICKET_CACHE"))
    options.ticket_cache_capacity = std::stoul(capacity);
  return options;
}

}  // namespace propdesk_bench
