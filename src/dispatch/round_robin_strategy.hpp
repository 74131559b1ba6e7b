// The built-in `round_robin` dispatch strategy: staff on duty take turns. It chooses the on-duty
// candidate it chose least recently (one it never chose first), ties in the order offered (the
// staff's order in the configuration). Over a stable staff that is plain rotation with wrap-around;
// someone skipped for a while (at their cap, off duty) is next when they come back. The turns are
// kept in memory: a restarted engine starts the rotation afresh.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "propdesk/dispatch_strategy.hpp"

namespace propdesk::dispatch {

class RoundRobinStrategy final : public DispatchStrategy {
 public:
  [[nodiscard]] std::string_view name() const override;
  /// Thread-safe: concurrent calls take distinct turns.
  DispatchChoice choose(const Ticket& ticket, std::span<const DispatchCandidate> candidates) override;

 private:
  std::mutex mutex_;
  std::uint64_t turn_ = 0;                                   // the last turn given
  std::map<std::string, std::uint64_t, std::less<>> last_;  // id -> the turn they last got
};

}  // namespace propdesk::dispatch
