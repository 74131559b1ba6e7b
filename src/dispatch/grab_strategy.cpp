#include "dispatch/grab_strategy.hpp"

#include "propdesk/builtin_dispatch_strategies.hpp"

namespace propdesk::dispatch {

std::string_view GrabStrategy::name() const { return kGrabStrategy; }

DispatchChoice GrabStrategy::choose(const Ticket&, std::span<const DispatchCandidate> candidates) {
  if (candidates.empty()) return {std::nullopt, "nobody to take it"};
  return {std::size_t{0}, candidates[0].id + " took it (" + std::to_string(candidates[0].open_orders) +
                              " other open orders)"};
}

}  // namespace propdesk::dispatch
