#include "propdesk/builtin_dispatch_strategies.hpp"

#include "dispatch/grab_strategy.hpp"
#include "dispatch/least_loaded_strategy.hpp"
#include "dispatch/round_robin_strategy.hpp"
#include "propdesk/plugin_registry.hpp"

namespace propdesk {

std::vector<std::shared_ptr<DispatchStrategy>> builtin_dispatch_strategies() {
  return {std::make_shared<dispatch::RoundRobinStrategy>(), std::make_shared<dispatch::LeastLoadedStrategy>(),
          std::make_shared<dispatch::GrabStrategy>()};
}

void add_builtin_dispatch_strategies(PluginRegistry& registry) {
  PluginRegistry::Additions additions;
  additions.dispatch_strategies = builtin_dispatch_strategies();
  const auto describe = [&](std::string_view name, std::string text) {
    additions.descriptions[{ProvidedKind::kDispatchStrategy, std::string(name)}] = std::move(text);
  };
  describe(kRoundRobinStrategy, "staff on duty take turns");
  describe(kLeastLoadedStrategy, "the person on duty with the fewest open orders");
  describe(kGrabStrategy, "the actor takes the ticket (抢单), within their cap and skills");
  registry.add(std::move(additions));
}

}  // namespace propdesk
