// propdesk/event_bus.hpp: subscribe to what happens to tickets.
//
// The engine emits an event after each change is committed (never before, never for a change that
// failed). Subscribers run on the thread that made the change, in subscription order. A subscriber
// that throws is contained: the exception is caught, counted and passed to the error handler, and
// the remaining subscribers still run; the engine's state is not affected.
// Boost.Signals2 carries the events; it stays inside the library's .cpp files.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/notification_request.hpp"
#include "propdesk/ticket.hpp"

namespace propdesk {

/// One committed change.
struct TicketEvent {
  enum class Kind {
    kCreated,
    kTransitioned,
    kClosed,
    kSlaWarning,      ///< a clock crossed its warning point (`clock` says which)
    kSlaBreached,     ///< a clock crossed its target
    kEscalated,       ///< an escalation ladder step ran (`clock`, `percent`)
    kSeverityRaised,  ///< the ticket became major (`reason` says why)
  };
  static constexpr int kKinds = 7;
  Kind kind = Kind::kCreated;
  Ticket ticket;           ///< the ticket as committed
  std::string event;       ///< "create", the workflow event fired, or the journal event of a
                           ///< clock/severity change (sla_warning, sla_breached, escalation,
                           ///< severity_raised)
  std::string from_state;  ///< "" for kCreated
  /// kTransitioned, kClosed: the `label` of the transition that fired (Transitioned::transition);
  /// empty when it has none.
  std::string transition;
  Actor actor;
  std::string clock;       ///< kSlaWarning, kSlaBreached, kEscalated: the clock's name
  int percent = 0;         ///< kEscalated: the step's percentage; warnings/breaches: the threshold
  std::string reason;      ///< kSeverityRaised: the rule's reason
  /// The notifications the change asked for (a transition's `notify` actions, an escalation
  /// step's `notify` roles).
  std::vector<NotificationRequest> notifications;
};

/// Keeps a subscription alive; disconnects when destroyed or on disconnect(). Movable.
class PROPDESK_API Subscription {
 public:
  Subscription();
  ~Subscription();
  Subscription(Subscription&&) noexcept;
  Subscription& operator=(Subscription&&) noexcept;
  void disconnect();
  [[nodiscard]] bool connected() const;

 private:
  friend class EventBus;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The engine's event bus. Thread-safe: subscribe, disconnect and emit may run concurrently.
class PROPDESK_API EventBus {
 public:
  using Handler = std::function<void(const TicketEvent&)>;
  /// Receives the description of a subscriber's exception ("subscriber threw: <what>").
  using ErrorHandler = std::function<void(const std::string&)>;

  EventBus();
  ~EventBus();
  EventBus(const EventBus&) = delete;
  EventBus& operator=(const EventBus&) = delete;

  /// Calls `handler` for every event of one kind. A kClosed event follows the kTransitioned event
  /// of a change that entered a final state.
  [[nodiscard]] Subscription subscribe(TicketEvent::Kind kind, Handler handler);
  /// Calls `handler` for every event.
  [[nodiscard]] Subscription subscribe_all(Handler handler);
  /// Replaces the error handler (default: none; errors are still counted).
  void on_subscriber_error(ErrorHandler handler);
  /// How many times a subscriber has thrown.
  [[nodiscard]] std::uint64_t subscriber_errors() const;

  /// Delivers an event to the subscribers of its kind and to subscribe_all() subscribers. Never
  /// throws. Called by the engine after a commit.
  void emit(const TicketEvent& event) noexcept;
  /// Whether an event of `kind` would reach anybody (a subscriber of the kind, or of every event).
  /// The engine builds an event only then: a subscription made while a change commits sees the
  /// changes that commit after it. Never throws (answers true when it cannot tell).
  [[nodiscard]] bool has_subscribers(TicketEvent::Kind kind) const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace propdesk
