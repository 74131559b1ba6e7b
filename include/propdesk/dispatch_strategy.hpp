// propdesk/dispatch_strategy.hpp: choosing who gets a ticket (派单).
//
// A workflow's dispatch step may leave the choice of the assignee to a strategy: round robin among
// staff on duty, least loaded, ... Strategies are built in or come from plugins and are found by
// name in the PluginRegistry. This header is the interface only; the engine's use of it (candidates
// from the duty roster, caps on open orders, journaled assignments) comes with issue 5's dispatch
// part.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/ticket.hpp"

namespace propdesk {

/// One person a strategy may choose.
struct DispatchCandidate {
  std::string id;                   ///< user id
  bool on_duty = true;              ///< on duty now
  std::uint32_t open_orders = 0;    ///< tickets assigned to them and not closed
  std::vector<std::string> skills;  ///< the categories they handle (e.g. "plumbing")

  friend bool operator==(const DispatchCandidate&, const DispatchCandidate&) = default;
};

/// A strategy's answer.
struct DispatchChoice {
  /// Index into the candidates passed to choose(); nullopt when none fits.
  std::optional<std::size_t> chosen;
  /// Why, in one line for the journal ("fewest open orders (2)"), or why nobody was chosen.
  std::string reason;
};

/// Chooses an assignee. Implementations must be thread-safe (choose is called concurrently; a
/// strategy with state, such as round robin, synchronises it) and must not throw; a strategy that
/// cannot decide chooses nobody and says why.
class DispatchStrategy {
 public:
  virtual ~DispatchStrategy() = default;
  /// The name the configuration and workflows use: [a-z][a-z0-9_.-]*, unique among strategies.
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// Chooses among `candidates` for `ticket`. A returned index is below candidates.size().
  virtual DispatchChoice choose(const Ticket& ticket, std::span<const DispatchCandidate> candidates) = 0;
};

}  // namespace propdesk
