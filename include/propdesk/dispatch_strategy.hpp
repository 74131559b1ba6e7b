// propdesk/dispatch_strategy.hpp: choosing who gets a ticket (派单).
//
// A workflow's `{assign: {strategy: NAME, role: ROLE, skill_field: FIELD}}` leaves the choice of
// the assignee to a strategy: round robin among staff on duty, least loaded, grab (the actor takes
// it), or one a plugin provides. Strategies are built in (builtin_dispatch_strategies.hpp) or come
// from plugins, are registered by name in the PluginRegistry, and reach an engine through
// EngineOptions::dispatch_strategies.
//
// The engine does the part every strategy shares, so that no strategy can break it: it offers only
// people of the staff (staff.hpp) who have the role, handle the ticket's skill and are below their
// cap of open orders, and says why when nobody is left. The strategy picks one of them; whether an
// off-duty person may be picked is the strategy's decision (the built-in ones do not pick them,
// except grab, whose one candidate is the person taking the order right now).
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
  std::uint32_t open_orders = 0;    ///< tickets assigned to them and not closed (this one aside)
  std::vector<std::string> skills;  ///< the categories they handle (e.g. "plumbing"); empty: all

  friend bool operator==(const DispatchCandidate&, const DispatchCandidate&) = default;
};

/// A strategy's answer.
struct DispatchChoice {
  /// Index into the candidates passed to choose(); nullopt when none fits.
  std::optional<std::size_t> chosen;
  /// Why, in one line for the journal ("fewest open orders (2)"), or why nobody was chosen.
  std::string reason;
};

/// Whom the engine offers a strategy.
enum class DispatchPool {
  kStaff,  ///< the staff with the action's role, in the configuration's order
  kActor,  ///< the actor firing the event, alone (a repairer grabbing an order)
};

/// Chooses an assignee. Implementations must be thread-safe (choose is called concurrently; a
/// strategy with state, such as round robin, synchronises it) and must not throw; a strategy that
/// cannot decide chooses nobody and says why.
class DispatchStrategy {
 public:
  virtual ~DispatchStrategy() = default;
  /// The name the configuration and workflows use: [a-z][a-z0-9_.-]*, unique among strategies.
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// Whom the engine offers (plugin strategies: always the staff).
  [[nodiscard]] virtual DispatchPool pool() const { return DispatchPool::kStaff; }
  /// Chooses among `candidates` for `ticket` (the ticket as the transition is changing it: its
  /// fields include the event's input). `candidates` are those eligible (role, skill, below their
  /// cap), possibly none. A returned index is below candidates.size().
  virtual DispatchChoice choose(const Ticket& ticket, std::span<const DispatchCandidate> candidates) = 0;
};

}  // namespace propdesk
