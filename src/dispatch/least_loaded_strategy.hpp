// The built-in `least_loaded` dispatch strategy: the on-duty candidate with the fewest open
// orders; among equals, the first offered (the staff's order in the configuration). Stateless.
#pragma once

#include "propdesk/dispatch_strategy.hpp"

namespace propdesk::dispatch {

class LeastLoadedStrategy final : public DispatchStrategy {
 public:
  [[nodiscard]] std::string_view name() const override;
  DispatchChoice choose(const Ticket& ticket, std::span<const DispatchCandidate> candidates) override;
};

}  // namespace propdesk::dispatch
