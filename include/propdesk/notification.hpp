// propdesk/notification.hpp: one message to deliver, rendered and ready for a notifier.
//
// A transition's `notify` action names a template and a recipient (NotificationRequest, in
// engine.hpp); render_notification() (notification_renderer.hpp) turns that into a Notification:
// subject and body with every {{placeholder}} filled in, personal fields masked unless the channel
// is trusted. The store's outbox keeps it as rendered (outbox.hpp); notifiers (notifier.hpp)
// deliver it.
#pragma once

#include <map>
#include <string>

#include "propdesk/ticket.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

/// A rendered notification. Plain data.
struct Notification {
  /// The same for every delivery attempt of this notification, different for every other one;
  /// receivers that can deduplicate on it.
  std::string idempotency_key;
  TicketId ticket_id = 0;
  std::string ticket_code;
  std::string workflow;
  std::string template_name;
  std::string recipient;          ///< a role name, or a person's user id
  bool recipient_is_role = true;
  std::string subject;            ///< may be empty (a template written as one string)
  std::string body;
  std::string link;               ///< a link to the ticket; empty when none is configured
  std::string state;              ///< the ticket's state now
  std::string state_label;        ///< its display label, or the name when it has none
  std::string severity;           ///< "general" or "major"
  std::string event;              ///< the event that caused it; empty for timers and escalations
  TimePoint at;                   ///< when it was raised
  /// The ticket's fields as display text, masked like the body, by name.
  std::map<std::string, std::string, std::less<>> fields;

  friend bool operator==(const Notification&, const Notification&) = default;
};

}  // namespace propdesk
