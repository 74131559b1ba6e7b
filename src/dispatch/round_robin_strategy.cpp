#include "dispatch/round_robin_strategy.hpp"

#include "dispatch/on_duty_candidates.hpp"
#include "propdesk/builtin_dispatch_strategies.hpp"

namespace propdesk::dispatch {

std::string_view RoundRobinStrategy::name() const { return kRoundRobinStrategy; }

DispatchChoice RoundRobinStrategy::choose(const Ticket&, std::span<const DispatchCandidate> candidates) {
  const std::vector<std::size_t> on_duty = on_duty_candidates(candidates);
  if (on_duty.empty()) return {std::nullopt, nobody_on_duty(candidates)};
  const std::lock_guard lock(mutex_);
  std::size_t best = on_duty.front();
  std::uint64_t best_turn = UINT64_MAX;
  for (const std::size_t i : on_duty) {
    const auto it = last_.find(candidates[i].id);
    const std::uint64_t turn = it == last_.end() ? 0 : it->second;
    if (turn < best_turn) {
      best = i;
      best_turn = turn;
    }
  }
  last_[candidates[best].id] = ++turn_;
  return {best, "next in turn among " + std::to_string(on_duty.size()) + " on duty"};
}

}  // namespace propdesk::dispatch
