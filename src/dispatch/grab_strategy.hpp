// The built-in `grab` dispatch strategy (抢单): the person firing the event takes the ticket
// themselves. Its pool is the actor alone, whom the engine offers only when they are on the staff
// with the action's role, handle the ticket's skill and are below their cap; on duty or not (they
// are at work right now), grab chooses them. Stateless.
#pragma once

#include "propdesk/dispatch_strategy.hpp"

namespace propdesk::dispatch {

class GrabStrategy final : public DispatchStrategy {
 public:
  [[nodiscard]] std::string_view name() const override;
  [[nodiscard]] DispatchPool pool() const override { return DispatchPool::kActor; }
  DispatchChoice choose(const Ticket& ticket, std::span<const DispatchCandidate> candidates) override;
};

}  // namespace propdesk::dispatch
