#include "dispatch/least_loaded_strategy.hpp"

#include "dispatch/on_duty_candidates.hpp"
#include "propdesk/builtin_dispatch_strategies.hpp"

namespace propdesk::dispatch {

std::string_view LeastLoadedStrategy::name() const { return kLeastLoadedStrategy; }

DispatchChoice LeastLoadedStrategy::choose(const Ticket&, std::span<const DispatchCandidate> candidates) {
  const std::vector<std::size_t> on_duty = on_duty_candidates(candidates);
  if (on_duty.empty()) return {std::nullopt, nobody_on_duty(candidates)};
  std::size_t best = on_duty.front();
  for (const std::size_t i : on_duty)
    if (candidates[i].open_orders < candidates[best].open_orders) best = i;
  return {best, "fewest open orders (" + std::to_string(candidates[best].open_orders) + ") among " +
                    std::to_string(on_duty.size()) + " on duty"};
}

}  // namespace propdesk::dispatch
