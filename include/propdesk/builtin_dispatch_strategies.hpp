// propdesk/builtin_dispatch_strategies.hpp: the dispatch strategies propdesk brings along.
//
//   round_robin   staff on duty take turns (the one chosen least recently; never chosen first)
//   least_loaded  the on-duty person with the fewest open orders; among equals, the first listed
//   grab          the actor takes the ticket themselves (抢单), within their cap and skills
//
// Every engine has fresh instances of these unless its EngineOptions say otherwise; plugins add
// more. They are registered in a PluginRegistry like a plugin's, so their names are taken:
//
//   propdesk::PluginRegistry registry;
//   propdesk::add_builtin_dispatch_strategies(registry);
//   propdesk::load_plugins(registry, ...);                   // a plugin's strategies join them
//   options.dispatch_strategies = registry.dispatch_strategies();
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "propdesk/dispatch_strategy.hpp"
#include "propdesk/export.hpp"

namespace propdesk {

class PluginRegistry;

inline constexpr std::string_view kRoundRobinStrategy = "round_robin";
inline constexpr std::string_view kLeastLoadedStrategy = "least_loaded";
inline constexpr std::string_view kGrabStrategy = "grab";

/// New instances of round_robin, least_loaded and grab, in that order (round robin's turns start
/// afresh with each call). Thread-safe.
PROPDESK_API std::vector<std::shared_ptr<DispatchStrategy>> builtin_dispatch_strategies();

/// Adds new instances of the built-in strategies to `registry` (origin "builtin"), with one-line
/// descriptions. Throws std::invalid_argument, adding nothing, when one of the names is taken.
PROPDESK_API void add_builtin_dispatch_strategies(PluginRegistry& registry);

}  // namespace propdesk
