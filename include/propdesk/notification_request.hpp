// propdesk/notification_request.hpp: a notification the engine was asked to send.
#pragma once

#include <string>

namespace propdesk {

/// A notification a transition (a `notify` action) or an escalation step asked for. The engine
/// reports them in Transitioned and on the event bus, and, with channels configured
/// (EngineOptions::notifications), queues them rendered in the store's outbox with the change
/// (propdesk/outbox.hpp) for an OutboxDeliverer to send.
struct NotificationRequest {
  std::string to;             ///< a role name, or the person held in a field (e.g. the assignee's id)
  bool to_role = true;
  std::string template_name;  ///< empty: the channel's default text

  friend bool operator==(const NotificationRequest&, const NotificationRequest&) = default;
};

}  // namespace propdesk
